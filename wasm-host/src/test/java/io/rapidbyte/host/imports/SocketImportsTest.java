package io.rapidbyte.host.imports;

import static io.rapidbyte.host.imports.HostHarness.RET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.frames.FrameLimits;
import io.rapidbyte.host.sockets.NetworkAcl;
import io.rapidbyte.host.sockets.SocketOptions;
import io.rapidbyte.host.state.InMemoryStateStore;
import io.rapidbyte.host.types.ErrorCodes;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SocketImportsTest {
    private static final SocketOptions FAST = new SocketOptions(Duration.ofSeconds(5), Duration.ofMillis(300),
            Duration.ofMillis(20), 4);

    @Test
    void readWriteAndEofThroughFrames() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HostHarness h = new HostHarness(FrameLimits.DEFAULT, NetworkAcl.of(List.of("127.0.0.1:" + server.getLocalPort())),
                    FAST, new InMemoryStateStore(), null, null);
            int hostLen = h.put(0x1000, "127.0.0.1");
            // The port is a u16: high bits of the i32 are ignored.
            h.call("connect-tcp", 0x1000, hostLen, 0x10000 | server.getLocalPort(), RET);
            long socket = h.u64();
            try (Socket peer = server.accept()) {
                int frame = h.sealedFrame("ping");
                h.call("socket-write-frame", socket, frame, RET);
                assertEquals(4, h.u64());
                assertEquals(0, h.frames.liveFrames());
                InputStream in = peer.getInputStream();
                assertEquals("ping", new String(in.readNBytes(4), StandardCharsets.US_ASCII));

                OutputStream out = peer.getOutputStream();
                out.write("pong".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String got = "";
                while (got.length() < 4) {
                    h.call("socket-read-frame", socket, 64, RET);
                    assertTrue(h.ok());
                    if (h.u8At(8) == 0) {
                        int data = h.i32At(12);
                        h.call("frame-len", data, RET);
                        int n = (int) h.u64();
                        h.call("frame-read", data, 0, n, RET);
                        got += h.guest.string(h.i32At(8), h.i32At(12));
                        h.call("frame-drop", data);
                    } else {
                        assertEquals(2, h.u8At(8), "only would-block may precede the data");
                    }
                }
                assertEquals("pong", got);
                peer.shutdownOutput();
                int kind;
                do {
                    h.call("socket-read-frame", socket, 64, RET);
                    kind = h.u8At(8);
                } while (kind == 2);
                assertEquals(1, kind);
            }
            h.call("socket-close", socket);
            h.call("socket-close", socket);
            h.call("socket-read-frame", socket, 1, RET);
            assertEquals(ErrorCodes.INVALID_SOCKET_HANDLE, h.errCode());
        }
    }

    @Test
    void aclDenialAndConsumedFrameOnBadSocket() {
        HostHarness h = new HostHarness();
        int len = h.put(0x1000, "example.com");
        h.call("connect-tcp", 0x1000, len, 443, RET);
        assertEquals(ErrorCodes.NETWORK_DENIED, h.errCode());
        int frame = h.sealedFrame("x");
        h.call("socket-write-frame", 99, frame, RET);
        assertEquals(ErrorCodes.INVALID_SOCKET_HANDLE, h.errCode());
        assertEquals(0, h.frames.liveFrames(), "own<frame> is consumed even on error");
    }
}
