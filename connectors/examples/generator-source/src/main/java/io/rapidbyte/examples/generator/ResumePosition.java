package io.rapidbyte.examples.generator;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonException;
import io.rapidbyte.sdk.json.JsonObject;

/**
 * Where a stream's generation stands, and the source checkpoint payload that records it:
 * {@code {"next_row": k, "seq": s, "sync_run": "..."}} — the next row to generate, the
 * {@code rapidbyte.seq} of the next batch, and the run identifier a resumed full refresh keeps
 * (BATCH-METADATA.md). The host hands the last payload back as the run's {@code resume}.
 * Immutable.
 */
public final class ResumePosition {
    private final long nextRow;
    private final long nextSeq;
    private final String syncRun;

    public ResumePosition(long nextRow, long nextSeq, String syncRun) {
        this.nextRow = nextRow;
        this.nextSeq = nextSeq;
        this.syncRun = syncRun;
    }

    /** A fresh full refresh: row 0, batch 1, a new run identifier. */
    public static ResumePosition start(String syncRun) {
        return new ResumePosition(0, 1, syncRun);
    }

    /**
     * The position in a run's {@code resume} value (null: start afresh with {@code newSyncRun}).
     *
     * @throws ConnectorException {@code INVALID_RESUME} if it is not a payload this connector wrote
     *         for a stream of {@code rows} rows
     */
    public static ResumePosition fromResume(Object resume, long rows, String newSyncRun) {
        if (resume == null) {
            return start(newSyncRun);
        }
        if (!(resume instanceof JsonObject)) {
            throw invalid("resume must be an object, got " + Json.write(resume));
        }
        JsonObject r = (JsonObject) resume;
        try {
            ResumePosition p = new ResumePosition(r.getLong("next_row"), r.getLong("seq"), r.getString("sync_run"));
            if (p.nextRow < 0 || p.nextRow > rows || p.nextSeq < 1 || p.syncRun.isEmpty()) {
                throw invalid("resume " + r.toJson() + " does not fit a stream of " + rows + " rows");
            }
            return p;
        } catch (JsonException e) {
            throw invalid(e.getMessage());
        }
    }

    private static ConnectorException invalid(String message) {
        return ConnectorError.internal("INVALID_RESUME", "generator: " + message).toException();
    }

    /** The position after a batch of {@code rows} rows. */
    public ResumePosition after(long rows) {
        return new ResumePosition(nextRow + rows, nextSeq + 1, syncRun);
    }

    public long nextRow() {
        return nextRow;
    }

    public long nextSeq() {
        return nextSeq;
    }

    public String syncRun() {
        return syncRun;
    }

    /** The checkpoint payload. */
    public String toJson() {
        return Json.object().with("next_row", nextRow).with("seq", nextSeq).with("sync_run", syncRun).toJson();
    }
}
