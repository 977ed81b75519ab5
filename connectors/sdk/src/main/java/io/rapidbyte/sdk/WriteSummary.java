package io.rapidbyte.sdk;

/** Mirror of WIT {@code types.write-summary}, returned from {@link DestinationConnector#write}. Immutable. */
public final class WriteSummary {
    private final long recordsWritten;
    private final long bytesWritten;
    private final long batchesWritten;
    private final long checkpointCount;
    private final long recordsFailed;

    public WriteSummary(long recordsWritten, long bytesWritten, long batchesWritten, long checkpointCount,
            long recordsFailed) {
        this.recordsWritten = recordsWritten;
        this.bytesWritten = bytesWritten;
        this.batchesWritten = batchesWritten;
        this.checkpointCount = checkpointCount;
        this.recordsFailed = recordsFailed;
    }

    /** Takes bytes and batches received and checkpoints from the context's counters. */
    public static WriteSummary of(Context ctx, long recordsWritten, long recordsFailed) {
        return new WriteSummary(recordsWritten, ctx.bytesReceived(), ctx.batchesReceived(), ctx.checkpointCount(),
                recordsFailed);
    }

    public long recordsWritten() {
        return recordsWritten;
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    public long batchesWritten() {
        return batchesWritten;
    }

    public long checkpointCount() {
        return checkpointCount;
    }

    public long recordsFailed() {
        return recordsFailed;
    }
}
