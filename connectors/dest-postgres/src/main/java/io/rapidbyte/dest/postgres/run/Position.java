package io.rapidbyte.dest.postgres.run;

/** A committed (or loaded) point in a stream: sync run and batch sequence number. Immutable. */
public final class Position {
    public final String syncRun;
    public final long seq;

    public Position(String syncRun, long seq) {
        this.syncRun = syncRun;
        this.seq = seq;
    }

    /** Whether a batch at ({@code run}, {@code seq}) is at or before this position of the same run. */
    public boolean covers(String run, long batchSeq) {
        return syncRun.equals(run) && batchSeq <= seq;
    }

    @Override
    public String toString() {
        return syncRun + "#" + seq;
    }
}
