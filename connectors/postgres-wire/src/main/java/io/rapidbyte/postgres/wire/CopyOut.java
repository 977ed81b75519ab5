package io.rapidbyte.postgres.wire;

/**
 * A running {@code COPY ... TO STDOUT}: the CopyData payloads the server sends,
 * one at a time, straight out of the connection's receive buffer (no copy, no
 * accumulation: memory stays bounded by the largest single message).
 *
 * <p>PostgreSQL sends one CopyData per row; in binary format the file header
 * rides in the first one and the trailer comes alone at the end. Do not rely on
 * that: {@link BinaryCopyReader} handles any split.
 *
 * <p>The connection is reserved for this stream until {@link #next()} returns
 * false or {@link #close()} is called. There is no cancel: {@code close()} reads
 * and discards the rest. Owned by the caller that opened it; not thread-safe.
 */
public final class CopyOut implements CopyDataSource, AutoCloseable {

    private final Session session;
    private final int[] formats;
    private boolean finished;
    private String commandTag;
    private byte[] chunkBuf;
    private int chunkOff;
    private int chunkLen;
    /** An ErrorResponse seen during the stream, thrown once the server is ready again. */
    private PgException pendingError;

    private CopyOut(Session session, int[] formats) {
        this.session = session;
        this.formats = formats;
    }

    /** Sends the query and waits for CopyOutResponse. */
    static CopyOut start(Session session, String sql) throws PgException {
        SimpleQuery.sendQuery(session, sql);
        PgException error = null;
        boolean notCopy = false;
        MessageReader in = session.in;
        while (true) {
            int type = session.next();
            switch (type) {
                case 'H':
                    int[] formats;
                    try {
                        formats = BackendMessages.copyResponseFormats(in.buffer(), in.bodyOffset(), in.bodyLength());
                    } catch (IllegalArgumentException e) {
                        throw session.protocolViolation(e.getMessage());
                    }
                    CopyOut c = new CopyOut(session, formats);
                    session.activeOperation = c;
                    return c;
                case 'E':
                    error = session.errorFromCurrent();
                    if (error.connectionBroken()) {
                        throw error;
                    }
                    break;
                case 'G':
                    // Wrong direction: abort it so the connection returns to idle.
                    notCopy = true;
                    session.out.begin('f');
                    session.out.cstring("expected COPY TO STDOUT");
                    session.out.end();
                    session.flush();
                    break;
                case 'T':
                case 'D':
                case 'C':
                case 'I':
                    notCopy = true;
                    break;
                case 'Z':
                    session.onReadyForQuery();
                    if (error != null && !notCopy) {
                        throw error;
                    }
                    throw new IllegalArgumentException("statement did not start COPY TO STDOUT");
                default:
                    throw session.unexpected(type, "COPY OUT start");
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

    /** Format code of column {@code i} (0-based). */
    public int columnFormat(int i) {
        return formats[i + 1];
    }

    @Override
    public boolean next() throws PgException {
        if (finished) {
            return false;
        }
        if (session.isBroken()) {
            throw PgException.connectionFailure("connection is broken by an earlier failure", null);
        }
        MessageReader in = session.in;
        while (true) {
            int type = session.next();
            if (type == 'd') {
                if (pendingError == null) {
                    chunkBuf = in.buffer();
                    chunkOff = in.bodyOffset();
                    chunkLen = in.bodyLength();
                    return true;
                }
            } else if (!onControlMessage(type)) {
                return false;
            }
        }
    }

    /*
     * Everything but CopyData, out of next(): inlined there, the error and command-tag handling made
     * the per-row method too large for HotSpot to JIT once Chicory compiles the guest (wasm-build's
     * GuestMethodSizes). Returns false at the end of the stream (ReadyForQuery).
     */
    private boolean onControlMessage(int type) throws PgException {
        MessageReader in = session.in;
        switch (type) {
            case 'c':
                return true;
            case 'C':
                commandTag = BackendMessages.commandTag(in.buffer(), in.bodyOffset(), in.bodyLength());
                return true;
            case 'E': {
                PgException error = session.errorFromCurrent();
                if (error.connectionBroken()) {
                    finish();
                    throw error;
                }
                pendingError = error; // CopyData after it is discarded; thrown at ReadyForQuery
                return true;
            }
            case 'Z': {
                session.onReadyForQuery();
                finish();
                PgException error = pendingError;
                if (error != null) {
                    pendingError = null;
                    throw error;
                }
                return false;
            }
            default:
                finish();
                throw session.unexpected(type, "COPY OUT");
        }
    }

    @Override
    public byte[] buffer() {
        return chunkBuf;
    }

    @Override
    public int offset() {
        return chunkOff;
    }

    @Override
    public int length() {
        return chunkLen;
    }

    /** True once the server has finished and the connection is free again. */
    public boolean isFinished() {
        return finished;
    }

    /** CommandComplete tag ({@code "COPY n"}) once finished, else null. */
    public String commandTag() {
        return commandTag;
    }

    /** Rows copied according to the command tag, or -1 before the end. */
    public long rowCount() {
        return CommandTags.rowCount(commandTag);
    }

    /** Reads and discards whatever is left, leaving the connection idle. Errors are thrown. */
    @Override
    public void close() throws PgException {
        while (next()) {
            // discard
        }
    }

    private void finish() {
        finished = true;
        chunkBuf = null;
        chunkLen = 0;
        if (session.activeOperation == this) {
            session.activeOperation = null;
        }
    }
}
