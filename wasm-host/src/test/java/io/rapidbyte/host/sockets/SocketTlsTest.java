package io.rapidbyte.host.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import io.rapidbyte.host.testing.TlsTestServer;
import io.rapidbyte.postgres.testkit.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * {@code socket-start-tls} at the socket table: the JDK's SSLEngine over the non-blocking channel
 * against a JDK TLS server with certificates made at test time. Every verification mode, the
 * three refusal codes, client certificates, ALPN, a bulk transfer both ways, and the handshake
 * bounded by the connect timeout.
 */
class SocketTlsTest extends SocketTestSupport {
    private static final TestCertificates.Authority CA = TlsTestServer.CA;
    private static final TestCertificates.Issued SERVER = TlsTestServer.SERVER;
    private static final TestCertificates.Authority OTHER_CA = TestCertificates.authority("Some Other CA");

    private static TlsOptions options(String name, TlsVerify verify, String caPem) {
        return new TlsOptions(name, verify, caPem, null, null, List.of());
    }

    private SSLServerSocket tlsServer(TestCertificates.Authority clientCa, String... alpn) throws Exception {
        SSLServerSocket server = TlsTestServer.open(clientCa, alpn);
        cleanup.add(server);
        return server;
    }

    /** Accepts one client and echoes what it sends until it closes; returns the bytes echoed. */
    private Future<Long> echo(ServerSocket server) {
        return pool.submit(() -> {
            long total = 0;
            try (Socket peer = server.accept()) {
                peer.setSoTimeout(20_000);
                InputStream in = peer.getInputStream();
                OutputStream out = peer.getOutputStream();
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    total += n;
                }
            }
            return total;
        });
    }

    @Test
    void verifyFullThenFrameCallsCarryPlaintext() throws Exception {
        SSLServerSocket server = tlsServer(null);
        Future<Long> echoed = echo(server);
        SocketTable t = table(LOOPBACK, FAST);
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());

        TlsSession session = t.startTls(h, options("127.0.0.1", TlsVerify.FULL, CA.certPem()));
        assertTrue(session.protocol().equals("TLSv1.3") || session.protocol().equals("TLSv1.2"), session.protocol());
        assertFalse(session.cipherSuite().isEmpty());
        assertNull(session.alpn());
        // RFC 5929: SHA-256 (the signature's hash) of the server's DER certificate.
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(SERVER.certificate().getEncoded()),
                session.serverEndPoint());

        assertEquals(5, t.write(h, text("hello")));
        assertEquals("hello", new String(readBytes(t, h, 5), StandardCharsets.UTF_8));
        t.closeSocket(h);
        assertEquals(5L, echoed.get(20, TimeUnit.SECONDS));
    }

    @Test
    void bulkTransferBothWaysIsExact() throws Exception {
        SSLServerSocket server = tlsServer(null);
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        // The server takes everything, then sends it back (the table is single-threaded: it
        // cannot read while its own write is still blocked).
        Future<byte[]> received = pool.submit(() -> {
            try (Socket peer = server.accept()) {
                peer.setSoTimeout(20_000);
                byte[] in = peer.getInputStream().readNBytes(data.length);
                peer.getOutputStream().write(in);
                peer.getOutputStream().flush();
                peer.getInputStream().read();
                return in;
            }
        });
        SocketTable t = table(LOOPBACK, FAST);
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        t.startTls(h, options("localhost", TlsVerify.FULL, CA.certPem()));

        assertEquals(data.length, t.write(h, FramePayload.wrap(data)));
        byte[] got = readBytes(t, h, data.length);
        t.closeSocket(h);
        assertArrayEquals(data, received.get(20, TimeUnit.SECONDS));
        assertArrayEquals(data, got);
        // Neither direction crossed a guest boundary here: no boundary copies were counted.
        assertEquals(0, copies.guestToHost() + copies.hostToGuest());
    }

    @Test
    void smallReadsAreServedFromOneRecordAndCountedAsInternalCopies() throws Exception {
        SSLServerSocket server = tlsServer(null);
        echo(server);
        SocketTable t = table(LOOPBACK, FAST);
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        t.startTls(h, options("127.0.0.1", TlsVerify.CA, CA.certPem()));
        t.write(h, text("0123456789"));
        StringBuilder got = new StringBuilder();
        while (got.length() < 10) {
            SocketReadResult r = readSomething(t, h, 3);
            assertEquals(SocketReadResult.Kind.DATA, r.kind());
            assertTrue(r.data().length() <= 3);
            got.append(new String(r.data().toByteArray(), StandardCharsets.UTF_8));
        }
        assertEquals("0123456789", got.toString());
        assertEquals(10, copies.internal(), "each staged byte is handed over once");
    }

    @Test
    void verifyCaIgnoresTheNameVerifyFullRefusesIt() throws Exception {
        SSLServerSocket server = tlsServer(null);
        echo(server);
        echo(server);
        SocketTable t = table(LOOPBACK, FAST);
        long ok = t.connectTcp("127.0.0.1", server.getLocalPort());
        t.startTls(ok, options("db.example.com", TlsVerify.CA, CA.certPem()));

        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        ConnectorError e = assertError(ErrorCodes.TLS_HOSTNAME_MISMATCH,
                () -> t.startTls(h, options("db.example.com", TlsVerify.FULL, CA.certPem())));
        assertEquals(ErrorCategory.AUTH, e.category());
        assertTrue(e.message().contains("db.example.com") && e.message().contains("CN=tls-test-server"), e.message());
        // The socket is closed after a failed upgrade.
        assertError(ErrorCodes.INVALID_SOCKET_HANDLE, () -> t.read(h, 10));
    }

    @Test
    void aCertificateFromAnotherCaIsUntrusted() throws Exception {
        SSLServerSocket server = tlsServer(null);
        echo(server);
        echo(server);
        SocketTable t = table(LOOPBACK, FAST);
        for (TlsVerify verify : new TlsVerify[] {TlsVerify.CA, TlsVerify.FULL}) {
            long h = t.connectTcp("127.0.0.1", server.getLocalPort());
            ConnectorError e = assertError(ErrorCodes.TLS_UNTRUSTED_CERTIFICATE,
                    () -> t.startTls(h, options("127.0.0.1", verify, OTHER_CA.certPem())));
            assertEquals(ErrorCategory.AUTH, e.category());
            assertTrue(e.message().contains("not trusted") && e.message().contains("CN=tls-test-server"), e.message());
        }
    }

    @Test
    void withoutCaPemTheJvmTrustStoreApplies() throws Exception {
        SSLServerSocket server = tlsServer(null);
        echo(server);
        SocketTable t = table(LOOPBACK, FAST);
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        assertError(ErrorCodes.TLS_UNTRUSTED_CERTIFICATE, () -> t.startTls(h, options("127.0.0.1", TlsVerify.CA, null)));
    }

    @Test
    void verifyNoneAcceptsAnyCertificate() throws Exception {
        SSLServerSocket server = tlsServer(null);
        echo(server);
        SocketTable t = table(LOOPBACK, FAST);
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        t.startTls(h, options("not-the-name", TlsVerify.NONE, OTHER_CA.certPem()));
        t.write(h, text("x"));
        assertEquals("x", new String(readBytes(t, h, 1), StandardCharsets.UTF_8));
    }

    @Test
    void clientCertificatesInBothKeyFormats() throws Exception {
        SSLServerSocket server = tlsServer(CA);
        SocketTable t = table(LOOPBACK, FAST);
        TestCertificates.Issued ec = CA.client("guest");
        TestCertificates.Issued rsa = CA.rsaClient("guest-rsa");
        for (String[] pair : new String[][] {{ec.certPem(), ec.keyPem()}, {rsa.certPem(), rsa.rsaKeyPemPkcs1()}}) {
            echo(server);
            long h = t.connectTcp("127.0.0.1", server.getLocalPort());
            t.startTls(h, new TlsOptions("127.0.0.1", TlsVerify.FULL, CA.certPem(), pair[0], pair[1], List.of()));
            t.write(h, text("cert"));
            assertEquals("cert", new String(readBytes(t, h, 4), StandardCharsets.UTF_8));
            t.closeSocket(h);
        }
    }

    @Test
    void aServerThatWantsAClientCertificateRefusesTheClientWithoutOne() throws Exception {
        SSLServerSocket server = tlsServer(CA);
        pool.submit(() -> {
            try (SSLSocket peer = (SSLSocket) server.accept()) {
                peer.startHandshake();
            } catch (IOException expected) {
                // the server refuses the client
            }
            return null;
        });
        SocketTable t = table(LOOPBACK, FAST);
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        // TLS 1.2 refuses in the handshake; TLS 1.3 after the client finished it, on the first read.
        ConnectorException e = assertThrows(ConnectorException.class, () -> {
            t.startTls(h, options("127.0.0.1", TlsVerify.FULL, CA.certPem()));
            readSomething(t, h, 10);
        });
        assertEquals(ErrorCodes.TLS_HANDSHAKE_FAILED, e.error().code(), e.error().message());
        assertEquals(ErrorCategory.CONFIG, e.error().category());
    }

    @Test
    void alpnIsOfferedAndTheSelectionReported() throws Exception {
        SSLServerSocket server = tlsServer(null, "postgresql");
        echo(server);
        SocketTable t = table(LOOPBACK, FAST);
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        TlsSession session = t.startTls(h, new TlsOptions("127.0.0.1", TlsVerify.FULL, CA.certPem(), null, null,
                List.of("postgresql")));
        assertEquals("postgresql", session.alpn());
    }

    @Test
    void badOptionsAreRefusedAndNameTheFieldNotTheSecret() throws Exception {
        ServerSocket plain = server();
        SocketTable t = table(LOOPBACK, FAST);
        TestCertificates.Issued client = CA.client("guest");
        String[][] cases = {
            {"not a pem", null, null, "CA certificates"},
            {CA.certPem(), client.certPem(), null, "needs its key"},
            {CA.certPem(), client.certPem(), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "client key"},
            {CA.certPem(), client.certPem(), CA.client("other").keyPem(), "does not fit"},
        };
        for (String[] c : cases) {
            long h = t.connectTcp("127.0.0.1", plain.getLocalPort());
            accept(plain);
            ConnectorError e = assertError(ErrorCodes.TLS_INVALID_OPTIONS,
                    () -> t.startTls(h, new TlsOptions("127.0.0.1", TlsVerify.FULL, c[0], c[1], c[2], List.of())));
            assertEquals(ErrorCategory.CONFIG, e.category());
            assertTrue(e.message().contains(c[3]), e.message());
            if (c[2] != null) {
                assertFalse(e.message().contains(c[2].substring(28, 32)), "the key text must not be in " + e.message());
            }
        }
    }

    @Test
    void upgradingTwiceIsRefused() throws Exception {
        SSLServerSocket server = tlsServer(null);
        echo(server);
        SocketTable t = table(LOOPBACK, FAST);
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        t.startTls(h, options("127.0.0.1", TlsVerify.FULL, CA.certPem()));
        assertError(ErrorCodes.TLS_INVALID_OPTIONS, () -> t.startTls(h, options("127.0.0.1", TlsVerify.FULL, CA.certPem())));
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheConnectTimeout() throws Exception {
        ServerSocket silent = server();
        SocketTable t = table(LOOPBACK, new SocketOptions(Duration.ofMillis(500), Duration.ofSeconds(10),
                Duration.ofMillis(20), 4));
        long h = t.connectTcp("127.0.0.1", silent.getLocalPort());
        accept(silent);
        assertError(ErrorCodes.SOCKET_TIMEOUT, () -> t.startTls(h, options("127.0.0.1", TlsVerify.NONE, null)));
    }

    @Test
    void aPlaintextServerIsAHandshakeFailure() throws Exception {
        ServerSocket plain = server();
        SocketTable t = table(LOOPBACK, FAST);
        long h = t.connectTcp("127.0.0.1", plain.getLocalPort());
        Socket peer = accept(plain);
        peer.getOutputStream().write("HTTP/1.0 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertError(ErrorCodes.TLS_HANDSHAKE_FAILED, () -> t.startTls(h, options("127.0.0.1", TlsVerify.NONE, null)));
    }
}
