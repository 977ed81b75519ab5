package io.rapidbyte.sdk;

/** Mirror of WIT {@code types.read-summary}, returned from {@link SourceConnector#read}. Immutable. */
public final class ReadSummary {
    private final long recordsRead;
    private final long bytesRead;
    private final long batchesEmitted;
    private final long checkpointCount;
    private final long recordsSkipped;

    public ReadSummary(long recordsRead, long bytesRead, long batchesEmitted, long checkpointCount,
            long recordsSkipped) {
        this.recordsRead = recordsRead;
        this.bytesRead = bytesRead;
        this.batchesEmitted = batchesEmitted;
        this.checkpointCount = checkpointCount;
        this.recordsSkipped = recordsSkipped;
    }

    /** Takes bytes, batches and checkpoints from the context's counters. */
    public static ReadSummary of(Context ctx, long recordsRead, long recordsSkipped) {
        return new ReadSummary(recordsRead, ctx.bytesEmitted(), ctx.batchesEmitted(), ctx.checkpointCount(),
                recordsSkipped);
    }

    public long recordsRead() {
        return recordsRead;
    }

    public long bytesRead() {
        return bytesRead;
    }

    public long batchesEmitted() {
        return batchesEmitted;
    }

    public long checkpointCount() {
        return checkpointCount;
    }

    public long recordsSkipped() {
        return recordsSkipped;
    }
}
