package io.rapidbyte.postgres.wire;

/**
 * A running {@code COPY ... FROM STDIN}. Bytes passed to {@link #write} are sent
 * as CopyData messages of about {@link #CHUNK_SIZE} bytes: small writes are
 * gathered, large ones go to the transport from the caller's array without a
 * copy. {@link #finish()} ends the COPY and reports the row count;
 * {@link #fail(String)} aborts it so the server rolls it back.
 *
 * <p>The server reports a bad row only when the COPY ends (the client does not
 * read while streaming, and the server drops further data after an error), so
 * errors surface from {@link #finish()}.
 *
 * <p>The connection is reserved for this stream until {@code finish} or
 * {@code fail}. Owned by the caller that opened it; not thread-safe.
 */
public final class CopyIn implements CopyDataSink {

    /** Target CopyData payload size. */
    public static final int CHUNK_SIZE = 256 * 1024;

    private final Session session;
    private final int[] formats;
    private final byte[] staging = new byte[CHUNK_SIZE];
    private int staged;
    private boolean ended;
    private long bytesSent;

    private CopyIn(Session session, int[] formats) {
        this.session = session;
        this.formats = formats;
    }

    /** Sends the query and waits for CopyInResponse. */
    static CopyIn start(Session session, String sql) throws PgException {
        SimpleQuery.sendQuery(session, sql);
        PgException error = null;
        boolean notCopy = false;
        MessageReader in = session.in;
        while (true) {
            int type = session.next();
            switch (type) {
                case 'G':
                    int[] formats;
                    try {
                        formats = BackendMessages.copyResponseFormats(in.buffer(), in.bodyOffset(), in.bodyLength());
                    } catch (IllegalArgumentException e) {
                        throw session.protocolViolation(e.getMessage());
                    }
                    CopyIn c = new CopyIn(session, formats);
                    session.activeOperation = c;
                    return c;
                case 'E':
                    error = session.errorFromCurrent();
                    if (error.connectionBroken()) {
                        throw error;
                    }
                    break;
                case 'H':
                case 'd':
                case 'c':
                case 'T':
                case 'D':
                case 'C':
                case 'I':
                    notCopy = true; // wrong kind of statement: let it run out
                    break;
                case 'Z':
                    session.onReadyForQuery();
                    if (error != null && !notCopy) {
                        throw error;
                    }
                    throw new IllegalArgumentException("statement did not start COPY FROM STDIN");
                default:
                    throw session.unexpected(type, "COPY IN start");
            }
        }
    }

    /** 0 for text/csv, 1 for binary. */
    public int overallFormat() {
        return formats[0];
    }

    public int columnCount() {
        return formats.length - 1;
    }

    @Override
    public void write(byte[] buf, int off, int len) throws PgException {
        checkOpen();
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IndexOutOfBoundsException("range " + off + "+" + len + " of " + buf.length);
        }
        if (staged + len <= CHUNK_SIZE) {
            System.arraycopy(buf, off, staging, staged, len);
            staged += len;
            if (staged == CHUNK_SIZE) {
                sendStaged();
            }
            return;
        }
        sendStaged();
        if (len >= CHUNK_SIZE / 2) {
            send(buf, off, len);
        } else {
            System.arraycopy(buf, off, staging, 0, len);
            staged = len;
        }
    }

    /** Bytes handed to the transport so far (CopyData payloads only). */
    public long bytesSent() {
        return bytesSent;
    }

    /**
     * Sends CopyDone and waits for the outcome.
     *
     * @return the number of rows the server copied
     * @throws PgException the server's error if any row was rejected (nothing is copied then)
     */
    public long finish() throws PgException {
        checkOpen();
        sendStaged();
        ended = true;
        session.out.begin('c');
        session.out.end();
        session.flush();
        return awaitEnd(false);
    }

    /**
     * Aborts the COPY with CopyFail; the server discards everything sent. The
     * server's resulting "COPY from stdin failed" error is expected and swallowed.
     */
    public void fail(String reason) throws PgException {
        checkOpen();
        staged = 0;
        ended = true;
        session.out.begin('f');
        session.out.cstring(reason == null ? "aborted by client" : reason.replace('\0', ' '));
        session.out.end();
        session.flush();
        awaitEnd(true);
    }

    public boolean isEnded() {
        return ended;
    }

    private long awaitEnd(boolean failing) throws PgException {
        MessageReader in = session.in;
        PgException error = null;
        String tag = null;
        try {
            while (true) {
                int type = session.next();
                switch (type) {
                    case 'C':
                        tag = BackendMessages.commandTag(in.buffer(), in.bodyOffset(), in.bodyLength());
                        break;
                    case 'E':
                        PgException e = session.errorFromCurrent();
                        if (e.connectionBroken()) {
                            throw e;
                        }
                        if (error == null) {
                            error = e;
                        }
                        break;
                    case 'Z':
                        session.onReadyForQuery();
                        if (error != null && !(failing && "57014".equals(error.sqlState()))) {
                            throw error;
                        }
                        return Math.max(0, CommandTags.rowCount(tag));
                    default:
                        throw session.unexpected(type, "COPY IN");
                }
            }
        } finally {
            if (session.activeOperation == this) {
                session.activeOperation = null;
            }
        }
    }

    private void sendStaged() throws PgException {
        if (staged > 0) {
            int n = staged;
            staged = 0;
            send(staging, 0, n);
        }
    }

    private void send(byte[] buf, int off, int len) throws PgException {
        try {
            session.out.copyData(buf, off, len);
        } catch (PgException e) {
            session.markBroken();
            throw e;
        }
        bytesSent += len;
    }

    private void checkOpen() throws PgException {
        if (ended) {
            throw new IllegalStateException("COPY IN already finished or failed");
        }
        if (session.isBroken()) {
            throw PgException.connectionFailure("connection is broken by an earlier failure", null);
        }
    }
}
