package io.rapidbyte.dest.postgres.run;

import io.rapidbyte.dest.postgres.catalog.DriftResolver;
import io.rapidbyte.dest.postgres.catalog.LoadPlan;
import io.rapidbyte.dest.postgres.catalog.TableDdl;
import io.rapidbyte.dest.postgres.config.CommitInterval;
import io.rapidbyte.dest.postgres.config.OnDataError;
import io.rapidbyte.dest.postgres.config.PostgresDestConfig;
import io.rapidbyte.dest.postgres.config.WriteMode;
import io.rapidbyte.dest.postgres.load.ChangeColumns;
import io.rapidbyte.dest.postgres.load.RowIsolator;
import io.rapidbyte.dest.postgres.load.TableWriter;
import io.rapidbyte.postgres.guest.Database;
import io.rapidbyte.postgres.guest.PgErrors;
import io.rapidbyte.postgres.guest.Redactor;
import io.rapidbyte.postgres.guest.Sql;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.sdk.BatchKeys;
import io.rapidbyte.sdk.CommitState;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.WriteSummary;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.RecordBatch;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code run-write}: pulls frames with {@code next-batch} until the end of input, decodes
 * each as an Arrow IPC stream, skips batches the watermark shows as committed, applies the drift
 * policies, writes the rows (COPY or INSERT, direct or staged, bad rows isolated per
 * on_data_error; change batches of a cdc stream applied in order: upsert, delete by key, truncate
 * per cdc_truncate, see {@link ChangeFields}) inside a transaction, and commits every N rows /
 * bytes / seconds together with the watermark, calling {@code checkpoint} after each commit. Replace mode loads into a stage
 * that replaces the target when the input ends.
 *
 * <p>Any failure rolls the open transaction back and ends the run with a connector error; what
 * was committed before stays, and its checkpoint is the position to resume from. The session is
 * the caller's (kept across runs, so a run that ends because its input paused costs no new
 * login); a successful run leaves it idle, without the temporary tables it staged into.
 * Single use.
 */
public final class WriteRun {
    private final Context ctx;
    private final PostgresDestConfig cfg;
    private final CommitInterval interval;
    private final RowErrors rowErrors;
    private final Redactor redactor;
    private final Database db;

    private String stream;
    /** The range this run writes (null: the whole stream) and its watermark key. */
    private String range;
    private String watermarkKey;
    /**
     * A cdc run: its batches may belong to several ranges (a cdc stream's snapshot ranges share the
     * stream's one ordered input, before its changes), each with its own watermark key.
     */
    private boolean cdcRun;
    /** Per watermark key this run met: its position; those loaded in the open transaction; their rows. */
    private final Map<String, Position> positions = new HashMap<>();
    private final Set<String> dirtyKeys = new LinkedHashSet<>();
    private final Map<String, Long> txRowsByKey = new LinkedHashMap<>();
    private String schemaName;
    private String tableName;
    private String loadTable;
    private Watermark watermark;
    private DeadLetterTable deadLetters;
    private ReplaceStage stage;
    private boolean stageStarted;
    /** Position of the last batch committed or loaded into the open transaction. */
    private Position position;
    private boolean positionDirty;
    private boolean warnedNoPosition;

    private List<Field> planFields;
    private TableWriter writer;
    private DriftResolver resolver;
    private RowIsolator isolator;

    private boolean txOpen;
    private long txStartMillis;
    private long txRows;
    private long txBytes;
    private long received;
    private long sinceCheckpoint;
    private long rowsCommitted;
    private long bytesLoaded;
    private long batchesLoaded;
    private long batchesSkipped;
    private CommitState failureState = CommitState.BEFORE_COMMIT;

    /** @param db an open session outside any transaction, used and left open */
    public WriteRun(Context ctx, PostgresDestConfig cfg, Database db, Redactor redactor) {
        this.ctx = ctx;
        this.cfg = cfg;
        this.db = db;
        this.redactor = redactor;
        this.interval = CommitInterval.resolve(cfg.commitRows, cfg.commitBytes, cfg.commitSeconds, ctx.limits());
        this.rowErrors = new RowErrors(ctx, cfg.onDataError, cfg.writeMode);
    }

