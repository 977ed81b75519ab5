package io.rapidbyte.host.imports;

import static io.rapidbyte.host.imports.HostHarness.RET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.frames.FrameLimits;
import io.rapidbyte.host.sockets.NetworkAcl;
import io.rapidbyte.host.sockets.SocketOptions;
import io.rapidbyte.host.state.InMemoryStateStore;
import io.rapidbyte.host.testing.TlsTestServer;
import io.rapidbyte.host.types.ErrorCodes;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code socket-start-tls} through its canonical-ABI lowering: the flattened {@code tls-options}
 * record (name, verify, three option strings, the ALPN list) is read as ABI.md says, the
 * {@code tls-session} lands at the documented return-area offsets, bad discriminants are
 * INVALID_ARGUMENT, and plaintext then crosses each boundary exactly once.
 */
@Timeout(60)
class TlsImportsTest {
    private static final SocketOptions FAST = new SocketOptions(Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofMillis(20), 4);
    private static final int NAME = 0x1000;
    private static final int CA = 0x1100;
    private static final int ALPN_LIST = 0x2000;
    private static final int ALPN_NAME = 0x2100;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    private static HostHarness harness(SSLServerSocket server) {
        return new HostHarness(FrameLimits.DEFAULT, NetworkAcl.of(List.of("127.0.0.1:" + server.getLocalPort())),
                FAST, new InMemoryStateStore(), null, null);
    }

    private static long connect(HostHarness h, SSLServerSocket server) {
        int len = h.put(NAME, "127.0.0.1");
        h.call("connect-tcp", NAME, len, server.getLocalPort(), RET);
        return h.u64();
    }

    /** socket-start-tls with the CA as ca-pem, no client certificate, ALPN [postgresql]. */
    private static void startTls(HostHarness h, long socket, int verify, int alpnCount) {
        int nameLen = h.put(NAME, "127.0.0.1");
        int caLen = h.put(CA, TlsTestServer.CA.certPem());
        int alpnLen = h.put(ALPN_NAME, "postgresql");
        h.guest.raw.writeI32(ALPN_LIST, ALPN_NAME);
        h.guest.raw.writeI32(ALPN_LIST + 4, alpnLen);
        h.call("socket-start-tls", socket, NAME, nameLen, verify, 1, CA, caLen, 0, 0, 0, 0, 0, 0, ALPN_LIST, alpnCount,
                RET);
    }

    @Test
    void sessionLandsAtTheDocumentedOffsetsAndPlaintextCrossesEachBoundaryOnce() throws Exception {
        try (SSLServerSocket server = TlsTestServer.open(null, "postgresql")) {
            pool.submit(() -> {
                try (Socket peer = server.accept()) {
                    byte[] got = peer.getInputStream().readNBytes(4);
                    peer.getOutputStream().write(new String(got, StandardCharsets.US_ASCII).toUpperCase()
                            .getBytes(StandardCharsets.US_ASCII));
                    peer.getInputStream().read();
                }
                return null;
            });
            HostHarness h = harness(server);
            long socket = connect(h, server);
            startTls(h, socket, 2, 1);
            assertTrue(h.ok(), () -> "start-tls failed: " + h.err());
            String protocol = h.guest.string(h.i32At(8), h.i32At(12));
            assertTrue(protocol.startsWith("TLSv1."), protocol);
            assertTrue(h.guest.string(h.i32At(16), h.i32At(20)).startsWith("TLS_"));
            assertEquals(1, h.u8At(24), "alpn is some");
            assertEquals("postgresql", h.guest.string(h.i32At(28), h.i32At(32)));
            assertEquals(32, h.i32At(40));
            byte[] endPoint = new byte[32];
            for (int i = 0; i < 32; i++) {
                endPoint[i] = (byte) h.guest.raw.read(h.i32At(36) + i);
            }
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(TlsTestServer.SERVER.certificate()
                    .getEncoded()), endPoint);

            long beforeIn = h.copies.guestToHost();
            long beforeOut = h.copies.hostToGuest();
            h.call("socket-write-frame", socket, h.sealedFrame("ping"), RET);
            assertEquals(4, h.u64());
            String got = "";
            while (got.length() < 4) {
                h.call("socket-read-frame", socket, 64, RET);
                assertTrue(h.ok());
                if (h.u8At(8) == 0) {
                    int frame = h.i32At(12);
                    h.call("frame-len", frame, RET);
                    int n = (int) h.u64();
                    h.call("frame-read", frame, 0, n, RET);
                    got += h.guest.string(h.i32At(8), h.i32At(12));
                    h.call("frame-drop", frame);
                }
            }
            assertEquals("PING", got);
            assertEquals(4, h.copies.guestToHost() - beforeIn, "one copy into the host");
            assertEquals(4, h.copies.hostToGuest() - beforeOut, "one copy out of the host");
            h.call("socket-close", socket);
        }
    }

    @Test
    void badDiscriminantsAndTooManyAlpnNamesAreInvalidArguments() throws Exception {
        try (SSLServerSocket server = TlsTestServer.open(null)) {
            HostHarness h = harness(server);
            long socket = connect(h, server);
            startTls(h, socket, 3, 1);
            assertEquals(ErrorCodes.INVALID_ARGUMENT, h.errCode());
            startTls(h, socket, 2, 17);
            assertEquals(ErrorCodes.INVALID_ARGUMENT, h.errCode());
            assertTrue(h.err().message().contains("alpn"), h.err().message());
            int nameLen = h.put(NAME, "127.0.0.1");
            h.call("socket-start-tls", socket, NAME, nameLen, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, RET);
            assertEquals(ErrorCodes.INVALID_ARGUMENT, h.errCode(), "option tag 2");
            h.call("socket-start-tls", 999L, NAME, nameLen, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, RET);
            assertEquals(ErrorCodes.INVALID_SOCKET_HANDLE, h.errCode());
        }
    }
}
