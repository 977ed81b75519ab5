package io.rapidbyte.sdk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Mirror of WIT {@code host.tls-options}: what a guest asks of {@code socket-start-tls}. The PEM
 * texts are secrets: {@link #toString()} only says whether they are set. Immutable.
 */
public final class TlsOptions {
    private final String serverName;
    private final TlsVerify verify;
    private final String caPem;
    private final String clientCertPem;
    private final String clientKeyPem;
    private final List<String> alpn;

    /**
     * @param caPem         trusted CA certificates (PEM), or null for the host's default trust store
     * @param clientCertPem client certificate chain (PEM), or null
     * @param clientKeyPem  its unencrypted private key (PEM), or null
     * @param alpn          ALPN names to offer, most preferred first; empty for none
     */
    public TlsOptions(String serverName, TlsVerify verify, String caPem, String clientCertPem, String clientKeyPem,
            List<String> alpn) {
        if (serverName == null || verify == null || alpn == null) {
            throw new NullPointerException("serverName, verify and alpn are required");
        }
        this.serverName = serverName;
        this.verify = verify;
        this.caPem = caPem;
        this.clientCertPem = clientCertPem;
        this.clientKeyPem = clientKeyPem;
        this.alpn = Collections.unmodifiableList(new ArrayList<String>(alpn));
    }

    public String serverName() {
        return serverName;
    }

    public TlsVerify verify() {
        return verify;
    }

    /** Null when the host's default trust store applies. */
    public String caPem() {
        return caPem;
    }

    public String clientCertPem() {
        return clientCertPem;
    }

    public String clientKeyPem() {
        return clientKeyPem;
    }

    public List<String> alpn() {
        return alpn;
    }

    @Override
    public String toString() {
        return "TlsOptions{serverName=" + serverName + ", verify=" + verify.wireName() + ", ca=" + (caPem != null)
                + ", clientCert=" + (clientCertPem != null) + ", clientKey=" + (clientKeyPem != null) + ", alpn="
                + alpn + "}";
    }
}