    public WriteSummary run() {
        resolver = new DriftResolver(db, cfg.drift, cfg.autoCreate, ctx::info);
        isolator = new RowIsolator(db, cfg.onDataError, rowErrors);
        try {
            for (byte[] bytes = ctx.nextBatch(); bytes != null; bytes = ctx.nextBatch()) {
                received++;
                sinceCheckpoint++;
                handle(bytes);
            }
            if (txOpen) {
                commit();
            } else if (sinceCheckpoint > 0 && stream != null) {
                checkpoint(false);
            }
            if (stage != null && (stageStarted || stage.exists(db))) {
                swap();
            }
            // Staging tables are per run (ON COMMIT DELETE ROWS keeps them empty, not gone): drop them
            // so a session kept across runs does not collect one per run.
            db.execute("DISCARD TEMP");
            ctx.info("stream " + stream + ": " + rowsCommitted + " rows in " + batchesLoaded + " batches committed, "
                    + batchesSkipped + " replayed batches skipped, " + rowErrors.deadLettered() + " rows dead-lettered");
            return new WriteSummary(rowsCommitted, bytesLoaded, batchesLoaded, ctx.checkpointCount(),
                    rowErrors.deadLettered());
        } catch (PgException e) {
            db.rollbackQuietly();
            throw PgErrors.of("loading stream " + stream + " into " + loadTable, e, failureState, redactor);
        } catch (RuntimeException e) {
            db.rollbackQuietly();
            throw e;
        }
    }

    private void handle(byte[] bytes) throws PgException {
        DecodedFrame frame = DecodedFrame.decode(bytes, received);
        BatchMeta meta = BatchMeta.of(frame.schema);
        if (stream == null) {
            start(meta);
        } else if (!java.util.Objects.equals(range, meta.range)) {
            switchRange(meta);
        }
        if (meta.redelivery != null) {
            if (skipRedelivery(frame, meta)) {
                return;
            }
        } else if (meta.hasPosition() && position != null && position.covers(meta.syncRun, meta.seq)) {
            batchesSkipped++;
            ctx.debug("skipping batch seq " + meta.seq + " of sync run " + meta.syncRun + ": already committed ("
                    + position + ")");
            refuseAgain(frame, meta);
            return;
        } else if (!meta.hasPosition() && !warnedNoPosition) {
            warnedNoPosition = true;
            ctx.warn("stream " + stream + ": batches without rapidbyte.sync_run/rapidbyte.seq cannot be deduplicated "
                    + "after a restart (exactly-once needs them)");
        }
        begin(meta);
        planFor(frame, meta);
        rowErrors.batch(stream, meta, frame.schema.metadata());
        long deadBefore = rowErrors.deadLettered();
        long offset = 0;
        for (RecordBatch b : frame.batches) {
            rowErrors.rowOffset(offset);
            isolator.write(writer, b);
            offset += b.rowCount();
        }
        long dead = rowErrors.deadLettered() - deadBefore;
        deadLetters.record(stream, rowErrors.takeRefusals());
        if (meta.redelivery != null && meta.redelivery.identified() && dead == 0) {
            deadLetters.markLoaded(stream, meta.redelivery);
        }
        txRows += frame.rows - dead;
        Long keyRows = txRowsByKey.get(watermarkKey);
        txRowsByKey.put(watermarkKey, (keyRows == null ? 0 : keyRows) + frame.rows - dead);
        txBytes += frame.bytes;
        batchesLoaded++;
        bytesLoaded += frame.bytes;
        if (meta.hasPosition()) {
            position = new Position(meta.syncRun, meta.seq);
            positionDirty = true;
            positions.put(watermarkKey, position);
            dirtyKeys.add(watermarkKey);
        }
        if (interval.due(txRows, txBytes, System.currentTimeMillis() - txStartMillis)) {
            commit();
        }
    }

    /**
     * A dead-letter row sent back in: it loads as new data (its batch's position is gone, so the
     * watermark does not apply) unless the dead-letter table shows it loaded already.
     *
     * @return whether to skip it
     */
    private boolean skipRedelivery(DecodedFrame frame, BatchMeta meta) throws PgException {
        if (frame.rows != 1) {
            throw ConnectorError.of(ErrorCategory.DATA, "INVALID_BATCH_METADATA", "a batch with "
                    + BatchKeys.DLQ_ROW + " is one dead-letter row, this one has " + frame.rows + " rows").toException();
        }
        if (!meta.redelivery.identified()) {
            if (!warnedNoPosition) {
                warnedNoPosition = true;
                ctx.warn("stream " + stream + ": dead-letter rows from batches without rapidbyte.sync_run/"
                        + "rapidbyte.seq load without deduplication (sending one twice loads it twice)");
            }
            return false;
        }
        if (deadLetters.isLoaded(stream, meta.redelivery)) {
            batchesSkipped++;
            ctx.info("stream " + stream + ": skipping the dead-letter " + meta.redelivery + " sent back in: "
                    + "it was loaded before");
            return true;
        }
        return false;
    }

