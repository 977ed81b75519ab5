package io.rapidbyte.postgres.wire.replication;

import io.rapidbyte.postgres.wire.CopyBoth;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.binary.BigEndian;

/**
 * The CopyBoth stream of {@code START_REPLICATION}: the server's XLogData ('w') and primary
 * keepalive ('k') messages, and this side's standby status updates ('r').
 *
 * <p>{@link #poll()} waits only a short while (the transport's
 * {@link io.rapidbyte.postgres.wire.PgTransport#readAvailable}), so a caller can flush its work
 * and report progress on time. After it returns {@link #XLOG_DATA} the decoder payload is
 * {@link #buffer()}[{@link #dataOffset()} .. + {@link #dataLength()}], valid until the next poll.
 *
 * <p>LSNs in status updates mean "everything before this position": report the end LSN of the
 * last transaction that is durable wherever the changes went, never a position whose changes
 * might still be lost. Owned by one reader; not thread-safe.
 */
public final class ReplicationStream implements AutoCloseable {
    public static final int NONE = 0;
    public static final int XLOG_DATA = 1;
    public static final int KEEPALIVE = 2;
    /** Microseconds from the Unix epoch to the PostgreSQL epoch (2000-01-01). */
    static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    private final CopyBoth copy;
    private final byte[] status = new byte[34];
    private long walStart;
    private long walEnd;
    private long serverTimeMicros;
    private boolean replyRequested;
    private int dataOffset;
    private int dataLength;

    ReplicationStream(CopyBoth copy) {
        this.copy = copy;
    }

    /**
     * Waits briefly for the server's next message.
     *
     * @return {@link #XLOG_DATA}, {@link #KEEPALIVE}, or {@link #NONE} when nothing came
     * @throws PgException a server error, a malformed message, or the server ending the stream
     */
    public int poll() throws PgException {
        if (!copy.poll()) {
            if (copy.isFinished()) {
                throw PgException.connectionFailure("the server ended the replication stream", null);
            }
            return NONE;
        }
        byte[] b = copy.buffer();
        int p = copy.offset();
        int len = copy.length();
        if (len < 1) {
            throw PgException.protocolViolation("empty CopyData in the replication stream");
        }
        switch (b[p]) {
            case 'w':
                if (len < 25) {
                    throw PgException.protocolViolation("XLogData of " + len + " bytes");
                }
                walStart = BigEndian.int64(b, p + 1);
                walEnd = BigEndian.int64(b, p + 9);
                serverTimeMicros = BigEndian.int64(b, p + 17);
                dataOffset = p + 25;
                dataLength = len - 25;
                return XLOG_DATA;
            case 'k':
                if (len < 18) {
                    throw PgException.protocolViolation("primary keepalive of " + len + " bytes");
                }
                walEnd = BigEndian.int64(b, p + 1);
                serverTimeMicros = BigEndian.int64(b, p + 9);
                replyRequested = b[p + 17] != 0;
                dataLength = 0;
                return KEEPALIVE;
            default:
                throw PgException.protocolViolation("unknown replication message '" + (char) (b[p] & 0xff) + "'");
        }
    }

    /**
     * Sends a standby status update: everything before {@code flushed} is durable and may be
     * released by the slot (its {@code confirmed_flush_lsn}).
     *
     * @param written        received up to here
     * @param flushed        durable up to here
     * @param requestReply   ask the server to answer with a keepalive at once
     * @param clientTimeMillis this side's clock, Unix epoch milliseconds
     */
    public void sendStatus(long written, long flushed, boolean requestReply, long clientTimeMillis)
            throws PgException {
        status[0] = 'r';
        BigEndian.putInt64(status, 1, written);
        BigEndian.putInt64(status, 9, flushed);
        BigEndian.putInt64(status, 17, flushed);
        BigEndian.putInt64(status, 25, clientTimeMillis * 1000L - PG_EPOCH_MICROS);
        status[33] = (byte) (requestReply ? 1 : 0);
        copy.send(status, 0, status.length);
    }

    /** True once the exchange has ended (by the server, an error, or {@link #close()}). */
    public boolean isFinished() {
        return copy.isFinished();
    }

    /** WAL start of the last XLogData. */
    public long walStart() {
        return walStart;
    }

    /** The server's current WAL end, from the last XLogData or keepalive. */
    public long walEnd() {
        return walEnd;
    }

    /** The server's send time of the last message, Unix epoch microseconds. */
    public long serverTimeMicros() {
        return serverTimeMicros + PG_EPOCH_MICROS;
    }

    /** Whether the last keepalive asked for a status update at once. */
    public boolean replyRequested() {
        return replyRequested;
    }

    public byte[] buffer() {
        return copy.buffer();
    }

    public int dataOffset() {
        return dataOffset;
    }

    public int dataLength() {
        return dataLength;
    }

    /** Ends the stream (CopyDone) and waits for the server to finish it. */
    @Override
    public void close() throws PgException {
        copy.close();
    }
}
