package io.rapidbyte.source.postgres.cdc;

import io.rapidbyte.postgres.guest.Log;
import io.rapidbyte.postgres.guest.Redactor;
import io.rapidbyte.postgres.wire.pgoutput.PgOutputHandler;
import io.rapidbyte.postgres.wire.pgoutput.Relation;
import io.rapidbyte.postgres.wire.pgoutput.TupleData;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.arrow.IntColumnBuilder;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.sdk.arrow.Schema;
import io.rapidbyte.sdk.arrow.VarBinaryColumnBuilder;
import io.rapidbyte.source.postgres.Errors;
import io.rapidbyte.source.postgres.batch.BatchSizer;
import io.rapidbyte.source.postgres.catalog.SourceTable;
import io.rapidbyte.source.postgres.decode.RowDecoder;
import io.rapidbyte.source.postgres.decode.Tuple;
import io.rapidbyte.source.postgres.run.OnceNotes;

/**
 * Turns the decoded pgoutput messages of one table into change batches: a row per change with
 * op, commit LSN, commit time and unchanged-TOAST marks; a delete carries the old key (or old
 * row), a key change becomes a delete of the old key (op {@code k}) and an upsert of the new row (its
 * unchanged TOASTed values filled in, see {@link #update}), a truncate one
 * row of op {@code t}. Changes already delivered before a restart ({@link CdcPosition#delivered})
 * are skipped. A batch is flushed when the next row would break the row or byte cap, and by time
 * ({@link #tick}); a new table layout (Relation message) flushes first. Each flush moves the
 * {@link CdcPosition} to the batch's last change. Not thread-safe.
 */
final class ChangeBatcher implements PgOutputHandler {
    /** Re-reads the table from the catalog when a relation has columns the known layout lacks. */
    interface Catalog {
        SourceTable table();
    }

    /** The source table's current values of some columns of the row with a key ({@link UnchangedLookup}). */
    interface Current {
        /** @return the values (null elements: SQL NULL), or null when no row has the key now */
        byte[][] values(TupleData row, int[] keyColumns, int[] columns, String[] names);
    }

    private final String stream;
    private final CdcPosition position;
    private final CdcEmitter emitter;
    private final Catalog catalog;
    private final Current current;
    private final long maxRows;
    private final long maxBytes;
    private final long flushIntervalMs;
    private final Redactor redactor;
    private final Log log;
    /** The stream carries values as text (pgoutput without {@code binary}). */
    private final boolean text;
    private SourceTable table;

    private ChangeLayout layout;
    private RecordBatchBuilder batch;
    private RowDecoder decoder;
    private BatchSizer sizer;
    private long budget;
    private long running;
    private final Tuple tuple = new Tuple();
    private int[] lengths = new int[0];
    private final StringBuilder unchanged = new StringBuilder();

    private boolean inTx;
    private long txLsn;
    private long txTimeMicros;
    private long txIndex;
    /** Position of the last row appended to the open batch. */
    private long appendedTxLsn;
    private long appendedIndex;
    private boolean appendedTxDone;
    /** End of the last transaction whose every change is in a batch (emitted or open). */
    private long doneEnd;
    private long firstRowMillis;
    private long changes;
    private long skipped;

    ChangeBatcher(String stream, SourceTable table, Catalog catalog, Current current, CdcPosition position,
            CdcEmitter emitter, long maxRows, long maxBytes, long flushIntervalMs, Redactor redactor, Log log,
            boolean text) {
        this.stream = stream;
        this.text = text;
        this.table = table;
        this.catalog = catalog;
        this.current = current;
        this.position = position;
        this.emitter = emitter;
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.flushIntervalMs = flushIntervalMs;
        this.redactor = redactor;
        this.log = log;
        this.doneEnd = position.confirmedLsn;
        this.appendedTxLsn = position.txLsn;
        this.appendedIndex = position.txChanges;
        this.appendedTxDone = position.txDone;
    }

    @Override
    public void begin(long finalLsn, long commitTimeMicros, int xid) {
        inTx = true;
        txLsn = finalLsn;
        txTimeMicros = commitTimeMicros;
        txIndex = 0;
    }

    @Override
    public void commit(long commitLsn, long endLsn, long commitTimeMicros) {
        inTx = false;
        doneEnd = endLsn;
        if (rows() > 0 && appendedTxLsn == txLsn) {
            appendedTxDone = true;
        }
        if (rows() > 0 && due(System.currentTimeMillis())) {
            flush();
        }
    }

