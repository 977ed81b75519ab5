package io.rapidbyte.sdk;

import io.rapidbyte.sdk.abi.Bounds;
import io.rapidbyte.sdk.abi.Host;
import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A buffered TCP connection over the host's frame-based sockets: {@code connect-tcp},
 * {@code socket-read-frame}, {@code socket-write-frame}, {@code socket-close}.
 *
 * <p>{@link #input()} blocks like a normal stream: on {@code would-block} it simply asks again (the
 * host already waited a poll interval, so this is not a busy loop) until data or end of stream; the
 * host's read timeout surfaces as a {@code SOCKET_TIMEOUT} {@link ConnectorException}. Each refill
 * reads up to the buffer size (64 KiB by default) in one frame: socket-read-frame, frame-len,
 * frame-read, frame-drop. {@link #output()} buffers and sends each flush as one sealed frame.
 *
 * <p>Owns its socket handle until {@link #close()}. Not thread-safe.
 */
public final class SocketStream implements Closeable {
    public static final int DEFAULT_BUFFER_SIZE = 64 * 1024;

    private final long handle;
    private final SocketInput input;
    private final SocketOutput output;
    private boolean closed;

    private SocketStream(long handle, int bufferSize) {
        this.handle = handle;
        this.input = new SocketInput(bufferSize);
        this.output = new SocketOutput(bufferSize);
    }

    /** Connects with {@link #DEFAULT_BUFFER_SIZE} buffers. */
    public static SocketStream connect(String host, int port) {
        return connect(host, port, DEFAULT_BUFFER_SIZE);
    }

    public static SocketStream connect(String host, int port, int bufferSize) {
        if (bufferSize <= 0 || bufferSize > (16 << 20)) {
            throw new IllegalArgumentException("buffer size out of range: " + bufferSize);
        }
        return new SocketStream(Host.connectTcp(host, port), bufferSize);
    }

    public long handle() {
        return handle;
    }

    public InputStream input() {
        return input;
    }

    public OutputStream output() {
        return output;
    }

    /** Flushes pending output, then {@code socket-close}. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            output.flush();
        } finally {
            Host.socketClose(handle);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("socket closed");
        }
    }

    private final class SocketInput extends InputStream {
        private final byte[] buffer;
        private int position;
        private int limit;
        private boolean eof;

        SocketInput(int size) {
            buffer = new byte[size];
        }

        @Override
        public int read() {
            if (position == limit && !fill()) {
                return -1;
            }
            return buffer[position++] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            Bounds.check(target, offset, length);
            if (length == 0) {
                return 0;
            }
            if (position == limit && !fill()) {
                return -1;
            }
            int n = Math.min(length, limit - position);
            System.arraycopy(buffer, position, target, offset, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return limit - position;
        }

        /** Refills the empty buffer from one host frame; false at end of stream. */
        private boolean fill() {
            ensureOpen();
            if (eof) {
                return false;
            }
            while (true) {
                long result = Host.socketReadFrame(handle, buffer.length);
                if (result == Host.SOCKET_WOULD_BLOCK) {
                    continue;
                }
                if (result == Host.SOCKET_EOF) {
                    eof = true;
                    return false;
                }
                Frame frame = Frame.adopt((int) result);
                try {
                    long length = frame.length();
                    if (length <= 0 || length > buffer.length) {
                        throw ConnectorError.internal("INVALID_HOST_RESULT", "socket frame of " + length
                                + " bytes for a read of at most " + buffer.length).toException();
                    }
                    frame.read(0, buffer, 0, (int) length);
                    position = 0;
                    limit = (int) length;
                    return true;
                } finally {
                    frame.drop();
                }
            }
        }
    }

    private final class SocketOutput extends OutputStream {
        private final byte[] buffer;
        private int count;

        SocketOutput(int size) {
            buffer = new byte[size];
        }

        @Override
        public void write(int b) {
            if (count == buffer.length) {
                flush();
            }
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            Bounds.check(data, offset, length);
            if (length > buffer.length - count) {
                flush();
                if (length >= buffer.length) {
                    send(data, offset, length);
                    return;
                }
            }
            System.arraycopy(data, offset, buffer, count, length);
            count += length;
        }

        @Override
        public void flush() {
            if (count > 0) {
                int n = count;
                count = 0;
                send(buffer, 0, n);
            }
        }

        private void send(byte[] data, int offset, int length) {
            ensureOpen();
            Frame frame = Frame.sealed(data, offset, length);
            long written = Host.socketWriteFrame(handle, frame.release());
            if (written != length) {
                throw ConnectorError.transientNetwork("SOCKET_IO_FAILED", "host wrote " + written + " of "
                        + length + " bytes").toException();
            }
        }
    }
}
