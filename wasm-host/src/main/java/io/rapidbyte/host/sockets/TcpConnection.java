package io.rapidbyte.host.sockets;

import io.rapidbyte.host.frames.BufferPool;
import io.rapidbyte.host.frames.CopyCounter;
import io.rapidbyte.host.frames.FramePayload;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * One TCP connection of a {@link SocketTable}. A non-blocking channel with its own selector:
 * that gives bounded waits for connect, read and write (a blocking {@code java.net.Socket}
 * cannot time out a write) and lets {@link Thread#interrupt()} end any wait at once.
 *
 * <p>After {@link #startTls} reads and writes carry plaintext through a {@link TlsLayer} with the
 * same poll, would-block and timeout rules.
 *
 * <p>Speaks only {@link IOException}: {@link SocketTimeoutException} for timeouts, a plain
 * {@link InterruptedIOException} when the thread was interrupted (its interrupt status stays
 * set). The table turns them into connector errors. Confined to the instance thread.
 */
final class TcpConnection implements Closeable {
    private static final int MIN_READ_SIZE = 16 * 1024;
    private static final long NOT_WAITING = Long.MIN_VALUE;

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    /**
     * Receive buffer reused across reads until it is handed out as a payload; then the next read
     * takes one from the pool (where the frame table puts it back once the guest drops the frame)
     * or allocates one.
     */
    private byte[] scratch;
    /** Grows while reads fill the buffer (bulk transfer needs fewer calls), shrinks when they don't. */
    private int readSize = MIN_READ_SIZE;
    /** Start of the current run of reads that found no data, or NOT_WAITING. */
    private long waitingSince = NOT_WAITING;
    /** Set once the connection is upgraded to TLS. */
    private TlsLayer tls;

    private TcpConnection(SocketChannel channel, Selector selector, SelectionKey key) {
        this.channel = channel;
        this.selector = selector;
        this.key = key;
    }

    /** Connects to {@code address}, giving up at {@code deadlineNanos} ({@link System#nanoTime()}). */
    static TcpConnection open(InetSocketAddress address, long deadlineNanos) throws IOException {
        SocketChannel channel = SocketChannel.open();
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            selector = Selector.open();
            SelectionKey key = channel.register(selector, 0);
            if (!channel.connect(address)) {
                while (!channel.finishConnect()) {
                    long remaining = deadlineNanos - System.nanoTime();
                    if (remaining <= 0) {
                        throw new SocketTimeoutException("connect timed out");
                    }
                    await(selector, key, SelectionKey.OP_CONNECT, remaining);
                }
            }
            return new TcpConnection(channel, selector, key);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            closeQuietly(selector);
            throw e;
        }
    }

    /**
     * Reads up to {@code maxLen} bytes, waiting at most {@code pollNanos} for the first byte.
     * Returns WOULD_BLOCK if none came, unless no data has come for {@code timeoutNanos} across
     * consecutive empty reads: then {@link SocketTimeoutException}.
     */
    SocketReadResult read(int maxLen, long pollNanos, long timeoutNanos, BufferPool buffers, CopyCounter copies)
            throws IOException {
        long start = System.nanoTime();
        int size = Math.min(maxLen, tls == null ? readSize : Math.max(readSize, tls.applicationBufferSize()));
        if (scratch == null || scratch.length < size) {
            if (scratch != null) {
                buffers.give(scratch);
            }
            // Any kept array that is large enough: reads that fill less than half of it are
            // copied out (takeRead), so it stays here for the next read instead of being pinned.
            byte[] reused = buffers.take(size, Integer.MAX_VALUE);
            scratch = reused != null ? reused : new byte[size];
        }
        ByteBuffer buffer = ByteBuffer.wrap(scratch, 0, size);
        int n = fill(buffer, copies, timeoutNanos);
        if (n == 0) {
            long wait = pollNanos;
            if (waitingSince != NOT_WAITING) {
                wait = Math.min(wait, waitingSince + timeoutNanos - start);
            }
            if (wait > 0) {
                await(selector, key, SelectionKey.OP_READ, wait);
                n = fill(buffer, copies, timeoutNanos);
            }
        }
        if (n < 0) {
            waitingSince = NOT_WAITING;
            return SocketReadResult.eof();
        }
        if (n == 0) {
            if (waitingSince == NOT_WAITING) {
                waitingSince = start;
            }
            if (System.nanoTime() - waitingSince >= timeoutNanos) {
                waitingSince = NOT_WAITING;
                throw new SocketTimeoutException("no data within the read timeout");
            }
            return SocketReadResult.wouldBlock();
        }
        waitingSince = NOT_WAITING;
        // Full: no room was left for more (over TLS: for another whole record).
        boolean full = tls == null ? n == size : size - n < tls.applicationBufferSize();
        if (full && size >= readSize) {
            readSize = (int) Math.min(2L * size, SocketTable.MAX_READ_BYTES);
        } else if (n < size / 4) {
            readSize = Math.max(MIN_READ_SIZE, readSize / 2);
        }
        return SocketReadResult.data(takeRead(n, copies));
    }

    /**
     * The bytes just read. A mostly-full buffer is handed out as-is (no copy, bounded waste);
     * a small read is copied out so the large buffer is not pinned by a few bytes.
     */
    private FramePayload takeRead(int n, CopyCounter copies) {
        if (n >= scratch.length / 2) {
            FramePayload payload = FramePayload.wrap(scratch, 0, n);
            scratch = null;
            return payload;
        }
        copies.addInternal(n);
        return FramePayload.wrap(Arrays.copyOf(scratch, n));
    }

    /** Writes every byte, failing if no progress is made for {@code timeoutNanos}. */
    void write(FramePayload payload, long timeoutNanos) throws IOException {
        ByteBuffer buffer = payload.asByteBuffer();
        if (tls != null) {
            tls.write(buffer, timeoutNanos);
        } else {
            writeFully(buffer, timeoutNanos);
        }
        // The peer is being talked to, so an earlier run of empty reads is over.
        waitingSince = NOT_WAITING;
    }

    /**
     * Upgrades the connection to TLS: the handshake must finish by {@code deadlineNanos}.
     *
     * @throws IllegalStateException when it already is TLS
     */
    TlsSession startTls(javax.net.ssl.SSLEngine engine, long deadlineNanos) throws IOException {
        if (tls != null) {
            throw new IllegalStateException("the socket already speaks TLS");
        }
        TlsLayer layer = TlsLayer.handshake(this, engine, deadlineNanos);
        tls = layer;
        waitingSince = NOT_WAITING;
        return layer.session();
    }

    boolean isTls() {
        return tls != null;
    }

    private int fill(ByteBuffer buffer, CopyCounter copies, long timeoutNanos) throws IOException {
        return tls == null ? channel.read(buffer) : tls.read(buffer, copies, timeoutNanos);
    }

    /** Ciphertext or plaintext straight from the channel, without waiting. */
    int readRaw(ByteBuffer buffer) throws IOException {
        return channel.read(buffer);
    }

    /** Waits up to {@code nanos} for the channel to become readable. */
    void awaitReadable(long nanos) throws IOException {
        await(selector, key, SelectionKey.OP_READ, nanos);
    }

    /** Writes what the channel takes right now (close_notify on the way out). */
    void writeRawNow(ByteBuffer buffer) throws IOException {
        channel.write(buffer);
    }

    /** Writes every byte of {@code buffer} to the channel, failing if no progress is made for {@code timeoutNanos}. */
    void writeFully(ByteBuffer buffer, long timeoutNanos) throws IOException {
        int total = buffer.remaining();
        long deadline = System.nanoTime() + timeoutNanos;
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) > 0) {
                deadline = System.nanoTime() + timeoutNanos;
                continue;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new SocketTimeoutException("write made no progress within the timeout after "
                        + (total - buffer.remaining()) + " of " + total + " bytes");
            }
            await(selector, key, SelectionKey.OP_WRITE, remaining);
        }
    }

    /** Waits until {@code op} is ready or the time is up (no busy loop; interruptible). */
    private static void await(Selector selector, SelectionKey key, int op, long nanos) throws IOException {
        key.interestOps(op);
        selector.select(Math.max(1, (nanos + 999_999) / 1_000_000));
        selector.selectedKeys().clear();
        key.interestOps(0);
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted");
        }
    }

    @Override
    public void close() {
        if (tls != null) {
            tls.closeQuietly();
        }
        closeQuietly(channel);
        closeQuietly(selector);
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // Nothing useful to do: the connection is gone either way.
            }
        }
    }
}
