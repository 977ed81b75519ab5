package io.rapidbyte.sdk;

import io.rapidbyte.sdk.json.JsonObject;

/**
 * Mirror of WIT {@code types.stream-limits}, read from the {@code "limits"} member of a run's
 * {@code ctx-json} (snake_case names). A member the host leaves out takes the default below; a
 * checkpoint interval of 0 means "no interval of that kind". Immutable and thread-safe.
 */
public final class StreamLimits {
    /** Under Kafka's default 1 MiB record limit, since one batch becomes one record. */
    public static final long DEFAULT_MAX_BATCH_BYTES = 1_000_000L;
    public static final long DEFAULT_MAX_BATCH_ROWS = 10_000L;
    public static final int DEFAULT_MAX_INFLIGHT_BATCHES = 4;

    private final long maxBatchBytes;
    private final long maxBatchRows;
    private final int maxInflightBatches;
    private final long checkpointIntervalBytes;
    private final long checkpointIntervalRows;
    private final long checkpointIntervalSeconds;

    public StreamLimits(long maxBatchBytes, long maxBatchRows, int maxInflightBatches, long checkpointIntervalBytes,
            long checkpointIntervalRows, long checkpointIntervalSeconds) {
        this.maxBatchBytes = maxBatchBytes;
        this.maxBatchRows = maxBatchRows;
        this.maxInflightBatches = maxInflightBatches;
        this.checkpointIntervalBytes = checkpointIntervalBytes;
        this.checkpointIntervalRows = checkpointIntervalRows;
        this.checkpointIntervalSeconds = checkpointIntervalSeconds;
    }

    /** Every limit at its default. */
    public static StreamLimits defaults() {
        return new StreamLimits(DEFAULT_MAX_BATCH_BYTES, DEFAULT_MAX_BATCH_ROWS, DEFAULT_MAX_INFLIGHT_BATCHES, 0, 0, 0);
    }

    /** Reads the {@code limits} object; null gives {@link #defaults()}. */
    public static StreamLimits fromJson(JsonObject limits) {
        if (limits == null) {
            return defaults();
        }
        return new StreamLimits(
                limits.optLong("max_batch_bytes", DEFAULT_MAX_BATCH_BYTES),
                limits.optLong("max_batch_rows", DEFAULT_MAX_BATCH_ROWS),
                (int) Math.min(Integer.MAX_VALUE, limits.optLong("max_inflight_batches", DEFAULT_MAX_INFLIGHT_BATCHES)),
                limits.optLong("checkpoint_interval_bytes", 0),
                limits.optLong("checkpoint_interval_rows", 0),
                limits.optLong("checkpoint_interval_seconds", 0));
    }

    public long maxBatchBytes() {
        return maxBatchBytes;
    }

    public long maxBatchRows() {
        return maxBatchRows;
    }

    public int maxInflightBatches() {
        return maxInflightBatches;
    }

    public long checkpointIntervalBytes() {
        return checkpointIntervalBytes;
    }

    public long checkpointIntervalRows() {
        return checkpointIntervalRows;
    }

    public long checkpointIntervalSeconds() {
        return checkpointIntervalSeconds;
    }
}
