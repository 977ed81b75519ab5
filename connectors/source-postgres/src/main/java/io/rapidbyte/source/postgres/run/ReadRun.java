package io.rapidbyte.source.postgres.run;

import io.rapidbyte.postgres.guest.Log;
import io.rapidbyte.postgres.guest.PgErrors;
import io.rapidbyte.postgres.guest.PgSessions;
import io.rapidbyte.postgres.guest.Redactor;
import io.rapidbyte.postgres.guest.net.Entropy;
import io.rapidbyte.postgres.wire.BinaryCopyReader;
import io.rapidbyte.postgres.wire.CopyOut;
import io.rapidbyte.postgres.wire.PgConnection;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.LogLevel;
import io.rapidbyte.sdk.ReadSummary;
import io.rapidbyte.sdk.StreamLimits;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.sdk.arrow.Schema;
import io.rapidbyte.source.postgres.Errors;
import io.rapidbyte.source.postgres.MemoryMetric;
import io.rapidbyte.source.postgres.batch.BatchAssembler;
import io.rapidbyte.source.postgres.batch.BatchMetadata;
import io.rapidbyte.source.postgres.batch.FrameBatchSink;
import io.rapidbyte.source.postgres.catalog.CatalogReader;
import io.rapidbyte.source.postgres.catalog.ColumnMapping;
import io.rapidbyte.source.postgres.catalog.SourceTable;
import io.rapidbyte.source.postgres.checkpoint.ResumeDecision;
import io.rapidbyte.source.postgres.checkpoint.SyncRunIds;
import io.rapidbyte.source.postgres.checkpoint.SyncState;
import io.rapidbyte.source.postgres.config.PostgresSourceConfig;
import io.rapidbyte.source.postgres.config.StreamConfig;
import io.rapidbyte.source.postgres.config.SyncMode;
import io.rapidbyte.source.postgres.decode.RowDecoder;
import io.rapidbyte.source.postgres.decode.Tuple;
import io.rapidbyte.source.postgres.query.KeySpec;
import io.rapidbyte.source.postgres.query.ReadPlan;
import io.rapidbyte.source.postgres.query.ReadPlanner;
import io.rapidbyte.source.postgres.query.StreamProblem;
import io.rapidbyte.source.postgres.ranges.PageRange;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code run-read}: in a single {@code REPEATABLE READ READ ONLY} transaction it looks the table
 * up, decides where to start from the saved position, and streams
 * {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)} row by row into Arrow builders, emitting and
 * checkpointing batch after batch. Memory stays bounded by one batch (plus, for a non-unique cursor,
 * one group of equal cursor values, itself capped at a batch). Single use; not thread-safe.
 */
public final class ReadRun {
    /** Guest memory is reported after every this many batches and at the end of the run. */
    static final int MEMORY_METRIC_EVERY = 16;

    private final PostgresSourceConfig config;
    private final PgSessions sessions;
    private final Entropy entropy;
    private final Redactor redactor;
    private final Log log;

    public ReadRun(PostgresSourceConfig config, PgSessions sessions, Entropy entropy, Redactor redactor, Log log) {
        this.config = config;
        this.sessions = sessions;
        this.entropy = entropy;
        this.redactor = redactor;
        this.log = log;
    }

