package io.rapidbyte.host.sockets;

import io.rapidbyte.host.frames.BufferPool;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading, writing, EOF, timeouts and interruption over real loopback connections. */
class SocketIoTest extends SocketTestSupport {
    // ---- data path ----------------------------------------------------------------------

    @Test
    void writeAndReadRoundTrip() throws IOException {
        ServerSocket server = server();
        SocketTable t = table(LOOPBACK, FAST);
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        Socket peer = accept(server);
        assertTrue(h != 0);

        assertEquals(5, t.write(h, text("hello")));
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), peer.getInputStream().readNBytes(5));

        peer.getOutputStream().write("world!".getBytes(StandardCharsets.UTF_8));
        assertEquals("world!", new String(readBytes(t, h, 6), StandardCharsets.UTF_8));
        assertEquals(0, t.write(h, FramePayload.EMPTY));
    }

    @Test
    void readWaitsOnlyAPollIntervalThenWouldBlock() throws IOException {
        ServerSocket server = server();
        SocketTable t = table(LOOPBACK, FAST);
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        accept(server);
        SocketReadResult r = t.read(h, 100);
        assertEquals(SocketReadResult.Kind.WOULD_BLOCK, r.kind());
        assertNull(r.data());
    }

    @Test
    void readsReturnAtMostTheRequestedLength() throws IOException {
        ServerSocket server = server();
        SocketTable t = table(LOOPBACK, FAST);
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        Socket peer = accept(server);
        peer.getOutputStream().write("0123456789".getBytes(StandardCharsets.UTF_8));
        SocketReadResult first = readSomething(t, h, 3);
        assertEquals(SocketReadResult.Kind.DATA, first.kind());
        assertTrue(first.data().length() <= 3 && first.data().length() >= 1);
        int rest = 10 - first.data().length();
        byte[] tail = readBytes(t, h, rest);
        assertEquals("0123456789", new String(first.data().toByteArray(), StandardCharsets.UTF_8)
                + new String(tail, StandardCharsets.UTF_8));
    }

    @Test
    void hugeLengthsAreCappedNotRejected() throws IOException {
        ServerSocket server = server();
        SocketTable t = table(LOOPBACK, FAST);
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        accept(server).getOutputStream().write(new byte[] {1, 2, 3});
        SocketReadResult r = readSomething(t, h, Long.MAX_VALUE);
        assertEquals(SocketReadResult.Kind.DATA, r.kind());
        assertTrue(r.data().length() <= SocketTable.MAX_READ_BYTES);
    }

    @Test
    void smallReadsAreCopiedOutOfTheReceiveBuffer() throws IOException {
        ServerSocket server = server();
        SocketTable t = table(LOOPBACK, FAST);
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        accept(server).getOutputStream().write(new byte[10]);
        int got = 0;
        while (got < 10) {
            got += readSomething(t, h, 1 << 20).data().length();
        }
        assertEquals(10, copies.internal(), "a 10-byte read must not pin the whole receive buffer");
        assertEquals(0, copies.guestToHost() + copies.hostToGuest());
    }

    @Test
    void readsThatFillTheBufferAreHandedOverWithoutCopy() throws IOException {
        ServerSocket server = server();
        SocketTable t = table(LOOPBACK, FAST);
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        accept(server).getOutputStream().write(new byte[10]);
        assertEquals(10, readBytes(t, h, 10).length, "asking for exactly what is there");
        assertEquals(0, copies.internal());
    }

    @Test
    void aReceiveBufferGivenBackIsFilledByTheNextRead() throws Exception {
        ServerSocket server = server();
        BufferPool buffers = new BufferPool(1 << 20);
        SocketTable t = new SocketTable(LOOPBACK, FAST, copies, buffers);
        cleanup.add(t::close);
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        Socket peer = accept(server);
        int size = 16 * 1024;
        byte[] data = new byte[4 * size];
        new Random(7).nextBytes(data);
        Future<?> sent = pool.submit(() -> {
            peer.getOutputStream().write(data);
            return null;
        });
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        Set<byte[]> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
        while (got.size() < data.length) {
            SocketReadResult r = readSomething(t, h, size);
            FramePayload payload = r.data();
            got.write(payload.array(), payload.offset(), payload.length());
            if (payload.length() >= size / 2) {
                arrays.add(payload.array());
                buffers.give(payload.array());  // what the frame table does when the guest drops the frame
            }
        }
        sent.get(30, TimeUnit.SECONDS);
        assertArrayEquals(data, got.toByteArray(), "every byte once, in order, though the buffer is refilled");
        assertEquals(1, arrays.size(), "one receive buffer served every full read");
        assertTrue(buffers.reuses() >= 1);
    }

    @Test
    void largeTransfersArriveIntactBothWays() throws Exception {
        ServerSocket server = server();
        SocketTable t = table(LOOPBACK, FAST);
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        Socket peer = accept(server);
        byte[] data = new byte[6 * 1024 * 1024 + 17];
        new Random(42).nextBytes(data);

        Future<byte[]> received = pool.submit(() -> peer.getInputStream().readNBytes(data.length));
        assertEquals(data.length, t.write(h, FramePayload.wrap(data)));
        assertArrayEquals(data, received.get(30, TimeUnit.SECONDS));

        Future<?> sent = pool.submit(() -> {
            peer.getOutputStream().write(data);
            return null;
        });
        assertArrayEquals(data, readBytes(t, h, data.length));
        sent.get(30, TimeUnit.SECONDS);
        assertTrue(copies.internal() <= data.length, "at most one internal copy per byte read");
    }

    @Test
    void eofAfterThePeerClosesIsSticky() throws IOException {
        ServerSocket server = server();
        SocketTable t = table(LOOPBACK, FAST);
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        Socket peer = accept(server);
        peer.getOutputStream().write('x');
        peer.close();
        assertEquals("x", new String(readBytes(t, h, 1), StandardCharsets.UTF_8));
        assertEquals(SocketReadResult.Kind.EOF, readSomething(t, h, 10).kind());
        assertEquals(SocketReadResult.Kind.EOF, t.read(h, 10).kind());
    }

    // ---- timeouts -----------------------------------------------------------------------

    @Test
    void consecutiveWouldBlocksEndInSocketTimeoutWithoutSpinning() throws IOException {
        ServerSocket server = server();
        SocketTable t = table(LOOPBACK, new SocketOptions(
                Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofMillis(20), 4));
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        accept(server);
        AtomicInteger wouldBlocks = new AtomicInteger();
        ConnectorError e = assertError(ErrorCodes.SOCKET_TIMEOUT, () -> {
            while (true) {
                assertEquals(SocketReadResult.Kind.WOULD_BLOCK, t.read(h, 10).kind());
                // A spinning read would make thousands of calls before the timeout.
                assertTrue(wouldBlocks.incrementAndGet() < 200, "reads are not waiting for the poll interval");
            }
        });
        assertTrue(wouldBlocks.get() >= 1);
        assertEquals(ErrorCategory.TRANSIENT_NETWORK, e.category());
        assertTrue(e.retryable());
        assertTrue(e.message().contains("socket " + h), e.message());
    }

    @Test
    void dataRestartsTheReadTimeout() throws IOException {
        ServerSocket server = server();
        long timeoutMs = 600;
        SocketTable t = table(LOOPBACK, new SocketOptions(
                Duration.ofSeconds(5), Duration.ofMillis(timeoutMs), Duration.ofMillis(20), 4));
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        Socket peer = accept(server);
        // Two runs of would-blocks, each about half the timeout, separated by data: together
        // longer than the timeout, but neither run alone reaches it.
        for (int run = 0; run < 2; run++) {
            long start = System.nanoTime();
            while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(timeoutMs / 2)) {
                assertEquals(SocketReadResult.Kind.WOULD_BLOCK, t.read(h, 10).kind());
            }
            peer.getOutputStream().write('d');
            assertEquals(1, readBytes(t, h, 1).length);
        }
    }

    @Test
    void writeFailsWhenThePeerStopsReading() throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReceiveBufferSize(4096);
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        server.setSoTimeout(10_000);
        cleanup.add(server);
        SocketTable t = table(LOOPBACK, new SocketOptions(
                Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofMillis(20), 4));
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        accept(server); // never reads
        ConnectorError e = assertError(ErrorCodes.SOCKET_TIMEOUT,
                () -> t.write(h, FramePayload.wrap(new byte[64 * 1024 * 1024])));
        assertTrue(e.retryable());
        assertEquals(ErrorCategory.TRANSIENT_NETWORK, e.category());
    }

    @Test
    void interruptEndsAWaitAndKeepsTheInterruptStatus() throws IOException {
        ServerSocket server = server();
        SocketTable t = table(LOOPBACK, FAST);
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        accept(server);
        Thread.currentThread().interrupt();
        try {
            ConnectorError e = assertError(ErrorCodes.SOCKET_IO_FAILED, () -> t.read(h, 10));
            assertTrue(e.message().contains("interrupted"), e.message());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void peerResetIsSocketIoFailed() throws IOException {
        ServerSocket server = server();
        SocketTable t = table(LOOPBACK, FAST);
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        Socket peer = accept(server);
        t.write(h, text("unread"));
        peer.setSoLinger(true, 0); // close with RST
        peer.close();
        ConnectorError e = assertError(ErrorCodes.SOCKET_IO_FAILED, () -> {
            for (int i = 0; i < 1000; i++) {
                if (t.read(h, 10).kind() == SocketReadResult.Kind.EOF) {
                    t.write(h, text("more")); // writes after a reset fail too
                }
            }
        });
        assertTrue(e.retryable());
    }
}
