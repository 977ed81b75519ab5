package io.rapidbyte.dest.postgres.run;

/**
 * Where a dead-letter row was refused: the sync run and seq of its batch (null / -1 when that
 * batch had no position, so the row cannot be told apart from others) and its row number in the
 * batch's frame, from 0. Immutable.
 */
public final class RowOrigin {
    public final String syncRun;
    public final long seq;
    public final long row;

    public RowOrigin(String syncRun, long seq, long row) {
        this.syncRun = syncRun;
        this.seq = seq;
        this.row = row;
    }

    /** True when the origin names one row for good (its batch had a position). */
    public boolean identified() {
        return syncRun != null && seq >= 0;
    }

    @Override
    public String toString() {
        return identified() ? "row " + row + " of batch seq " + seq + " of sync run " + syncRun
                : "row " + row + " of a batch without rapidbyte.seq";
    }
}
