package io.rapidbyte.dest.postgres.config;

import io.rapidbyte.sdk.StreamLimits;

/**
 * When an open transaction is committed: after this many rows, bytes (of Arrow IPC received) or
 * seconds, whichever comes first, checked after each batch. A threshold of 0 is off; with all
 * three off every batch is committed on its own. Immutable.
 */
public final class CommitInterval {
    private final long rows;
    private final long bytes;
    private final long seconds;

    public CommitInterval(long rows, long bytes, long seconds) {
        this.rows = rows;
        this.bytes = bytes;
        this.seconds = seconds;
    }

    /** Config members override; a member left out (negative here) takes the stream limit. */
    public static CommitInterval resolve(long rows, long bytes, long seconds, StreamLimits limits) {
        return new CommitInterval(
                rows >= 0 ? rows : limits.checkpointIntervalRows(),
                bytes >= 0 ? bytes : limits.checkpointIntervalBytes(),
                seconds >= 0 ? seconds : limits.checkpointIntervalSeconds());
    }

    /** Whether a transaction holding {@code txRows} rows and {@code txBytes} bytes, open {@code elapsedMillis}, is due. */
    public boolean due(long txRows, long txBytes, long elapsedMillis) {
        if (rows <= 0 && bytes <= 0 && seconds <= 0) {
            return true;
        }
        return (rows > 0 && txRows >= rows)
                || (bytes > 0 && txBytes >= bytes)
                || (seconds > 0 && elapsedMillis >= seconds * 1000L);
    }

    public long rows() {
        return rows;
    }

    public long bytes() {
        return bytes;
    }

    public long seconds() {
        return seconds;
    }

    @Override
    public String toString() {
        return "every " + rows + " rows / " + bytes + " bytes / " + seconds + " s";
    }
}
