package io.rapidbyte.postgres.wire;

import io.rapidbyte.postgres.wire.binary.BigEndian;

/**
 * Reads backend messages from a {@link PgTransport} through one large buffer.
 * Each transport read asks for as much as the buffer can hold, so a stream of
 * small messages costs one transport call per buffer-full, not per message.
 *
 * <p>After {@link #next()} the message body is a view
 * ({@link #buffer()}, {@link #bodyOffset()}, {@link #bodyLength()}) into the
 * internal buffer, valid only until the next call. A message larger than the
 * buffer grows it; once such a message has been consumed the buffer shrinks back,
 * so one huge row does not pin its memory for the rest of the session.
 *
 * <p>Owned by one connection; not thread-safe.
 */
final class MessageReader {

    static final int DEFAULT_BUFFER = 256 * 1024;
    /** Larger than any message PostgreSQL sends (1 GB field limit plus framing). */
    static final int MAX_MESSAGE = 0x7fffffff - 64;

    private final PgTransport transport;
    private final int defaultSize;
    private byte[] buf;
    private int pos;
    private int limit;
    private int type = -1;
    private int bodyOffset;
    private int bodyLength;

    MessageReader(PgTransport transport) {
        this(transport, DEFAULT_BUFFER);
    }

    MessageReader(PgTransport transport, int bufferSize) {
        this.transport = transport;
        this.defaultSize = bufferSize;
        this.buf = new byte[bufferSize];
    }

    /** Reads the next message completely into the buffer and returns its type byte. */
    int next() throws PgException {
        ensure(5);
        type = buf[pos] & 0xff;
        int len = BigEndian.int32(buf, pos + 1);
        if (len < 4 || len > MAX_MESSAGE) {
            throw PgException.protocolViolation("invalid length " + len + " for message type '" + (char) type + "'");
        }
        pos += 5;
        ensure(len - 4);
        bodyOffset = pos;
        bodyLength = len - 4;
        pos += bodyLength;
        return type;
    }

    /**
     * Like {@link #next()}, but gives up instead of blocking: returns the next message's type when
     * a whole message is buffered or arrives through one {@link PgTransport#readAvailable} call,
     * else -1 (nothing is consumed; a partly received message stays buffered).
     */
    int poll() throws PgException {
        if (!buffered()) {
            fillAvailable();
            if (!buffered()) {
                return -1;
            }
        }
        return next();
    }

    /** True when a complete message is in the buffer. */
    private boolean buffered() {
        int have = limit - pos;
        if (have < 5) {
            return false;
        }
        int len = BigEndian.int32(buf, pos + 1);
        return len >= 4 && have - 1 >= len;
    }

    /** One short-wait read into the free space, growing or compacting the buffer as needed. */
    private void fillAvailable() throws PgException {
        int have = limit - pos;
        int need = have >= 5 ? Math.max(5, BigEndian.int32(buf, pos + 1) + 1) : 5;
        if (need < 5 || need > MAX_MESSAGE) {
            throw PgException.protocolViolation("invalid length " + (need - 1) + " for message type '"
                    + (char) (buf[pos] & 0xff) + "'");
        }
        if (buf.length - pos < need || limit == buf.length) {
            byte[] target = need > buf.length ? new byte[Math.max(need, Math.min(MAX_MESSAGE, buf.length * 2))] : buf;
            System.arraycopy(buf, pos, target, 0, have);
            buf = target;
            pos = 0;
            limit = have;
        }
        int r;
        try {
            r = transport.readAvailable(buf, limit, buf.length - limit);
        } catch (RuntimeException e) {
            throw PgException.connectionFailure("read from server failed: " + e.getMessage(), e);
        }
        if (r < 0) {
            throw PgException.connectionFailure("server closed the connection unexpectedly", null);
        }
        limit += r;
    }

    int type() {
        return type;
    }

    byte[] buffer() {
        return buf;
    }

    int bodyOffset() {
        return bodyOffset;
    }

    int bodyLength() {
        return bodyLength;
    }

    /** Total bytes this reader holds, for memory accounting in tests. */
    int capacity() {
        return buf.length;
    }

    private void ensure(int n) throws PgException {
        if (limit - pos >= n) {
            return;
        }
        int have = limit - pos;
        if (buf.length - pos < n) {
            byte[] target = buf;
            if (n > buf.length) {
                target = new byte[Math.max(n, Math.min(MAX_MESSAGE, buf.length * 2))];
            } else if (buf.length > defaultSize && n <= defaultSize && have <= defaultSize) {
                target = new byte[defaultSize];
            }
            System.arraycopy(buf, pos, target, 0, have);
            buf = target;
            pos = 0;
            limit = have;
        }
        while (limit - pos < n) {
            int r;
            try {
                r = transport.read(buf, limit, buf.length - limit);
            } catch (RuntimeException e) {
                throw PgException.connectionFailure("read from server failed: " + e.getMessage(), e);
            }
            if (r < 0) {
                throw PgException.connectionFailure("server closed the connection unexpectedly", null);
            }
            if (r == 0) {
                throw PgException.connectionFailure("transport returned no data from a blocking read", null);
            }
            limit += r;
        }
    }
}