    /**
     * A replay of a committed batch: its rows refused back then go to the dead-letter queue
     * again, since the host drops dead-letter rows of a batch it never saw confirmed.
     */
    private void refuseAgain(DecodedFrame frame, BatchMeta meta) throws PgException {
        if (cfg.onDataError != OnDataError.DLQ) {
            return;
        }
        List<DeadLetterTable.Refusal> refused = deadLetters.refused(stream, meta.syncRun, meta.seq);
        if (refused.isEmpty()) {
            return;
        }
        rowErrors.batch(stream, meta, frame.schema.metadata());
        for (DeadLetterTable.Refusal r : refused) {
            long row = r.origin.row;
            for (RecordBatch b : frame.batches) {
                if (row < b.rowCount()) {
                    rowErrors.refuseAgain(b, (int) row, r);
                    break;
                }
                row -= b.rowCount();
            }
        }
    }

    /** First batch: the stream, its target table, the watermark. Runs outside any transaction. */
    private void start(BatchMeta meta) throws PgException {
        stream = !ctx.stream().isEmpty() ? ctx.stream() : meta.stream;
        if (stream == null || stream.isEmpty()) {
            throw ConnectorError.config("NO_STREAM", "run-write got no stream name in ctx-json and the batch has no "
                    + BatchKeys.STREAM + " metadata").toException();
        }
        String[] target = cfg.targetTable(stream);
        schemaName = target[0];
        tableName = target[1];
        Sql.qualified(schemaName, tableName); // validates both names
        boolean schemaExists = "t".equals(db.query("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = "
                + db.literal(schemaName) + ")").value(0, 0));
        if (!schemaExists) {
            if (!cfg.autoCreate) {
                throw ConnectorError.config("SCHEMA_NOT_FOUND", "schema " + Sql.ident(schemaName)
                        + " does not exist and auto_create is false").toException();
            }
            TableDdl.createSchema(db, schemaName);
        }
        range = meta.range;
        watermarkKey = watermarkKey(range);
        cdcRun = ChangeFields.isCdc(meta);
        watermark = new Watermark(db, schemaName, tableName);
        watermark.ensureTable();
        deadLetters = new DeadLetterTable(db, schemaName, tableName);
        deadLetters.ensureTable();
        position = watermark.read(watermarkKey);
        positions.put(watermarkKey, position);
        loadTable = tableName;
        if (cfg.writeMode == WriteMode.REPLACE && range != null) {
            throw replaceRanges();
        }
        if (cfg.writeMode == WriteMode.REPLACE) {
            stage = new ReplaceStage(schemaName, tableName);
            loadTable = stage.stageTable();
        }
        ctx.info("stream " + stream + " -> " + Sql.qualified(schemaName, tableName) + " (" + cfg.writeMode + ", "
                + cfg.loadMethod + ", commit " + interval + ", on_data_error " + cfg.onDataError
                + "); committed position: " + (position == null ? "none" : position.toString()));
    }

    private void begin(BatchMeta meta) throws PgException {
        if (txOpen) {
            return;
        }
        db.execute("BEGIN");
        txOpen = true;
        txStartMillis = System.currentTimeMillis();
        txRows = 0;
        txRowsByKey.clear();
        txBytes = 0;
        if (stage != null && !stageStarted) {
            boolean sameRun = meta.hasPosition() && position != null && position.syncRun.equals(meta.syncRun);
            boolean resumed = stage.prepare(db, sameRun);
            stageStarted = true;
            planFields = null; // the stage may be new: plan again
            ctx.info((resumed ? "resuming" : "loading into") + " replace stage " + Sql.qualified(schemaName, loadTable));
        }
    }

    private void planFor(DecodedFrame frame, BatchMeta meta) throws PgException {
        if (planFields != null && planFields.equals(frame.schema.fields())) {
            return;
        }
        ChangeFields changes = ChangeFields.of(frame.schema, meta);
        if (ChangeFields.isCdc(meta) && cfg.writeMode == WriteMode.REPLACE) {
            throw ConnectorError.config("CHANGES_IN_REPLACE_MODE", "stream " + stream + " sends change batches "
                    + "(sync mode cdc), which are applied to the target as they come; write_mode replace cannot "
                    + "do that: use append or upsert (both apply changes)").toException();
        }
        List<String> key = !cfg.primaryKey.isEmpty() ? cfg.primaryKey : meta.primaryKey;
        LoadPlan plan = resolver.resolve(changes == null ? frame.schema : changes.dataSchema(), schemaName, loadTable,
                key);
        List<String> upsertKey = !key.isEmpty() ? key : plan.table().primaryKey();
        if (changes == null) {
            // A cdc stream's snapshot rows may meet rows its changes wrote (a resumed snapshot): upsert.
            WriteMode mode = ChangeFields.isCdc(meta) ? WriteMode.UPSERT : cfg.writeMode;
            writer = new TableWriter(db, plan, mode, cfg.loadMethod, cfg.insertBatchRows, upsertKey);
        } else {
            List<io.rapidbyte.sdk.arrow.Field> f = frame.schema.fields();
            writer = TableWriter.forChanges(db, plan, cfg.loadMethod, cfg.insertBatchRows, upsertKey,
                    new ChangeColumns(changes.opField(), f.get(changes.opField()), changes.unchangedField(),
                            f.get(changes.unchangedField()), cfg.cdcTruncate));
        }
        planFields = frame.schema.fields();
    }

