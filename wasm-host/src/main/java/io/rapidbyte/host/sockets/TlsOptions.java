package io.rapidbyte.host.sockets;

import java.util.List;
import java.util.Objects;

/**
 * WIT {@code host.tls-options}: how {@code socket-start-tls} upgrades a socket. Immutable.
 * {@link #toString()} never shows the PEM texts (a private key must not reach a log).
 *
 * @param serverName    SNI (sent unless it is an IP address) and the name {@link TlsVerify#FULL} checks
 * @param caPem         trusted CA certificates, PEM; null for the JVM's default trust store
 * @param clientCertPem client certificate chain, PEM, leaf first; null for none
 * @param clientKeyPem  its unencrypted private key, PEM (PKCS#8, or PKCS#1 RSA); null for none
 * @param alpn          ALPN protocols to offer, most preferred first; empty for none
 */
public record TlsOptions(String serverName, TlsVerify verify, String caPem, String clientCertPem,
        String clientKeyPem, List<String> alpn) {

    public TlsOptions {
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(verify, "verify");
        alpn = List.copyOf(alpn);
    }

    @Override
    public String toString() {
        return "TlsOptions[serverName=" + serverName + ", verify=" + verify + ", ca=" + (caPem != null)
                + ", clientCert=" + (clientCertPem != null) + ", clientKey=" + (clientKeyPem != null)
                + ", alpn=" + alpn + "]";
    }
}
