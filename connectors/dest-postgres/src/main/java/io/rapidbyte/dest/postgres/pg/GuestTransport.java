package io.rapidbyte.dest.postgres.pg;

import io.rapidbyte.postgres.wire.PgTransport;
import io.rapidbyte.postgres.wire.PgTransportException;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.SocketStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@link PgTransport} over the SDK's host frame sockets. Host socket errors (timeouts, resets)
 * become {@link PgTransportException}s carrying the host's message, which the connection reports
 * as {@code transient-network} failures. Owned by one connection; not thread-safe.
 */
final class GuestTransport implements PgTransport {
    /** Big enough that a 256 KiB CopyData chunk goes out in one frame. */
    static final int BUFFER = 256 * 1024 + 64;

    private final SocketStream socket;
    private final InputStream in;
    private final OutputStream out;

    GuestTransport(SocketStream socket) {
        this.socket = socket;
        this.in = socket.input();
        this.out = socket.output();
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        try {
            return in.read(buf, off, len);
        } catch (ConnectorException e) {
            throw new PgTransportException(e.error().code() + ": " + e.error().message(), e);
        } catch (IOException e) {
            throw new PgTransportException(e.getMessage(), e);
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) {
        try {
            out.write(buf, off, len);
        } catch (ConnectorException e) {
            throw new PgTransportException(e.error().code() + ": " + e.error().message(), e);
        } catch (IOException e) {
            throw new PgTransportException(e.getMessage(), e);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (ConnectorException e) {
            throw new PgTransportException(e.error().code() + ": " + e.error().message(), e);
        } catch (IOException e) {
            throw new PgTransportException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (RuntimeException ignored) {
            // closing a broken socket: nothing left to do
        }
    }
}