    private void commit() throws PgException {
        StringBuilder sql = new StringBuilder();
        if (positionDirty) {
            for (String key : dirtyKeys) {
                sql.append(watermark.upsertSql(key, positions.get(key), txRowsByKey.getOrDefault(key, 0L))).append("; ");
            }
        }
        sql.append("COMMIT");
        failureState = CommitState.AFTER_COMMIT_UNKNOWN;
        try {
            db.execute(sql.toString());
        } catch (PgException e) {
            if (!e.connectionBroken()) {
                failureState = CommitState.BEFORE_COMMIT; // the server refused: rolled back
            }
            throw e;
        }
        failureState = CommitState.BEFORE_COMMIT;
        txOpen = false;
        positionDirty = false;
        dirtyKeys.clear();
        rowsCommitted += txRows;
        if (txRows > 0) {
            ctx.metric(Json.object().with("name", "dest_postgres.rows_committed").with("value", txRows)
                    .with("kind", "counter").with("stream", stream).toJson());
        }
        checkpoint(false);
    }

    /** Replace mode, end of input: the stage becomes the target in one transaction. */
    private void swap() throws PgException {
        db.execute("BEGIN");
        String sql = stage.swapSql(db) + (position != null ? "; " + watermark.upsertSql(watermarkKey, position, 0) : "");
        db.execute(sql);
        failureState = CommitState.AFTER_COMMIT_UNKNOWN;
        db.execute("COMMIT");
        failureState = CommitState.BEFORE_COMMIT;
        ctx.info("replaced " + Sql.qualified(schemaName, tableName) + " with its stage");
        checkpoint(true);
    }

    private String watermarkKey(String rangeId) {
        return rangeId == null ? stream : stream + " range " + rangeId;
    }

    /**
     * A batch of another range than the one before, or of the whole stream after a range: in a cdc
     * run (the snapshot ranges of a cdc stream, then its changes, in one ordered input) the run
     * goes on under that range's watermark key; any other run refuses it.
     */
    private void switchRange(BatchMeta meta) throws PgException {
        if (!cdcRun || !ChangeFields.isCdc(meta)) {
            throw mixedRanges(meta);
        }
        range = meta.range;
        watermarkKey = watermarkKey(range);
        if (positions.containsKey(watermarkKey)) {
            position = positions.get(watermarkKey);
        } else {
            // Not met in this run yet, so nothing of it is in the open transaction.
            position = watermark.read(watermarkKey);
            positions.put(watermarkKey, position);
        }
    }

    private RuntimeException mixedRanges(BatchMeta meta) {
        return ConnectorError.of(ErrorCategory.DATA, "INVALID_BATCH_METADATA", "stream " + stream + ": one run-write got "
                + "batches of " + (range == null ? "the whole stream" : "range " + range) + " and of "
                + (meta.range == null ? "the whole stream" : "range " + meta.range) + " (" + BatchKeys.RANGE
                + "); each range is written by its own run").toException();
    }

    private RuntimeException replaceRanges() {
        return ConnectorError.config("RANGES_IN_REPLACE_MODE", "stream " + stream + " is read in ranges (range "
                + range + "; source snapshot_ranges above 1), written by several runs at once, but write_mode replace "
                + "swaps the whole table at the end of one run: use append or upsert, or read the stream whole "
                + "(snapshot_ranges 1)").toException();
    }

    private void checkpoint(boolean replaced) {
        JsonObject p = Json.object().with("stream", stream).with("table", schemaName + "." + tableName);
        if (position != null) {
            p.with("sync_run", position.syncRun).with("seq", position.seq);
        }
        p.with("rows_committed", rowsCommitted).with("batches_received", received);
        if (replaced) {
            p.with("replaced", Boolean.TRUE);
        }
        ctx.checkpoint(p.toJson());
        sinceCheckpoint = 0;
    }
}