    public ReadSummary read(Context ctx) {
        String name = ctx.stream();
        if (!StreamConfig.isValidName(name)) {
            throw Errors.config("INVALID_STREAM", "stream name \"" + name + "\" is not schema.table");
        }
        StreamConfig configured = config.stream(name);
        // One range of a cdc stream's snapshot: every column, as the whole-stream snapshot reads them
        // (cdc.SnapshotPhase), in batches marked cdc so the destination upserts them by key.
        boolean cdcRange = configured.syncMode() == SyncMode.CDC && ctx.range() != null;
        StreamConfig stream = cdcRange ? StreamConfig.fullRefresh(name) : configured;
        long maxRows = limit(ctx.limits().maxBatchRows(), config.maxBatchRows(), StreamLimits.DEFAULT_MAX_BATCH_ROWS);
        long maxBytes = limit(ctx.limits().maxBatchBytes(), config.maxBatchBytes(), config.maxBatchBytes());
        PgConnection connection = sessions.open();
        try {
            connection.simpleQuery("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
            CatalogReader catalog = new CatalogReader(connection);
            SourceTable table = catalog.table(stream.schema(), stream.table());
            if (table == null) {
                throw Errors.config("42P01", "stream " + name + ": relation \"" + stream.schema() + "\".\""
                        + stream.table() + "\" does not exist or is not visible to user " + config.connection().user());
            }
            List<StreamProblem> problems = ReadPlanner.problems(stream, table);
            if (!problems.isEmpty()) {
                throw problems.get(0).toError(name, ReadPlanner.join(problems)).toException();
            }
            PageRange range = ctx.range() == null ? null : range(name, stream, table, ctx);
            KeySpec key = range != null ? KeySpec.ctid() : ReadPlanner.key(stream, table);
            ResumeDecision decision = ResumeDecision.decide(ctx.resume(), name, stream.syncMode(), key,
                    SyncRunIds.next(entropy, System.currentTimeMillis()));
            if (decision.warning() != null) {
                log.warn("stream " + name + ": " + decision.warning());
            }
            SyncState state = decision.state();
            ReadPlan plan = ReadPlanner.plan(stream, table, key, state.position(), catalog.standardConformingStrings());
            if (range != null) {
                plan = plan.pages(range.fromPage(), range.toPage());
                log.info("stream " + name + ": reading " + range);
            }
            return copy(ctx, connection, table, plan, state, range == null ? null : range.id(),
                    cdcRange ? SyncMode.CDC.wireName() : plan.mode().wireName(), maxRows, maxBytes);
        } catch (PgException e) {
            throw PgErrors.of("reading stream " + name, e, redactor);
        } finally {
            connection.close();
        }
    }

    /**
     * The ctid range a ranged run reads: only a full refresh (or a cdc stream's snapshot, read as
     * one) of a relation with stable ctids (discover offers ranges for nothing else).
     */
    private static PageRange range(String name, StreamConfig stream, SourceTable table, Context ctx) {
        if (stream.syncMode() != SyncMode.FULL_REFRESH || !table.hasStableCtid()) {
            throw Errors.config("RANGE_NOT_SUPPORTED", "stream " + name + ": a run-read of one range needs a full "
                    + "refresh of a plain table or materialized view, this is a " + stream.syncMode().wireName()
                    + " stream on a " + table.kindName());
        }
        return PageRange.fromJson(name, ctx.range());
    }

    private ReadSummary copy(Context ctx, PgConnection connection, SourceTable table, ReadPlan plan, SyncState state,
            String rangeId, String syncModeName, long maxRows, long maxBytes) throws PgException {
        List<Field> fields = new ArrayList<Field>();
        for (ColumnMapping m : plan.columns()) {
            fields.add(m.field());
            if (m.fallbackReason() != null) {
                log.info("stream " + plan.stream() + ", column \"" + m.column().name() + "\": " + m.fallbackReason());
            }
        }
        BatchMetadata metadata = new BatchMetadata(fields, plan.stream(), state.syncRun(), table.primaryKey(),
                syncModeName, rangeId);
        long budget = maxBytes - metadata.streamOverhead();
        if (budget < 1024) {
            throw Errors.config("BATCH_LIMIT_TOO_SMALL", "stream " + plan.stream() + ": max_batch_bytes " + maxBytes
                    + " leaves no room for rows after the " + metadata.streamOverhead() + "-byte schema");
        }
        if (plan.key().uniqueness() == KeySpec.Uniqueness.NONE) {
            log.warn("stream " + plan.stream() + " has no primary key: a restarted full refresh starts over");
        }
        RecordBatchBuilder batch = new RecordBatchBuilder(new Schema(fields, null));
        RowDecoder decoder = new RowDecoder(plan.stream(), plan.columns(), batch, new OnceNotes(plan.stream(), log),
                redactor);
        FrameBatchSink sink = new FrameBatchSink(ctx, state, metadata, maxBytes, redactor, (batches, rows, bytes) -> {
            if (batches % MEMORY_METRIC_EVERY == 0) {
                MemoryMetric.report(ctx, batches, rows);
            }
        });
        BatchAssembler assembler = new BatchAssembler(plan, batch, decoder, sink, maxRows, budget,
                plan.mode() == SyncMode.FULL_REFRESH, redactor);
        // An incremental stream runs a pass every poll interval for the life of the task: its
        // start and an idle pass are DEBUG, so only a pass that read rows says so at INFO.
        boolean incremental = plan.mode() != SyncMode.FULL_REFRESH;
        log.log(incremental ? LogLevel.DEBUG : LogLevel.INFO, "stream " + plan.stream() + ": " + plan.mode().wireName()
                + " run " + state.syncRun() + " from seq "
                + state.nextSeq() + (state.position() == null ? " at the start" : " after " + state.key() + " = "
                + state.position()) + ", batches of at most " + maxRows + " rows / " + maxBytes + " bytes");
        CopyOut out = connection.copyOut(plan.copySql());
        pump(new BinaryCopyReader(out), assembler, plan.fieldCount());
        assembler.finish();
        connection.simpleQuery("COMMIT");
        MemoryMetric.report(ctx, sink.batches(), sink.rows());
        ctx.counter("source_postgres.rows_read", assembler.rows());
        log.log(incremental && assembler.rows() == 0 ? LogLevel.DEBUG : LogLevel.INFO, "stream " + plan.stream()
                + ": read " + assembler.rows() + " rows in " + sink.batches() + " batches ("
                + sink.bytes() + " bytes), next seq " + state.nextSeq());
        return ReadSummary.of(ctx, assembler.rows(), 0);
    }

    /**
     * The per-row loop, kept out of {@link #copy} on purpose: Chicory turns each wasm function into
     * one JVM method, and HotSpot never JIT-compiles a method above 8000 bytecode bytes, so the loop
     * must not live in a large function (TeaVM inlines only callees this small into callers). The
     * CDC snapshot's row loop too.
     */
    public static void pump(BinaryCopyReader reader, BatchAssembler assembler, int fieldCount) throws PgException {
        Tuple tuple = new Tuple();
        while (reader.next()) {
            if (reader.fieldCount() != fieldCount) {
                throw PgException.protocolViolation("COPY row has " + reader.fieldCount() + " fields, expected "
                        + fieldCount);
            }
            assembler.accept(tuple.set(reader.buffer(), reader.offsets(), reader.lengths(), 0));
        }
    }

    /** The smaller of the run's limit and the config's (0 = unset), else {@code fallback}. */
    public static long limit(long fromRun, long fromConfig, long fallback) {
        long limit = fromRun > 0 ? fromRun : fallback;
        if (fromConfig > 0 && fromConfig < limit) {
            limit = fromConfig;
        }
        if (limit > Integer.MAX_VALUE) {
            limit = Integer.MAX_VALUE;
        }
        return limit;
    }
}
