package io.rapidbyte.host.probe;

import static io.rapidbyte.host.probe.ProbeRun.err;
import static io.rapidbyte.host.probe.ProbeRun.ok;
import static io.rapidbyte.host.testing.ProbeDriver.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.frames.FrameLimits;
import io.rapidbyte.host.lifecycle.InstanceLimits;
import io.rapidbyte.host.sockets.NetworkAcl;
import io.rapidbyte.host.sockets.SocketOptions;
import io.rapidbyte.host.testing.ProbeDriver;
import io.rapidbyte.host.types.ErrorCodes;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sockets through the probe against a local ServerSocket on 127.0.0.1. */
class ProbeSocketsTest {
    private static final SocketOptions OPTIONS =
            new SocketOptions(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMillis(200), 4);

    private final ProbeRun probe = new ProbeRun();
    private ServerSocket server;
    private Thread peer;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        if (peer != null) {
            peer.join(60_000);
            assertFalse(peer.isAlive());
        }
        if (probe.instance != null) {
            probe.instance.close();
        }
    }

    private NetworkAcl acl() {
        return NetworkAcl.of(List.of("127.0.0.1:" + server.getLocalPort()));
    }

    /** Accepts one connection and runs {@code session} on it in the background. */
    private void serve(PeerSession session) {
        peer = new Thread(() -> {
            try (Socket s = server.accept()) {
                session.run(s);
            } catch (IOException e) {
                // The test asserts on what the guest saw; a broken peer shows up there.
            }
        }, "probe-socket-peer");
        peer.start();
    }

    @FunctionalInterface
    private interface PeerSession {
        void run(Socket socket) throws IOException;
    }

    private Map<String, Object> read(int len) {
        return op("socket-read", "socket", "s", "len", len);
    }

    @Test
    void readWriteWouldBlockAndEof() {
        serve(s -> {
            InputStream in = s.getInputStream();
            byte[] ping = in.readNBytes(4);
            s.getOutputStream().write(new StringBuilder(new String(ping, StandardCharsets.US_ASCII)).reverse()
                    .toString().getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            in.read();  // until the guest closes
        });
        List<Map<String, Object>> steps = new ArrayList<>(List.of(
                op("connect-tcp", "host", "127.0.0.1", "port", server.getLocalPort(), "as", "s"),
                read(64),                                               // 1: the peer waits for ping
                op("socket-write", "socket", "s", "text", "ping")));    // 2
        for (int i = 0; i < 20; i++) {
            steps.add(read(64));                                        // 3..22
        }
        steps.add(op("socket-close", "socket", "s"));                   // 23
        steps.add(read(1));                                             // 24
        List<ProbeDriver.Report> r = probe.run(b -> b.network(acl(), OPTIONS), steps.toArray(Map[]::new));
        assertTrue(ok(r, 0).number() > 0);
        assertEquals("would-block", ok(r, 1).map().get("kind"));
        assertEquals(4, ok(r, 2).number());
        StringBuilder data = new StringBuilder();
        boolean eof = false;
        for (int i = 3; i < 23; i++) {
            Map<String, Object> v = ok(r, i).map();
            switch ((String) v.get("kind")) {
                case "data" -> {
                    assertFalse(eof, "data after eof");
                    data.append(v.get("text"));
                }
                case "eof" -> eof = true;
                default -> assertEquals("", data.toString(), "would-block only before the data");
            }
        }
        assertEquals("gnip", data.toString());
        assertTrue(eof);
        ok(r, 23);
        err(r, 24, ErrorCodes.INVALID_SOCKET_HANDLE);
    }

    @Test
    void socketFramesReuseHostBuffersAndEveryByteArrivesOnce() throws InterruptedException {
        long reused = echoThroughSocketFrames(FrameLimits.DEFAULT_REUSABLE_BYTES);
        assertTrue(reused >= 8192, "written frames and receive buffers were reused: " + reused);
    }

    @Test
    void withoutReusableBytesNoSocketBufferIsReusedAndEveryByteStillArrivesOnce() throws InterruptedException {
        assertEquals(0, echoThroughSocketFrames(0), "reusable bytes 0: every host buffer is new");
    }

    /**
     * Writes three frames to a peer that echoes them, reads them back through socket frames with
     * the instance's reusable buffer bytes set to {@code reusableBytes}, checks every byte crossed
     * once in order both ways; the instance's reused buffer bytes.
     */
    private long echoThroughSocketFrames(long reusableBytes) throws InterruptedException {
        int size = 8192;
        String[] texts = {"a".repeat(size), "b".repeat(size), "c".repeat(size)};
        String all = String.join("", texts);
        StringBuilder atPeer = new StringBuilder();
        serve(s -> {
            byte[] got = s.getInputStream().readNBytes(all.length());
            atPeer.append(new String(got, StandardCharsets.US_ASCII));
            s.getOutputStream().write(got);
            s.shutdownOutput();
            s.getInputStream().read();
        });
        SocketOptions quickPolls = new SocketOptions(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(20), 4);
        List<Map<String, Object>> steps = new ArrayList<>();
        steps.add(op("connect-tcp", "host", "127.0.0.1", "port", server.getLocalPort(), "as", "s"));
        for (String text : texts) {
            steps.add(op("socket-write", "socket", "s", "text", text));
        }
        for (int i = 0; i < 1000; i++) {
            steps.add(read(size));  // reads past the end answer eof at once
        }
        steps.add(op("socket-close", "socket", "s"));
        InstanceLimits limits = InstanceLimits.DEFAULT.withFrames(FrameLimits.DEFAULT.withReusableBytes(reusableBytes));
        List<ProbeDriver.Report> r = probe.run(b -> b.network(acl(), quickPolls).limits(limits), steps.toArray(Map[]::new));
        StringBuilder back = new StringBuilder();
        boolean eof = false;
        for (int i = 1 + texts.length; i < r.size() - 1; i++) {
            Object kind = ok(r, i).map().get("kind");
            if ("data".equals(kind)) {
                back.append(ok(r, i).map().get("text"));
            }
            eof |= "eof".equals(kind);
        }
        assertTrue(eof, "the peer's end was reached");
        assertEquals(all, back.toString(), "the guest read every byte once, in order");
        peer.join(60_000);
        assertEquals(all, atPeer.toString(), "the peer got each written frame's own bytes");
        return probe.instance.reusedBufferBytes();
    }

    @Test
    void readTimeoutIsSocketTimeout() {
        serve(s -> s.getInputStream().read());
        SocketOptions quick = new SocketOptions(Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofMillis(100), 4);
        List<Map<String, Object>> steps = new ArrayList<>();
        steps.add(op("connect-tcp", "host", "127.0.0.1", "port", server.getLocalPort(), "as", "s"));
        for (int i = 0; i < 12; i++) {
            steps.add(read(16));
        }
        steps.add(op("socket-close", "socket", "s"));
        List<ProbeDriver.Report> r = probe.run(b -> b.network(acl(), quick), steps.toArray(Map[]::new));
        ok(r, 0);
        int i = 1;
        while (r.get(i).ok()) {
            assertEquals("would-block", r.get(i).map().get("kind"));
            i++;
        }
        ProbeDriver.Report timeout = err(r, i, ErrorCodes.SOCKET_TIMEOUT);
        assertEquals("transient-network", timeout.error().get("category"));
        assertEquals(true, timeout.error().get("retryable"));
    }

    @Test
    void aclConnectAndLimitErrors() throws IOException {
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = gone.getLocalPort();
        }
        NetworkAcl acl = NetworkAcl.of(List.of("127.0.0.1:" + server.getLocalPort(), "127.0.0.1:" + closedPort));
        SocketOptions oneSocket = new SocketOptions(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(50), 1);
        List<ProbeDriver.Report> r = probe.run(b -> b.network(acl, oneSocket),
                op("connect-tcp", "host", "127.0.0.1", "port", server.getLocalPort() == 1 ? 2 : 1),   // 0
                op("connect-tcp", "host", "example.com", "port", 443),                                // 1
                op("connect-tcp", "host", "127.0.0.1", "port", closedPort),                           // 2
                op("connect-tcp", "host", "127.0.0.1", "port", server.getLocalPort(), "as", "s"),     // 3
                op("connect-tcp", "host", "127.0.0.1", "port", server.getLocalPort()),                // 4
                op("socket-read", "socket", 12345, "len", 1),                                         // 5
                op("socket-read", "socket", "s", "len", 0));                                          // 6
        ProbeDriver.Report denied = err(r, 0, ErrorCodes.NETWORK_DENIED);
        assertEquals("permission", denied.error().get("category"));
        err(r, 1, ErrorCodes.NETWORK_DENIED);
        err(r, 2, ErrorCodes.CONNECT_FAILED);
        ok(r, 3);
        err(r, 4, ErrorCodes.SOCKET_LIMIT_EXCEEDED);
        err(r, 5, ErrorCodes.INVALID_SOCKET_HANDLE);
        err(r, 6, ErrorCodes.INVALID_ARGUMENT);
        probe.instance.close();
        assertEquals(1, probe.instance.leakedSockets(), "the open socket is closed and counted at teardown");
    }

    @Test
    void resetConnectionIsSocketIoFailed() {
        serve(s -> {
            // Reset only once the guest is surely connected: after its first bytes arrived.
            s.getInputStream().readNBytes(4);
            s.setSoLinger(true, 0);  // close with RST
        });
        List<Map<String, Object>> steps = new ArrayList<>();
        steps.add(op("connect-tcp", "host", "127.0.0.1", "port", server.getLocalPort(), "as", "s"));
        steps.add(op("socket-write", "socket", "s", "text", "ping"));
        for (int i = 0; i < 20; i++) {
            steps.add(read(16));
        }
        List<ProbeDriver.Report> r = probe.run(b -> b.network(acl(), OPTIONS), steps.toArray(Map[]::new));
        ok(r, 0);
        ok(r, 1);
        int i = 2;
        while (r.get(i).ok()) {
            assertEquals("would-block", r.get(i).map().get("kind"), "only would-block before the reset");
            i++;
        }
        err(r, i, ErrorCodes.SOCKET_IO_FAILED);
    }
}
