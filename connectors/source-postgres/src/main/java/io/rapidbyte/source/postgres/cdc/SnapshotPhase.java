package io.rapidbyte.source.postgres.cdc;

import io.rapidbyte.postgres.guest.Log;
import io.rapidbyte.postgres.guest.Redactor;
import io.rapidbyte.postgres.wire.BinaryCopyReader;
import io.rapidbyte.postgres.wire.PgConnection;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.sdk.arrow.Schema;
import io.rapidbyte.source.postgres.Errors;
import io.rapidbyte.source.postgres.batch.BatchAssembler;
import io.rapidbyte.source.postgres.batch.BatchMetadata;
import io.rapidbyte.source.postgres.catalog.CatalogReader;
import io.rapidbyte.source.postgres.catalog.ColumnMapping;
import io.rapidbyte.source.postgres.catalog.SourceTable;
import io.rapidbyte.source.postgres.config.StreamConfig;
import io.rapidbyte.source.postgres.decode.RowDecoder;
import io.rapidbyte.source.postgres.query.ReadPlan;
import io.rapidbyte.source.postgres.query.ReadPlanner;
import io.rapidbyte.source.postgres.run.OnceNotes;
import io.rapidbyte.source.postgres.run.ReadRun;
import java.util.ArrayList;
import java.util.List;

/**
 * The initial snapshot of a cdc stream: every row in key order through the binary COPY path, in
 * a {@code REPEATABLE READ} transaction that imports the slot's exported snapshot, so it shows
 * exactly what was committed before the slot's consistent point. Each batch checkpoints the key
 * of its last row; the last one switches the position to streaming. A snapshot resumed after a
 * restart reads the rest after the saved key in a fresh transaction (the exported snapshot is
 * gone with its connection): those rows are newer than the consistent point, and the changes the
 * slot then replays from there are applied over them by key, so the target converges. The seam
 * for splitting one table over several tasks is {@link ReadPlanner#plan}'s start key. Single use.
 */
final class SnapshotPhase {
    private final PgConnection connection;
    private final StreamConfig stream;
    private final CdcPosition position;
    private final CdcEmitter emitter;
    private final Redactor redactor;
    private final Log log;

    SnapshotPhase(PgConnection connection, StreamConfig stream, CdcPosition position, CdcEmitter emitter,
            Redactor redactor, Log log) {
        this.connection = connection;
        this.stream = stream;
        this.position = position;
        this.emitter = emitter;
        this.redactor = redactor;
        this.log = log;
    }

    /**
     * @param snapshotName the exported snapshot to import, or null to read at a new snapshot (resume)
     * @return rows read
     */
    long run(String snapshotName, long maxRows, long maxBytes) throws PgException {
        connection.simpleQuery("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                + (snapshotName == null ? "" : "; SET TRANSACTION SNAPSHOT '" + snapshotName.replace("'", "''") + "'"));
        CatalogReader catalog = new CatalogReader(connection);
        SourceTable table = table(catalog);
        StreamConfig full = StreamConfig.fullRefresh(stream.name());
        ReadPlan plan = ReadPlanner.plan(full, table, position.snapshotKey, catalog.standardConformingStrings());
        List<Field> fields = fields(plan);
        final BatchMetadata metadata = new BatchMetadata(fields, stream.name(), position.syncRun, table.primaryKey(),
                "cdc");
        long budget = maxBytes - metadata.streamOverhead();
        if (budget < 1024) {
            throw Errors.config("BATCH_LIMIT_TOO_SMALL", "stream " + stream.name() + ": max_batch_bytes " + maxBytes
                    + " leaves no room for rows after the " + metadata.streamOverhead() + "-byte schema");
        }
        RecordBatchBuilder batch = new RecordBatchBuilder(new Schema(fields, null));
        RowDecoder decoder = new RowDecoder(stream.name(), plan.columns(), batch, new OnceNotes(stream.name(), log),
                redactor);
        BatchAssembler assembler = new BatchAssembler(plan, batch, decoder, (b, key, last) -> {
            position.snapshotKey = key;
            if (last) {
                position.phase = CdcPosition.STREAM;
            }
            emitter.emit(b, metadata);
        }, maxRows, budget, true, redactor);
        log.info("stream " + stream.name() + ": cdc snapshot (sync run " + position.syncRun + ")"
                + (snapshotName != null ? " at the slot's exported snapshot " + snapshotName
                : position.snapshotKey == null ? " from the start" : " resumed after " + position.snapshotKey));
        ReadRun.pump(new BinaryCopyReader(connection.copyOut(plan.copySql())), assembler, plan.fieldCount());
        assembler.finish();
        connection.simpleQuery("COMMIT");
        log.info("stream " + stream.name() + ": snapshot done, " + assembler.rows() + " rows; streaming from "
                + "the slot's consistent point " + io.rapidbyte.postgres.wire.replication.Lsn.format(
                        position.consistentLsn));
        return assembler.rows();
    }

    /**
     * For a snapshot read in ranges by other runs: emits one empty batch of the snapshot's schema
     * (and sync run) carrying the checkpoint of the position in the ranges phase. An embedder stores
     * a checkpoint only with a record (the Connect plugin), and the ranges start once it is durable.
     */
    void announce() throws PgException {
        CatalogReader catalog = new CatalogReader(connection);
        SourceTable table = table(catalog);
        ReadPlan plan = ReadPlanner.plan(StreamConfig.fullRefresh(stream.name()), table, null,
                catalog.standardConformingStrings());
        List<Field> fields = fields(plan);
        emitter.emit(new RecordBatchBuilder(new Schema(fields, null)),
                new BatchMetadata(fields, stream.name(), position.syncRun, table.primaryKey(), "cdc"));
    }

    private SourceTable table(CatalogReader catalog) throws PgException {
        SourceTable table = catalog.table(stream.schema(), stream.table());
        if (table == null) {
            throw Errors.config("42P01", "stream " + stream.name() + ": relation \"" + stream.schema() + "\".\""
                    + stream.table() + "\" does not exist");
        }
        return table;
    }

    private static List<Field> fields(ReadPlan plan) {
        List<Field> fields = new ArrayList<Field>();
        for (ColumnMapping m : plan.columns()) {
            fields.add(m.field());
        }
        return fields;
    }
}
