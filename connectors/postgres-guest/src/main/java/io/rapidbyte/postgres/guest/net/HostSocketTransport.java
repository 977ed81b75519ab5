package io.rapidbyte.postgres.guest.net;

import io.rapidbyte.postgres.wire.PgTransport;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.Frame;
import io.rapidbyte.sdk.TlsOptions;
import io.rapidbyte.sdk.TlsSession;
import io.rapidbyte.sdk.abi.Host;

/**
 * {@link PgTransport} straight over the host's frame sockets, the one transport of both Postgres
 * connectors: each read asks {@code socket-read-frame} for at most the caller's free space and
 * copies the frame into the caller's buffer (one guest copy per read, no intermediate buffer);
 * writes collect in a {@value #OUT_BUFFER}-byte buffer that goes out as one sealed frame when full
 * and on {@link #flush()}, and a write at least that large goes out from the caller's array as its
 * own frame (so a 256 KiB CopyData chunk is one frame).
 *
 * <p>Until {@link #clearDeadline()} a wall-clock deadline bounds the wait for data (the connect
 * timeout covers startup and authentication; 0 means none); afterwards reads wait as long as the
 * host's socket read timeout allows. Host errors ({@code SOCKET_TIMEOUT}, ...) propagate as the
 * SDK's {@code ConnectorException}, which {@code postgres-wire} wraps and
 * {@link io.rapidbyte.postgres.guest.PgErrors} unwraps again. Owned by one connection; not
 * thread-safe.
 */
public final class HostSocketTransport implements PgTransport {
    /** Big enough that a 256 KiB CopyData chunk and its header go out in one frame. */
    public static final int OUT_BUFFER = 256 * 1024 + 64;

    private final long socket;
    private final String address;
    private final long timeoutMs;
    private final byte[] out = new byte[OUT_BUFFER];
    private int outLength;
    private long deadline;
    private boolean closed;

    private HostSocketTransport(long socket, String address, long timeoutMs) {
        this.socket = socket;
        this.address = address;
        this.timeoutMs = timeoutMs;
        this.deadline = timeoutMs > 0 ? System.currentTimeMillis() + timeoutMs : 0;
    }

    /**
     * {@code connect-tcp}; host errors ({@code NETWORK_DENIED}, {@code CONNECT_FAILED}) propagate.
     *
     * @param timeoutMs bound on waiting for data until {@link #clearDeadline()}; 0 for none
     */
    public static HostSocketTransport connect(String host, int port, String address, long timeoutMs) {
        return new HostSocketTransport(Host.connectTcp(host, port), address, timeoutMs);
    }

    /**
     * {@code socket-start-tls}: from now on the socket carries plaintext over TLS. Nothing may be
     * buffered in either direction (call it right after connecting or after the SSLRequest answer).
     * On a host error the socket is already closed.
     */
    public TlsSession startTls(TlsOptions options) {
        if (outLength != 0) {
            throw new IllegalStateException("unsent bytes before the TLS upgrade");
        }
        return Host.socketStartTls(socket, options);
    }

    /** Reads wait without a deadline of their own from now on. */
    public void clearDeadline() {
        deadline = 0;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        if (off < 0 || len <= 0 || off > buf.length - len) {
            throw new IndexOutOfBoundsException("read(" + off + ", " + len + ") on " + buf.length + " bytes");
        }
        while (true) {
            long result = Host.socketReadFrame(socket, len);
            if (result == Host.SOCKET_EOF) {
                return -1;
            }
            if (result == Host.SOCKET_WOULD_BLOCK) {
                checkDeadline();
                continue;
            }
            return copyOut(Frame.adopt((int) result), buf, off, len);
        }
    }

    private static int copyOut(Frame frame, byte[] buf, int off, int len) {
        try {
            long n = frame.length();
            if (n <= 0 || n > len) {
                throw ConnectorError.internal("INVALID_HOST_RESULT", "socket frame of " + n
                        + " bytes for a read of at most " + len).toException();
            }
            frame.read(0, buf, off, (int) n);
            return (int) n;
        } finally {
            frame.drop();
        }
    }

    /** One {@code socket-read-frame}: the host waits its poll interval, then answers would-block (0 here). */
    @Override
    public int readAvailable(byte[] buf, int off, int len) {
        if (off < 0 || len <= 0 || off > buf.length - len) {
            throw new IndexOutOfBoundsException("read(" + off + ", " + len + ") on " + buf.length + " bytes");
        }
        long result = Host.socketReadFrame(socket, len);
        if (result == Host.SOCKET_EOF) {
            return -1;
        }
        if (result == Host.SOCKET_WOULD_BLOCK) {
            checkDeadline();
            return 0;
        }
        return copyOut(Frame.adopt((int) result), buf, off, len);
    }

    @Override
    public void write(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IndexOutOfBoundsException("write(" + off + ", " + len + ") on " + buf.length + " bytes");
        }
        if (len > out.length - outLength) {
            flush();
            if (len >= out.length) {
                send(buf, off, len);
                return;
            }
        }
        System.arraycopy(buf, off, out, outLength, len);
        outLength += len;
    }

    @Override
    public void flush() {
        if (outLength == 0) {
            return;
        }
        int n = outLength;
        outLength = 0;
        send(out, 0, n);
    }

    private void send(byte[] bytes, int off, int n) {
        int frame = Host.frameNew(n);
        try {
            Host.frameWrite(frame, bytes, off, n);
            Host.frameSeal(frame);
        } catch (RuntimeException e) {
            Host.frameDrop(frame);
            throw e;
        }
        long written = Host.socketWriteFrame(socket, frame); // consumes the frame, also on error
        if (written != n) {
            throw ConnectorError.transientNetwork("SOCKET_IO_FAILED", "host wrote " + written + " of " + n
                    + " bytes to " + address).toException();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Host.socketClose(socket);
        }
    }

    private void checkDeadline() {
        if (deadline != 0 && System.currentTimeMillis() > deadline) {
            throw ConnectorError.transientNetwork("CONNECT_TIMEOUT", "no answer from " + address + " within "
                    + timeoutMs + " ms (connect_timeout_ms) while connecting").toException();
        }
    }
}
