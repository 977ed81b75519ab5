package io.rapidbyte.host.imports;

import static io.rapidbyte.host.imports.HostHarness.RET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.frames.FrameLimits;
import io.rapidbyte.host.sockets.NetworkAcl;
import io.rapidbyte.host.sockets.SocketOptions;
import io.rapidbyte.host.state.InMemoryStateStore;
import io.rapidbyte.host.testing.FakeGuest;
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
        return harness(server, FrameLimits.DEFAULT);
    }

    private static HostHarness harness(SSLServerSocket server, FrameLimits limits) {
        return new HostHarness(limits, NetworkAcl.of(List.of("127.0.0.1:" + server.getLocalPort())),
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

    @Test
    void socketFramesOverTlsReuseHostBuffersAndEveryByteCrossesOnce() throws Exception {
        long reuses = echoFramesOverTls(FrameLimits.DEFAULT);
        assertTrue(reuses >= ROUNDS - 1, "each written frame after the first fills a kept array: " + reuses);
    }

    @Test
    void socketFramesOverTlsWithoutReusableBytesAllocateEveryBuffer() throws Exception {
        assertEquals(0, echoFramesOverTls(FrameLimits.DEFAULT.withReusableBytes(0)));
    }

    private static final int ROUNDS = 6;
    private static final int FRAME_BYTES = 20 * 1024;

    /**
     * Round by round over one TLS socket: a frame of different text each round goes out with
     * socket-write-frame, the peer echoes it, the guest reads it back with socket-read-frame and
     * drops the frames, so written frames and receive buffers go back to the instance's pool
     * between rounds. Every round's bytes must arrive exactly, at the peer and back; returns the
     * pool's reuses.
     */
    private long echoFramesOverTls(FrameLimits limits) throws Exception {
        List<String> texts = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(11);
        for (int r = 0; r < ROUNDS; r++) {
            StringBuilder t = new StringBuilder(FRAME_BYTES);
            for (int i = 0; i < FRAME_BYTES; i++) {
                t.append((char) ('a' + random.nextInt(26)));
            }
            texts.add(t.toString());
        }
        try (SSLServerSocket server = TlsTestServer.open(null)) {
            java.util.concurrent.Future<List<String>> atPeer = pool.submit(() -> {
                List<String> got = new java.util.ArrayList<>();
                try (Socket peer = server.accept()) {
                    peer.setSoTimeout(20_000);
                    for (int r = 0; r < ROUNDS; r++) {
                        byte[] frame = peer.getInputStream().readNBytes(FRAME_BYTES);
                        got.add(new String(frame, StandardCharsets.US_ASCII));
                        peer.getOutputStream().write(frame);
                        peer.getOutputStream().flush();
                    }
                    peer.getInputStream().read();
                }
                return got;
            });
            HostHarness h = harness(server, limits);
            long socket = connect(h, server);
            startTls(h, socket, 2, 0);
            assertTrue(h.ok(), () -> "start-tls failed: " + h.err());
            // The bump allocator would run out: every frame-read lands at the same guest address.
            h.guest.forcedAnswer = FakeGuest.HEAP;
            for (int r = 0; r < ROUNDS; r++) {
                h.call("socket-write-frame", socket, h.sealedFrame(texts.get(r)), RET);
                assertEquals(FRAME_BYTES, h.u64(), "round " + r);
                StringBuilder back = new StringBuilder();
                while (back.length() < FRAME_BYTES) {
                    h.call("socket-read-frame", socket, 64 * 1024, RET);
                    assertTrue(h.ok(), () -> "socket-read-frame failed: " + h.err());
                    if (h.u8At(8) == 0) {
                        int frame = h.i32At(12);
                        h.call("frame-len", frame, RET);
                        int n = (int) h.u64();
                        for (int at = 0; at < n; at += 16 * 1024) {
                            h.call("frame-read", frame, at, Math.min(16 * 1024, n - at), RET);
                            back.append(h.guest.string(h.i32At(8), h.i32At(12)));
                        }
                        h.call("frame-drop", frame);
                    }
                }
                assertEquals(texts.get(r), back.toString(), "round " + r + " came back exactly");
            }
            h.call("socket-close", socket);
            assertEquals(texts, atPeer.get(30, java.util.concurrent.TimeUnit.SECONDS),
                    "the peer got each written frame's own bytes");
            return h.frames.buffers().reuses();
        }
    }
}
