package io.rapidbyte.dest.postgres.run;

import io.rapidbyte.dest.postgres.config.OnDataError;
import io.rapidbyte.dest.postgres.encode.TextRenderer;
import io.rapidbyte.dest.postgres.load.RowErrorHandler;
import io.rapidbyte.sdk.BackoffClass;
import io.rapidbyte.sdk.CommitState;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.ErrorScope;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonObject;
import io.rapidbyte.sdk.arrow.RecordBatch;

/**
 * on_data_error in action. dlq: the row goes to {@code emit-dlq-record} as
 * {@code {"stream", "sync_run", "seq", "row", "values": {column: value}}} with the reason and
 * category {@code data}. fail: throws data/&lt;SQLSTATE&gt; naming the row, batch and column; the run
 * rolls back. DLQ records are sent before the transaction commits, so a crash before the commit
 * can send a record again (at-least-once). Not thread-safe.
 */
final class RowErrors implements RowErrorHandler {
    private final Context ctx;
    private final OnDataError mode;
    private String stream = "";
    private BatchMeta meta;
    private long dead;

    RowErrors(Context ctx, OnDataError mode) {
        this.ctx = ctx;
        this.mode = mode;
    }

    /** The batch the next rejections belong to. */
    void batch(String streamName, BatchMeta batchMeta) {
        this.stream = streamName;
        this.meta = batchMeta;
    }

    long deadLettered() {
        return dead;
    }

    @Override
    public void rowRejected(RecordBatch batch, int row, String code, String column, String message) {
        String where = (row >= 0 ? "row " + row : "a row") + " of batch " + describeBatch();
        if (mode == OnDataError.FAIL) {
            throw new ConnectorError(ErrorCategory.DATA, ErrorScope.PER_RECORD, code == null ? "DATA_ERROR" : code,
                    where + " was rejected" + (column == null ? "" : " (column \"" + column + "\")") + ": " + message,
                    false, null, BackoffClass.SLOW, false, CommitState.BEFORE_COMMIT, null).toException();
        }
        JsonObject values = Json.object();
        for (int k = 0; k < batch.columnCount(); k++) {
            values.put(batch.schema().field(k).name(), TextRenderer.json(batch.column(k), row));
        }
        JsonObject record = Json.object().with("stream", stream).with("row", (long) row).with("values", values);
        if (meta != null && meta.syncRun != null) {
            record.with("sync_run", meta.syncRun);
        }
        if (meta != null && meta.seq >= 0) {
            record.with("seq", meta.seq);
        }
        ctx.emitDlqRecord(stream, record.toJson(), where + ": " + message, ErrorCategory.DATA);
        dead++;
    }

    private String describeBatch() {
        if (meta == null || meta.seq < 0) {
            return "(no rapidbyte.seq)";
        }
        return "seq " + meta.seq + (meta.syncRun == null ? "" : " of sync run " + meta.syncRun);
    }
}