    @Override
    public void relation(Relation relation) {
        if (!relation.namespace().equals(table.schema()) || !relation.name().equals(table.name())) {
            throw Errors.config("CDC_FOREIGN_TABLE", "stream " + stream + ": the publication also sends changes of "
                    + relation.namespace() + "." + relation.name() + "; its publication must hold only this table");
        }
        if (layout != null && layout.sameColumns(relation)) {
            return;
        }
        if (rows() > 0) {
            flush();
        }
        ChangeLayout next = ChangeLayout.of(relation, table, stream, position.syncRun);
        if (next == null) {
            table = catalog.table();
            next = ChangeLayout.of(relation, table, stream, position.syncRun);
        }
        if (next == null) {
            throw Errors.config("CDC_SCHEMA_CHANGED", "stream " + stream + ": the replication stream has columns the "
                    + "table no longer has (it changed again since); the changes in between cannot be typed");
        }
        if (layout != null) {
            log.info("stream " + stream + ": table layout changed, batches now have " + next.dataColumns()
                    + " columns");
        }
        layout = next;
        batch = new RecordBatchBuilder(new Schema(next.fields, null));
        decoder = text ? RowDecoder.forText(stream, next.columns, batch, new OnceNotes(stream, log), redactor)
                : new RowDecoder(stream, next.columns, batch, new OnceNotes(stream, log), redactor, true);
        sizer = new BatchSizer(batch);
        budget = maxBytes - next.metadata.streamOverhead();
        if (budget < 1024) {
            throw Errors.config("BATCH_LIMIT_TOO_SMALL", "stream " + stream + ": max_batch_bytes " + maxBytes
                    + " leaves no room for rows");
        }
        running = sizer.measure();
        lengths = new int[next.fields.size()];
    }

    @Override
    public void type(int oid, String namespace, String name) {
        // Types are taken from the catalog by column; nothing to keep.
    }

    @Override
    public void insert(int relationId, TupleData newTuple) {
        if (next()) {
            row("c", newTuple);
        }
    }

    @Override
    public void update(int relationId, char oldKind, TupleData oldTuple, TupleData newTuple) {
        if (!next()) {
            return;
        }
        if (oldTuple != null && keyChanged(oldTuple, newTuple)) {
            // "k": the delete half of a key change. The new row's unchanged TOASTed values are
            // the old row's: from the old tuple when it has them (REPLICA IDENTITY FULL), else as
            // the table holds them now (see UnchangedLookup for why not from the destination).
            row("k", oldTuple);
            row("u", withUnchangedFilled(oldTuple, newTuple));
            return;
        }
        row("u", newTuple);
    }

    /** {@code newTuple} with its unchanged values filled in where they can be (see {@link #update}). */
    private TupleData withUnchangedFilled(TupleData oldTuple, TupleData newTuple) {
        int n = 0;
        for (int i = 0; i < newTuple.columnCount(); i++) {
            n += newTuple.length(i) == -2 ? 1 : 0;
        }
        if (n == 0) {
            return newTuple;
        }
        int[] columns = new int[n];
        String[] names = new String[n];
        byte[][] values = new byte[n][];
        boolean fromOld = true;
        for (int i = 0, c = 0; i < newTuple.columnCount(); i++) {
            if (newTuple.length(i) != -2) {
                continue;
            }
            columns[c] = i;
            names[c] = layout.relation.columnName(i);
            int len = i < oldTuple.columnCount() ? oldTuple.length(i) : -1;
            if (len >= 0) {
                values[c] = new byte[len];
                System.arraycopy(oldTuple.buffer(), oldTuple.offset(i), values[c], 0, len);
            } else {
                fromOld = false;
            }
            c++;
        }
        if (!fromOld) {
            if (layout.key.length == 0) {
                return newTuple;
            }
            values = current.values(newTuple, layout.key, columns, names);
            if (values == null) {
                return newTuple; // gone since: its delete follows in the stream
            }
        }
        return newTuple.withValues(columns, values, text ? TupleData.TEXT : TupleData.BINARY);
    }

    @Override
    public void delete(int relationId, char oldKind, TupleData oldTuple) {
        if (next()) {
            row("d", oldTuple);
        }
    }

    @Override
    public void truncate(int[] relationIds, boolean cascade, boolean restartIdentity) {
        if (next()) {
            row("t", null);
        }
    }

    /** Flushes the open batch when its time is up. */
    void tick(long nowMillis) {
        if (rows() > 0 && due(nowMillis)) {
            flush();
        }
    }

    /** No rows waiting and no transaction half read: everything received is emitted. */
    boolean idle() {
        return rows() == 0 && !inTx;
    }

    long changes() {
        return changes;
    }

    long skipped() {
        return skipped;
    }

    /** Counts the change; false when it was delivered before (a restart replays from the slot). */
    private boolean next() {
        txIndex++;
        if (layout == null) {
            throw noRelation(stream, redactor);
        }
        if (position.delivered(txLsn, txIndex)) {
            skipped++;
            return false;
        }
        changes++;
        return true;
    }

    /**
     * Whether an update that carries its old tuple moved the row to another key. Without a primary
     * key (REPLICA IDENTITY FULL) the destination's key is unknown here, so every such update counts
     * as one: the old row (whole, under FULL) is deleted and the new one upserted.
     */
    private boolean keyChanged(TupleData oldTuple, TupleData newTuple) {
        int[] key = layout.key;
        if (key.length == 0) {
            return true;
        }
        for (int k : key) {
            int len = oldTuple.length(k);
            if (len != newTuple.length(k)) {
                return true;
            }
            for (int i = 0; i < len; i++) {
                if (oldTuple.buffer()[oldTuple.offset(k) + i] != newTuple.buffer()[newTuple.offset(k) + i]) {
                    return true;
                }
            }
        }
        return false;
    }

