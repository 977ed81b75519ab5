package io.rapidbyte.dest.postgres.load;

import io.rapidbyte.sdk.arrow.RecordBatch;

/** The rows of one record batch already rejected, so no retry loads or reports them twice. Not thread-safe. */
final class RowRejects {
    private final RecordBatch batch;
    private final boolean[] rejected;
    private final RowErrorHandler handler;
    private int count;

    RowRejects(RecordBatch batch, RowErrorHandler handler) {
        this.batch = batch;
        this.rejected = new boolean[Math.max(0, batch.rowCount())];
        this.handler = handler;
    }

    boolean isRejected(int row) {
        return rejected[row];
    }

    /** Marks {@code row} and reports it (the handler throws in fail mode). */
    void reject(int row, String code, String column, String message) {
        if (rejected[row]) {
            return;
        }
        rejected[row] = true;
        count++;
        handler.rowRejected(batch, row, code, column, message);
    }

    /** Rows of [from, to) not rejected. */
    int live(int from, int to) {
        int n = 0;
        for (int r = from; r < to; r++) {
            if (!rejected[r]) {
                n++;
            }
        }
        return n;
    }

    /** The {@code k}-th (1-based) row of [from, to) not rejected, or -1. */
    int nthLive(int from, int to, long k) {
        long seen = 0;
        for (int r = from; r < to; r++) {
            if (!rejected[r] && ++seen == k) {
                return r;
            }
        }
        return -1;
    }

    int count() {
        return count;
    }

    RecordBatch batch() {
        return batch;
    }
}
