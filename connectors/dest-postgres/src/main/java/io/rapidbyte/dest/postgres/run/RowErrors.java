package io.rapidbyte.dest.postgres.run;

import io.rapidbyte.dest.postgres.config.OnDataError;
import io.rapidbyte.dest.postgres.config.WriteMode;
import io.rapidbyte.dest.postgres.load.RowErrorHandler;
import io.rapidbyte.sdk.BackoffClass;
import io.rapidbyte.sdk.BatchKeys;
import io.rapidbyte.sdk.CommitState;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.ErrorScope;
import io.rapidbyte.sdk.arrow.RecordBatch;
import io.rapidbyte.sdk.arrow.RowExtract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * on_data_error in action. dlq: the row goes to {@code emit-dlq-row} as a one-row Arrow IPC
 * stream of the batch's fields, its schema metadata that of the batch without
 * {@code rapidbyte.sync_run}/{@code rapidbyte.seq} and with {@code rapidbyte.dlq.*} saying where
 * it was refused (BATCH-METADATA.md, "Dead-letter rows"), so a corrected copy sent back in loads
 * as new data; the refusal is kept for {@link DeadLetterTable}. fail: throws data/&lt;SQLSTATE&gt;
 * naming the row, batch and column; the run rolls back.
 *
 * <p>With fail, one rejection is not reported as a row's data problem: in append mode a row whose
 * key the table already holds (23505, unique_violation) means the stream is being written again
 * into a table that has it (a re-read after its source offsets were reset, or a second pipeline
 * into one table). As a data error the Connect sink would send the whole batch to its
 * dead-letter queue, new rows included, and carry on; so it fails the stream instead
 * (config/APPEND_KEY_CONFLICT, not retryable) and the transaction rolls back. (With dlq only the
 * conflicting rows are dead-lettered and the others written, so no new row is lost.) Not
 * thread-safe.
 */
final class RowErrors implements RowErrorHandler {
    private static final String UNIQUE_VIOLATION = "23505";

    private final Context ctx;
    private final OnDataError mode;
    private final WriteMode writeMode;
    private final List<DeadLetterTable.Refusal> pending = new ArrayList<>();
    private String stream = "";
    private BatchMeta meta;
    private Map<String, String> metadata;
    private long rowOffset;
    private long dead;

    RowErrors(Context ctx, OnDataError mode, WriteMode writeMode) {
        this.ctx = ctx;
        this.mode = mode;
        this.writeMode = writeMode;
    }

    /** The frame the next rejections belong to: its stream, metadata and schema-level metadata. */
    void batch(String streamName, BatchMeta batchMeta, Map<String, String> schemaMetadata) {
        this.stream = streamName;
        this.meta = batchMeta;
        this.metadata = schemaMetadata;
        this.rowOffset = 0;
    }

    /** The next rejections are about the record batch starting at frame row {@code offset}. */
    void rowOffset(long offset) {
        this.rowOffset = offset;
    }

    long deadLettered() {
        return dead;
    }

    /** The refusals since the last call, for the dead-letter table. */
    List<DeadLetterTable.Refusal> takeRefusals() {
        List<DeadLetterTable.Refusal> out = new ArrayList<>(pending);
        pending.clear();
        return out;
    }

    @Override
    public void rowRejected(RecordBatch batch, int row, String code, String column, String message) {
        String where = (row >= 0 ? "row " + (rowOffset + row) : "a row") + " of batch " + describeBatch();
        if (mode == OnDataError.FAIL && writeMode == WriteMode.APPEND && UNIQUE_VIOLATION.equals(code)) {
            throw ConnectorError.config("APPEND_KEY_CONFLICT", where + " has a key the target table already holds ("
                    + message + "); write_mode append never overwrites, so this stream is being loaded again into "
                    + "a table that has it (were the source offsets reset?). Nothing of the batch was written. Use "
                    + "write_mode upsert to load it again, or empty the table first").toException();
        }
        if (mode == OnDataError.FAIL) {
            throw new ConnectorError(ErrorCategory.DATA, ErrorScope.PER_RECORD, code == null ? "DATA_ERROR" : code,
                    where + " was rejected" + (column == null ? "" : " (column \"" + column + "\")") + ": " + message,
                    false, null, BackoffClass.SLOW, false, CommitState.BEFORE_COMMIT, null).toException();
        }
        RowOrigin origin = originOf(rowOffset + row);
        emit(batch, row, origin, code == null ? "DATA_ERROR" : code, column, where + ": " + message);
        pending.add(new DeadLetterTable.Refusal(origin, code == null ? "DATA_ERROR" : code, column, message));
    }

    /** A row refused before (its batch is a replay of a committed one): sent again, not recorded again. */
    void refuseAgain(RecordBatch batch, int row, DeadLetterTable.Refusal refusal) {
        emit(batch, row, refusal.origin, refusal.code, refusal.column, refusal.origin + " (replayed): "
                + refusal.message);
    }

    private void emit(RecordBatch batch, int row, RowOrigin origin, String code, String column, String message) {
        Map<String, String> md = new LinkedHashMap<>(metadata);
        md.remove(BatchKeys.SYNC_RUN);
        md.remove(BatchKeys.SEQ);
        md.remove(BatchKeys.DLQ_SYNC_RUN);
        md.remove(BatchKeys.DLQ_SEQ);
        if (origin.identified()) {
            md.put(BatchKeys.DLQ_SYNC_RUN, origin.syncRun);
            md.put(BatchKeys.DLQ_SEQ, Long.toString(origin.seq));
        }
        md.put(BatchKeys.DLQ_ROW, Long.toString(origin.row));
        ctx.emitDlqRow(RowExtract.ipc(batch, row, md), column, code, message);
        dead++;
    }

    /** A row sent back in keeps its first origin; any other row is identified by its batch. */
    private RowOrigin originOf(long frameRow) {
        if (meta != null && meta.redelivery != null) {
            return meta.redelivery;
        }
        return meta != null && meta.hasPosition() ? new RowOrigin(meta.syncRun, meta.seq, frameRow)
                : new RowOrigin(null, -1, frameRow);
    }

    private String describeBatch() {
        if (meta != null && meta.redelivery != null) {
            return "(a dead-letter row sent back in: " + meta.redelivery + ")";
        }
        if (meta == null || meta.seq < 0) {
            return "(no rapidbyte.seq)";
        }
        return "seq " + meta.seq + (meta.syncRun == null ? "" : " of sync run " + meta.syncRun);
    }
}
