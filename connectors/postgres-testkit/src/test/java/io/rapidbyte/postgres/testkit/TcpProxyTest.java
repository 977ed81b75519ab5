package io.rapidbyte.postgres.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay against a local echo server: it relays, cuts, and limits bandwidth. */
class TcpProxyTest {
    private ServerSocket echo;
    private TcpProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread t = new Thread(() -> echoUntilEnd(s));
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        proxy = new TcpProxy("echo", 0, echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void relaysBothWaysAndCutsEveryOpenConnectionWhileAcceptingNewOnes() throws Exception {
        try (Socket a = connect(); Socket b = connect()) {
            assertArrayEquals(bytes(1000, 7), roundTrip(a, bytes(1000, 7)));
            assertArrayEquals(bytes(10, 3), roundTrip(b, bytes(10, 3)));
            assertEquals(2, proxy.cutAll());
            for (Socket s : new Socket[] {a, b}) {
                assertThrows(IOException.class, () -> {
                    // A reset shows as an exception on read or write, or as the end of the stream.
                    for (int i = 0; i < 100; i++) {
                        s.getOutputStream().write(1);
                        s.getOutputStream().flush();
                        if (s.getInputStream().read() < 0) {
                            throw new IOException("end of stream");
                        }
                        Thread.sleep(10);
                    }
                });
            }
        }
        try (Socket c = connect()) {
            assertArrayEquals(bytes(100, 1), roundTrip(c, bytes(100, 1)), "a new connection after the cut works");
        }
        assertEquals(3, proxy.accepted());
    }

    @Test
    void anArmedCutResetsTheConnectionsOnceThatMuchWentUpstream() throws Exception {
        try (Socket s = connect()) {
            assertArrayEquals(bytes(1000, 2), roundTrip(s, bytes(1000, 2)), "bytes before arming do not count");
            proxy.cutAfterUpstream(50_000);
            assertArrayEquals(bytes(40_000, 4), roundTrip(s, bytes(40_000, 4)), "below the mark: relayed");
            byte[] echoed = roundTripUntilCut(s, bytes(100_000, 6));
            assertTrue(echoed.length <= 10_000, "at most the 10,000 bytes up to the mark came back, got "
                    + echoed.length);
            assertThrows(IOException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    s.getOutputStream().write(1);
                    s.getOutputStream().flush();
                    if (s.getInputStream().read() < 0) {
                        throw new IOException("end of stream");
                    }
                    Thread.sleep(10);
                }
            }, "the connection was reset");
        }
        try (Socket c = connect()) {
            assertArrayEquals(bytes(200_000, 8), roundTrip(c, bytes(200_000, 8)), "the cut fired once: disarmed");
        }
        assertThrows(IllegalArgumentException.class, () -> proxy.cutAfterUpstream(0));
    }

    @Test
    void aBandwidthLimitSlowsTheTransferDownToIt() throws Exception {
        proxy.limitBandwidth(64 * 1024);
        byte[] payload = bytes(128 * 1024, 5);
        long t0 = System.nanoTime();
        try (Socket s = connect()) {
            assertArrayEquals(payload, roundTrip(s, payload));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // 128 KiB at 64 KiB/s with at most a second's burst: at least one second (only a lower bound,
        // which load cannot break).
        assertTrue(seconds >= 0.9, "took " + seconds + " s");
        proxy.limitBandwidth(0);
        assertThrows(IllegalArgumentException.class, () -> proxy.limitBandwidth(-1));
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(30_000);
        return s;
    }

    /** As {@link #roundTrip}, but a reset ends the reading: returns what came back before it. */
    private static byte[] roundTripUntilCut(Socket s, byte[] data) throws Exception {
        try {
            return roundTrip(s, data);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static byte[] roundTrip(Socket s, byte[] data) throws Exception {
        Thread writer = new Thread(() -> {
            try {
                s.getOutputStream().write(data);
                s.getOutputStream().flush();
            } catch (IOException e) {
                // the reader reports what is missing
            }
        });
        writer.start();
        InputStream in = s.getInputStream();
        byte[] got = new byte[data.length];
        int n = 0;
        while (n < got.length) {
            int r = in.read(got, n, got.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        writer.join();
        return Arrays.copyOf(got, n);
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private static void echoUntilEnd(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // cut
        }
    }
}
