package io.rapidbyte.postgres.wire;

/**
 * A running CopyBoth exchange (what {@code START_REPLICATION} opens): CopyData both ways. The
 * server's payloads are read one at a time straight out of the connection's receive buffer;
 * {@link #poll()} waits only a short while so the caller can send its own messages on time
 * (standby status updates) while the server is quiet.
 *
 * <p>The connection is reserved for the exchange until it ends: the server ends it (CopyDone or
 * an error) or {@link #close()} sends CopyDone and drains up to ReadyForQuery. Owned by the
 * caller that opened it; not thread-safe.
 */
public final class CopyBoth implements AutoCloseable {

    private final Session session;
    private boolean finished;
    private boolean sentDone;
    private byte[] chunkBuf;
    private int chunkOff;
    private int chunkLen;

    private CopyBoth(Session session) {
        this.session = session;
    }

    /** Sends the query and waits for CopyBothResponse; a server error is thrown as it is. */
    static CopyBoth start(Session session, String sql) throws PgException {
        SimpleQuery.sendQuery(session, sql);
        PgException error = null;
        while (true) {
            int type = session.next();
            switch (type) {
                case 'W':
                    CopyBoth c = new CopyBoth(session);
                    session.activeOperation = c;
                    return c;
                case 'E':
                    error = session.errorFromCurrent();
                    if (error.connectionBroken()) {
                        throw error;
                    }
                    break;
                case 'T':
                case 'D':
                case 'C':
                case 'I':
                    break;
                case 'Z':
                    session.onReadyForQuery();
                    if (error != null) {
                        throw error;
                    }
                    throw new IllegalArgumentException("statement did not start a CopyBoth exchange");
                default:
                    throw session.unexpected(type, "CopyBoth start");
            }
        }
    }

    /**
     * Waits briefly for the server's next CopyData.
     *
     * @return true with a payload in {@link #buffer()}, false when none came (or the exchange
     *         ended: see {@link #isFinished()})
     * @throws PgException a server error (the exchange is over) or a transport failure
     */
    public boolean poll() throws PgException {
        if (finished) {
            return false;
        }
        if (session.isBroken()) {
            throw brokenEarlier();
        }
        MessageReader in = session.in;
        while (true) {
            int type = session.poll();
            if (type == 'd') {
                chunkBuf = in.buffer();
                chunkOff = in.bodyOffset();
                chunkLen = in.bodyLength();
                return true;
            }
            if (type == -1 || !onControlMessage(type)) {
                return false;
            }
        }
    }

    /*
     * Everything but CopyData, out of poll() (as in CopyOut.next): inlined there, the error handling
     * made the per-message method too large for HotSpot to JIT once Chicory compiles the guest
     * (wasm-build's GuestMethodSizes). Returns false when the exchange has ended (ReadyForQuery).
     */
    private boolean onControlMessage(int type) throws PgException {
        switch (type) {
            case 'c':
                if (!sentDone) {
                    sendDone();
                }
                return true;
            case 'C':
                return true;
            case 'E':
                PgException error = session.errorFromCurrent();
                // A walsender error ends the exchange; the connection is not reused for it.
                session.markBroken();
                finish();
                throw error;
            case 'Z':
                session.onReadyForQuery();
                finish();
                return false;
            default:
                finish();
                throw session.unexpected(type, "CopyBoth");
        }
    }

    // synchronized only so that TeaVM does not inline it (see BigEndian.outOfRange); failure path.
    private static synchronized PgException brokenEarlier() {
        return PgException.connectionFailure("connection is broken by an earlier failure", null);
    }

    public byte[] buffer() {
        return chunkBuf;
    }

    public int offset() {
        return chunkOff;
    }

    public int length() {
        return chunkLen;
    }

    /** Sends one CopyData message to the server and flushes it. */
    public void send(byte[] b, int off, int len) throws PgException {
        if (finished || sentDone) {
            throw new IllegalStateException("the CopyBoth exchange has ended");
        }
        session.out.copyData(b, off, len);
        session.flush();
    }

    /** True once the server has ended the exchange and the connection is idle again. */
    public boolean isFinished() {
        return finished;
    }

    /**
     * Ends the exchange from this side: CopyDone, then whatever the server still sends is
     * discarded up to ReadyForQuery. A connection that broke is left as it is.
     */
    @Override
    public void close() throws PgException {
        if (finished || session.isBroken()) {
            finish();
            return;
        }
        if (!sentDone) {
            sendDone();
        }
        while (!finished) {
            int type = session.next();
            switch (type) {
                case 'd':
                case 'c':
                case 'C':
                    break;
                case 'E':
                    PgException error = session.errorFromCurrent();
                    if (error.connectionBroken()) {
                        finish();
                        throw error;
                    }
                    break;
                case 'Z':
                    session.onReadyForQuery();
                    finish();
                    break;
                default:
                    finish();
                    throw session.unexpected(type, "CopyBoth end");
            }
        }
    }

    private void sendDone() throws PgException {
        sentDone = true;
        session.out.begin('c');
        session.out.end();
        session.flush();
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
