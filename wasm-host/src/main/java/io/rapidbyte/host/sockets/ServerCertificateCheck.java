package io.rapidbyte.host.sockets;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust manager of one handshake: checks the server per {@link TlsVerify} and remembers
 * <em>why</em> it refused, so the host can answer {@code TLS_UNTRUSTED_CERTIFICATE} or
 * {@code TLS_HOSTNAME_MISMATCH} instead of a generic handshake failure. The chain is checked with
 * the JDK's PKIX trust manager; the host name (when {@link TlsVerify#FULL}) by the same manager
 * with the engine's {@code HTTPS} endpoint identification (subjectAltName DNS and IP entries).
 * Client-side only. Confined to the handshaking thread.
 */
final class ServerCertificateCheck extends X509ExtendedTrustManager {
    enum Refusal { UNTRUSTED, HOSTNAME }

    private final TlsVerify verify;
    private final X509ExtendedTrustManager pkix;
    private Refusal refusal;
    private String reason;

    private ServerCertificateCheck(TlsVerify verify, X509ExtendedTrustManager pkix) {
        this.verify = verify;
        this.pkix = pkix;
    }

    /** @param caPem trusted CAs, or null for the JVM's default trust store */
    static ServerCertificateCheck create(TlsVerify verify, String caPem) throws GeneralSecurityException {
        if (verify == TlsVerify.NONE) {
            return new ServerCertificateCheck(verify, null);
        }
        KeyStore roots = null;
        if (caPem != null) {
            List<X509Certificate> cas = PemMaterial.certificates(caPem, "the CA certificates (ca-pem)");
            try {
                roots = KeyStore.getInstance(KeyStore.getDefaultType());
                roots.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException("cannot create an in-memory trust store", e);
            }
            for (int i = 0; i < cas.size(); i++) {
                roots.setCertificateEntry("ca-" + i, cas.get(i));
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(roots);
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return new ServerCertificateCheck(verify, x);
            }
        }
        throw new GeneralSecurityException("the JVM offers no X509ExtendedTrustManager");
    }

    Refusal refusal() {
        return refusal;
    }

    String reason() {
        return reason;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        if (verify == TlsVerify.NONE) {
            return;
        }
        try {
            pkix.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            refuse(Refusal.UNTRUSTED, "the server certificate " + subject(chain) + " is not trusted: "
                    + rootCause(e));
            throw e;
        }
        if (verify == TlsVerify.FULL) {
            try {
                pkix.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                refuse(Refusal.HOSTNAME, "the server certificate " + subject(chain) + " does not match host name \""
                        + engine.getPeerHost() + "\": " + rootCause(e));
                throw e;
            }
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("server checks need the SSLEngine");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("server checks need the SSLEngine");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("client-side trust manager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client-side trust manager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("client-side trust manager");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix == null ? new X509Certificate[0] : pkix.getAcceptedIssuers();
    }

    private void refuse(Refusal kind, String why) {
        refusal = kind;
        reason = why;
    }

    private static String subject(X509Certificate[] chain) {
        return chain.length == 0 ? "(none)" : "\"" + chain[0].getSubjectX500Principal().getName() + "\"";
    }

    private static String rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }
}
