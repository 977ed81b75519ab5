package io.rapidbyte.examples.generator;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.Frame;
import io.rapidbyte.sdk.ReadSummary;
import io.rapidbyte.sdk.SourceConnector;
import io.rapidbyte.sdk.ValidationResult;
import io.rapidbyte.sdk.abi.Traps;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.IpcStreamWriter;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonArray;
import io.rapidbyte.sdk.json.JsonObject;

/**
 * Example source: {@code rows} deterministic rows of every Arrow type the SDK supports, per
 * stream, in batches capped by rows ({@code batch_rows} and the run's {@code max_batch_rows}) and
 * by bytes ({@code max_batch_bytes}). Each batch is one Arrow IPC stream carrying the
 * BATCH-METADATA.md keys; a source checkpoint ({@link ResumePosition}) follows every batch, and a
 * run resumes from the host's {@code resume}. Two failure-injection knobs exist for host tests:
 * {@code trap_after_batches} and {@code leak_frames}.
 *
 * <p>Called by the SDK's export dispatch on the guest's only thread.
 */
public final class GeneratorSource implements SourceConnector {
    private static final byte[] LEAKED_BYTES = {'l', 'e', 'a', 'k'};

    private GeneratorConfig config;

    @Override
    public void open(JsonObject configJson) {
        config = GeneratorConfig.parse(configJson);
    }

    @Override
    public ValidationResult validate() {
        return ValidationResult.success("generates " + config().rows() + " rows per stream for "
                + config().streams());
    }

    @Override
    public JsonObject discover() {
        JsonArray columns = Json.array();
        for (Field f : GeneratedSchema.FIELDS.fields()) {
            columns.add(Json.object().with("name", f.name()).with("type", GeneratedSchema.typeName(f))
                    .with("nullable", f.isNullable()).with("pg_type", f.metadata().get(GeneratedSchema.KEY_PG_TYPE)));
        }
        JsonArray streams = Json.array();
        for (String name : config().streams()) {
            streams.add(Json.object().with("name", name)
                    .with("sync_modes", Json.array().with(GeneratedSchema.SYNC_MODE))
                    .with("primary_key", Json.array().with(GeneratedSchema.FIELDS.field(GeneratedSchema.ID).name()))
                    .with("columns", columns));
        }
        return Json.object().with("streams", streams);
    }

    @Override
    public ReadSummary read(Context ctx) {
        GeneratorConfig cfg = config();
        String stream = ctx.stream();
        if (!cfg.streams().contains(stream)) {
            throw ConnectorError.config("UNKNOWN_STREAM", "generator has no stream \"" + stream + "\"; it offers "
                    + cfg.streams()).toException();
        }
        leakFrames(cfg.leakFrames());
        ResumePosition position = ResumePosition.fromResume(ctx.resume(), cfg.rows(),
                "generator-" + Long.toString(System.currentTimeMillis(), 36));
        RecordBatchBuilder batch = new RecordBatchBuilder(GeneratedSchema.FIELDS);
        RowAppender appender = new RowAppender(batch, new RowValues(RowValues.streamSeed(cfg.seed(), stream),
                cfg.nullEvery()));
        // At least one row per batch even if a host passes a zero limit: a batch must make progress.
        long rowCap = Math.max(1, Math.min(cfg.batchRows(), ctx.limits().maxBatchRows()));
        BatchByteBudget budget = budget(ctx, stream, position.syncRun());
        long rowsRead = 0;
        long batches = 0;
        while (position.nextRow() < cfg.rows()) {
            batch.reset();
            fill(appender, budget, position.nextRow(), cfg.rows(), rowCap);
            emit(ctx, batch, stream, position);
            position = position.after(batch.rowCount());
            rowsRead += batch.rowCount();
            ctx.checkpoint(position.toJson());
            batches++;
            if (batches == cfg.trapAfterBatches()) {
                Traps.trap("example-generator: trap_after_batches=" + batches + " reached");
            }
        }
        return ReadSummary.of(ctx, rowsRead, 0);
    }

    /** The byte budget of this run, sized for the longest seq it can carry so the schema never outgrows it. */
    private static BatchByteBudget budget(Context ctx, String stream, String syncRun) {
        IpcStreamWriter longest = new IpcStreamWriter(GeneratedSchema.forBatch(stream, syncRun, Long.MAX_VALUE), 64);
        return new BatchByteBudget(ctx.limits().maxBatchBytes(),
                longest.schemaMessageLength() + IpcStreamWriter.EOS_BYTES);
    }

    /** Appends rows k, k+1, ... below {@code rows} until the row cap or the byte budget is reached. */
    private static void fill(RowAppender appender, BatchByteBudget budget, long k, long rows, long rowCap) {
        RecordBatchBuilder batch = appender.batch();
        while (k < rows && batch.rowCount() < rowCap) {
            long n = Math.min(budget.rowsThatFit(batch), Math.min(rowCap - batch.rowCount(), rows - k));
            if (n == 0) {
                return;
            }
            for (long end = k + n; k < end; k++) {
                appender.append(k);
            }
        }
    }

    private static void emit(Context ctx, RecordBatchBuilder batch, String stream, ResumePosition position) {
        IpcStreamWriter writer = new IpcStreamWriter(
                GeneratedSchema.forBatch(stream, position.syncRun(), position.nextSeq()),
                (int) Math.min(Integer.MAX_VALUE - 16, batch.estimatedBytes() + 4096));
        writer.writeBatch(batch);
        writer.finish();
        ctx.emitBatch(writer.array(), 0, writer.length());
    }

    /** Frames this run never drops: the host must free and count them at teardown. */
    private static void leakFrames(int count) {
        for (int i = 0; i < count; i++) {
            Frame.create(LEAKED_BYTES.length).write(LEAKED_BYTES);
        }
    }

    private GeneratorConfig config() {
        if (config == null) {
            throw ConnectorError.internal("NOT_OPEN", "generator: open() has not succeeded").toException();
        }
        return config;
    }
}
