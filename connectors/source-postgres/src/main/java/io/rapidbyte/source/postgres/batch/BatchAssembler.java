package io.rapidbyte.source.postgres.batch;

import io.rapidbyte.postgres.guest.Redactor;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.source.postgres.Errors;
import io.rapidbyte.source.postgres.decode.RowDecoder;
import io.rapidbyte.source.postgres.decode.Tuple;
import io.rapidbyte.source.postgres.query.KeySpec;
import io.rapidbyte.source.postgres.query.ReadPlan;
import java.util.List;

/**
 * Cuts the row stream into batches of at most {@code maxRows} rows and at most {@code budgetBytes}
 * bytes of Arrow data, each ending at a resumable point, and hands them to a {@link BatchSink}.
 *
 * <p>A batch may end after any row when the key is unique (or when there is no key). When rows can
 * share a key value ({@link KeySpec.Uniqueness#GROUPED}: an incremental cursor without a unique
 * tie-breaker), the rows of one value are collected first and put into one batch together, so that
 * resuming with {@code key > saved} neither skips nor repeats rows; a single value with more rows or
 * bytes than one batch may hold fails with {@code KEY_GROUP_TOO_LARGE} (configure a tie-breaker). A
 * single row larger than a batch fails with {@code ROW_TOO_LARGE}.
 *
 * <p>Row layout: the output fields, then the key fields as text, then (grouped only) the
 * new-group flag, as {@link ReadPlan} selects them. Not thread-safe.
 */
public final class BatchAssembler {
    private final RecordBatchBuilder batch;
    private final RowDecoder decoder;
    private final BatchSink sink;
    private final String stream;
    private final long maxRows;
    private final long budgetBytes;
    private final boolean emptyBatchWhenNoRows;
    private final Redactor redactor;
    private final BatchSizer sizer;
    private final KeyCapture key;
    private final TupleBuffer pending;
    private final int flagField;
    /** Upper bound of the current batch's size: the last {@link BatchSizer#measure()} plus row bounds since. */
    private long running;
    private long rows;
    private long batches;

    /**
     * @param budgetBytes          cap on {@link RecordBatchBuilder#estimatedBytes()} of a batch
     * @param emptyBatchWhenNoRows emit one empty batch if the run has no rows at all (full refresh:
     *                             the destination still learns the schema and the new sync run)
     */
    public BatchAssembler(ReadPlan plan, RecordBatchBuilder batch, RowDecoder decoder, BatchSink sink, long maxRows,
            long budgetBytes, boolean emptyBatchWhenNoRows, Redactor redactor) {
        if (maxRows < 1 || budgetBytes < 1) {
            throw new IllegalArgumentException("batch limits must be positive: " + maxRows + " rows, " + budgetBytes
                    + " bytes");
        }
        this.batch = batch;
        this.decoder = decoder;
        this.sink = sink;
        this.stream = plan.stream();
        this.maxRows = maxRows;
        this.budgetBytes = budgetBytes;
        this.emptyBatchWhenNoRows = emptyBatchWhenNoRows;
        this.redactor = redactor;
        int outputs = plan.columns().size();
        this.sizer = new BatchSizer(batch);
        this.key = new KeyCapture(outputs, plan.key().size(), plan.startAfter());
        this.pending = plan.isGrouped() ? new TupleBuffer(outputs + plan.key().size()) : null;
        this.flagField = outputs + plan.key().size();
        this.running = sizer.measure();
    }

    /** Takes the next row, in key order. */
    public void accept(Tuple t) {
        if (pending == null) {
            makeRoom(1, sizer.rawBytes(t));
            decoder.decode(t);
            key.capture(t);
            rows++;
            if (batch.rowCount() == 1) {
                checkFits("ROW_TOO_LARGE", "a single row");
            }
            return;
        }
        if (isNewGroup(t) && pending.rows() > 0) {
            commitGroup();
        }
        pending.add(t);
        if (pending.rows() > maxRows || pending.rawBytes() > 2 * budgetBytes) {
            throw groupTooLarge();
        }
    }

    /** No more rows: flushes what is left as the last batch. */
    public void finish() {
        if (pending != null && pending.rows() > 0) {
            commitGroup();
        }
        if (batch.rowCount() > 0 || (batches == 0 && emptyBatchWhenNoRows)) {
            flush(true);
        }
    }

    /** Rows taken so far. */
    public long rows() {
        return rows;
    }

    /** Batches handed to the sink so far. */
    public long batches() {
        return batches;
    }

    private void commitGroup() {
        int n = pending.rows();
        makeRoom(n, pending.rawBytes());
        for (int i = 0; i < n; i++) {
            decoder.decode(pending.row(i));
        }
        key.capture(pending.row(n - 1));
        rows += n;
        pending.clear();
        // Only a batch holding nothing but this group can be over the caps (makeRoom ensured the rest).
        if (batch.rowCount() == n && (n > maxRows || batch.estimatedBytes() > budgetBytes)) {
            throw groupTooLarge();
        }
    }

    /** Flushes the batch first if {@code newRows} rows of {@code rawBytes} might not fit in it. */
    private void makeRoom(long newRows, long rawBytes) {
        long bound = sizer.rowBound(newRows, rawBytes);
        if (batch.rowCount() > 0) {
            if (batch.rowCount() + newRows > maxRows) {
                flush(false);
            } else if (running + bound > budgetBytes) {
                running = sizer.measure();
                if (running + bound > budgetBytes) {
                    flush(false);
                }
            }
        }
        running += bound;
    }

    private void checkFits(String code, String what) {
        if (batch.estimatedBytes() > budgetBytes) {
            throw Errors.data(code, "stream " + stream + ": " + what + " needs " + batch.estimatedBytes()
                    + " bytes, more than a batch may hold (" + budgetBytes + " bytes of data under max_batch_bytes)",
                    redactor);
        }
    }

    private RuntimeException groupTooLarge() {
        return Errors.data("KEY_GROUP_TOO_LARGE", "stream " + stream + ": more rows share one cursor value than one "
                + "batch may hold (" + maxRows + " rows / " + budgetBytes + " bytes); configure a unique tie_breaker "
                + "(e.g. the primary key) so batches can end between them", redactor);
    }

    private boolean isNewGroup(Tuple t) {
        int len = t.lengths[t.base + flagField];
        return len == 1 && t.buffer[t.offsets[t.base + flagField]] != 0;
    }

    private void flush(boolean last) {
        List<String> position = key.position();
        sink.emit(batch, position, last);
        batch.reset();
        batches++;
        running = sizer.measure();
    }
}
