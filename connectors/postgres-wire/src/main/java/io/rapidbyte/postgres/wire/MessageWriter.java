package io.rapidbyte.postgres.wire;

import io.rapidbyte.postgres.wire.binary.BigEndian;
import io.rapidbyte.sdk.text.Utf8;

/**
 * Builds frontend messages in one growable buffer and hands them to the
 * {@link PgTransport} in large writes. Large COPY payloads skip the buffer: only
 * their 5-byte header is staged and the caller's bytes go to the transport as
 * they are.
 *
 * <p>Usage: {@link #begin(char)}, field writes, {@link #end()}; then
 * {@link #flush()} when a reply is expected. Owned by one connection; not
 * thread-safe.
 */
final class MessageWriter {

    static final int DEFAULT_BUFFER = 64 * 1024;
    /** Payloads at least this large are written from the caller's array directly. */
    static final int DIRECT_THRESHOLD = 16 * 1024;

    private final PgTransport transport;
    private byte[] buf;
    private int pos;
    private int messageStart = -1; // where the message being built begins, -1 when none
    private int lengthAt;

    MessageWriter(PgTransport transport) {
        this.transport = transport;
        this.buf = new byte[DEFAULT_BUFFER];
    }

    /** Starts a typed message; the length is patched in by {@link #end()}. */
    void begin(char type) throws PgException {
        drainIfFull();
        ensure(5);
        messageStart = pos;
        buf[pos++] = (byte) type;
        lengthAt = pos;
        pos += 4;
    }

    /** Starts the untyped startup message. */
    void beginUntyped() throws PgException {
        drainIfFull();
        ensure(4);
        messageStart = pos;
        lengthAt = pos;
        pos += 4;
    }

    void end() {
        BigEndian.putInt32(buf, lengthAt, pos - lengthAt);
        messageStart = -1;
    }

    void int8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    void int16(int v) {
        ensure(2);
        BigEndian.putInt16(buf, pos, v);
        pos += 2;
    }

    void int32(int v) {
        ensure(4);
        BigEndian.putInt32(buf, pos, v);
        pos += 4;
    }

    void bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    /**
     * A NUL-terminated UTF-8 string. A string with an embedded NUL would be cut
     * short by the server, and one with an unpaired surrogate has no UTF-8 form, so
     * both are refused and the message being built dropped.
     */
    void cstring(String s) {
        if (s.indexOf('\0') >= 0) {
            dropMessage();
            throw new IllegalArgumentException("string contains a NUL character");
        }
        int n;
        try {
            n = Utf8.encodedLength(s);
        } catch (IllegalArgumentException e) {
            dropMessage();
            throw e;
        }
        ensure(n + 1);
        pos = Utf8.encode(s, buf, pos);
        buf[pos++] = 0;
    }

    private void dropMessage() {
        if (messageStart >= 0) {
            pos = messageStart;
            messageStart = -1;
        }
    }

    /** One complete CopyData message ('d'). */
    void copyData(byte[] b, int off, int len) throws PgException {
        if (len < DIRECT_THRESHOLD) {
            begin('d');
            bytes(b, off, len);
            end();
            return;
        }
        ensure(5);
        buf[pos] = 'd';
        BigEndian.putInt32(buf, pos + 1, len + 4);
        pos += 5;
        writeOut();
        try {
            transport.write(b, off, len);
        } catch (RuntimeException e) {
            throw PgException.connectionFailure("write to server failed: " + e.getMessage(), e);
        }
    }

    /** Sends everything buffered and flushes the transport. */
    void flush() throws PgException {
        writeOut();
        try {
            transport.flush();
        } catch (RuntimeException e) {
            throw PgException.connectionFailure("flush to server failed: " + e.getMessage(), e);
        }
    }

    /** Forgets anything not yet sent (after a failure the bytes are meaningless). */
    void discard() {
        pos = 0;
        messageStart = -1;
    }

    private void drainIfFull() throws PgException {
        if (pos >= DEFAULT_BUFFER) {
            writeOut();
        }
    }

    private void writeOut() throws PgException {
        if (pos == 0) {
            return;
        }
        int n = pos;
        pos = 0;
        try {
            transport.write(buf, 0, n);
        } catch (RuntimeException e) {
            throw PgException.connectionFailure("write to server failed: " + e.getMessage(), e);
        }
        if (buf.length > 4 * DEFAULT_BUFFER) {
            buf = new byte[DEFAULT_BUFFER]; // a huge message grew it; don't keep that memory
        }
    }

    private void ensure(int n) {
        if (buf.length - pos >= n) {
            return;
        }
        long want = Math.max((long) buf.length * 2, (long) pos + n);
        if (want > Integer.MAX_VALUE - 16) {
            want = Integer.MAX_VALUE - 16;
        }
        if (want < (long) pos + n) {
            throw new IllegalArgumentException("message too large");
        }
        byte[] grown = new byte[(int) want];
        System.arraycopy(buf, 0, grown, 0, pos);
        buf = grown;
    }
}
