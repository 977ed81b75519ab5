package io.rapidbyte.sdk;

/** Mirror of WIT {@code types.transform-summary}, returned from {@link TransformConnector#transform}. Immutable. */
public final class TransformSummary {
    private final long recordsIn;
    private final long recordsOut;
    private final long bytesIn;
    private final long bytesOut;
    private final long batchesProcessed;

    public TransformSummary(long recordsIn, long recordsOut, long bytesIn, long bytesOut, long batchesProcessed) {
        this.recordsIn = recordsIn;
        this.recordsOut = recordsOut;
        this.bytesIn = bytesIn;
        this.bytesOut = bytesOut;
        this.batchesProcessed = batchesProcessed;
    }

    /** Takes bytes in/out and batches received from the context's counters. */
    public static TransformSummary of(Context ctx, long recordsIn, long recordsOut) {
        return new TransformSummary(recordsIn, recordsOut, ctx.bytesReceived(), ctx.bytesEmitted(),
                ctx.batchesReceived());
    }

    public long recordsIn() {
        return recordsIn;
    }

    public long recordsOut() {
        return recordsOut;
    }

    public long bytesIn() {
        return bytesIn;
    }

    public long bytesOut() {
        return bytesOut;
    }

    public long batchesProcessed() {
        return batchesProcessed;
    }
}
