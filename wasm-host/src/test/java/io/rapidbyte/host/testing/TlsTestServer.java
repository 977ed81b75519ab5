package io.rapidbyte.host.testing;

import io.rapidbyte.postgres.testkit.TestCertificates;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A JDK TLS server on loopback for host tests, with a CA and a server certificate made at test
 * time ({@code CN=tls-test-server}, subjectAltName IP 127.0.0.1 and DNS localhost). Stateless.
 */
public final class TlsTestServer {
    public static final TestCertificates.Authority CA = TestCertificates.authority("Rapidbyte Host Test CA");
    public static final TestCertificates.Issued SERVER = CA.server("tls-test-server", "127.0.0.1", "localhost");

    private TlsTestServer() {
    }

    /**
     * A listening TLS server socket (the caller closes it); with {@code clientCa} it requires a
     * client certificate issued by that CA; {@code alpn} are the protocols it selects from.
     */
    public static SSLServerSocket open(TestCertificates.Authority clientCa, String... alpn) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", SERVER.key(), "pw".toCharArray(),
                new X509Certificate[] {SERVER.certificate(), CA.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "pw".toCharArray());
        TrustManagerFactory tmf = null;
        if (clientCa != null) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", clientCa.certificate());
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 4, InetAddress.getByName("127.0.0.1"));
        server.setSoTimeout(20_000);
        SSLParameters params = server.getSSLParameters();
        params.setNeedClientAuth(clientCa != null);
        if (alpn.length > 0) {
            params.setApplicationProtocols(alpn);
        }
        server.setSSLParameters(params);
        return server;
    }
}