    /*
     * Per change. Kept small enough for HotSpot to JIT once Chicory compiles the guest (wasm-build's
     * GuestMethodSizes): the column loop, the change columns and the first-row check are methods of
     * their own, and every error message is built out of line (TeaVM inlines small methods).
     */
    private void row(String op, TupleData t) {
        int n = layout.dataColumns();
        if (t != null && t.columnCount() != n) {
            throw tupleMismatch(stream, t.columnCount(), n, redactor);
        }
        lengths(t, n);
        tuple.set(t == null ? null : t.buffer(), t == null ? lengths : t.offsets(), lengths, 0);
        makeRoom();
        decoder.decode(tuple);
        appendChangeColumns(op, n);
        if (rows() == 1) {
            firstRow();
        }
        appendedTxLsn = txLsn;
        appendedIndex = txIndex;
        appendedTxDone = false;
    }

    /** Fills {@link #lengths} from {@code t} (null: all NULL), {@link #unchanged} with its unchanged TOAST columns. */
    private void lengths(TupleData t, int n) {
        unchanged.setLength(0);
        for (int i = 0; i < n; i++) {
            int len = t == null ? -1 : t.length(i);
            if (len >= 0 && (t.kind(i) == TupleData.TEXT) != text && (text || !layout.textForm[i])) {
                throw valueForm(stream, layout.relation.columnName(i), text, redactor);
            }
            if (len == -2) {
                unchanged.append(unchanged.length() == 0 ? "," : "").append(i).append(',');
                len = -1;
            }
            lengths[i] = len;
        }
    }

    /** The op, commit LSN, commit time and unchanged-TOAST columns after the {@code n} data columns. */
    private void appendChangeColumns(String op, int n) {
        ((VarBinaryColumnBuilder) batch.column(n)).append(op);
        ((IntColumnBuilder) batch.column(n + 1)).append(txLsn);
        ((IntColumnBuilder) batch.column(n + 2)).append(txTimeMicros);
        if (unchanged.length() == 0) {
            batch.column(n + 3).appendNull();
        } else {
            ((VarBinaryColumnBuilder) batch.column(n + 3)).append(unchanged);
        }
    }

    /** The batch's first row: starts its flush clock; alone over the budget, it can never be sent. */
    private void firstRow() {
        firstRowMillis = System.currentTimeMillis();
        if (batch.estimatedBytes() > budget) {
            throw rowTooLarge(stream, batch.estimatedBytes(), budget, redactor);
        }
    }

    /*
     * The error messages of the per-change path, out of line: synchronized only because TeaVM never
     * inlines a synchronized method (see LittleEndian.outOfRange); they run only on a failure.
     */
    private static synchronized ConnectorException tupleMismatch(String stream, int columns, int expected,
            Redactor redactor) {
        return Errors.data("CDC_TUPLE_MISMATCH", "stream " + stream + ": a change has " + columns
                + " columns, its relation " + expected, redactor);
    }

    private static synchronized ConnectorException valueForm(String stream, String column, boolean text,
            Redactor redactor) {
        return Errors.data("CDC_TEXT_VALUE", "stream " + stream + ", column \"" + column + "\": the server sent "
                + (text ? "this value in binary form, though the stream asked for text"
                : "this value in text form, which a binary cdc stream decodes only for text columns (set "
                + "cdc.pgoutput_format to text)"), redactor);
    }

    private static synchronized ConnectorException rowTooLarge(String stream, long bytes, long budget,
            Redactor redactor) {
        return Errors.data("ROW_TOO_LARGE", "stream " + stream + ": a single change needs " + bytes
                + " bytes, more than a batch may hold (" + budget + " bytes of data under max_batch_bytes)", redactor);
    }

    private static synchronized ConnectorException noRelation(String stream, Redactor redactor) {
        return Errors.data("CDC_NO_RELATION", "stream " + stream + ": a change arrived before its Relation message",
                redactor);
    }

    /** Flushes first if one more row of this size might not fit. */
    private void makeRoom() {
        long bound = sizer.rowBound(1, sizer.rawBytes(tuple)) + 64;
        if (rows() > 0) {
            if (rows() + 1 > maxRows) {
                flush();
            } else if (running + bound > budget) {
                running = sizer.measure();
                if (running + bound > budget) {
                    flush();
                }
            }
        }
        running += bound;
    }

    private boolean due(long nowMillis) {
        return nowMillis - firstRowMillis >= flushIntervalMs;
    }

    private int rows() {
        return batch == null ? 0 : batch.rowCount();
    }

    private void flush() {
        position.phase = CdcPosition.STREAM;
        position.txLsn = appendedTxLsn;
        position.txChanges = appendedIndex;
        position.txDone = appendedTxDone;
        position.confirmedLsn = doneEnd;
        emitter.emit(batch, layout.metadata);
        running = sizer.measure();
    }
}
