package io.rapidbyte.examples.mask;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.TransformConnector;
import io.rapidbyte.sdk.TransformSummary;
import io.rapidbyte.sdk.arrow.ArrowFormatException;
import io.rapidbyte.sdk.arrow.IpcStreamReader;
import io.rapidbyte.sdk.arrow.IpcStreamWriter;
import io.rapidbyte.sdk.arrow.RecordBatch;
import io.rapidbyte.sdk.arrow.Schema;
import io.rapidbyte.sdk.json.JsonObject;

/**
 * Example transform: masks the configured columns ({@link MaskPlan}, {@link BatchMasker}). Each
 * input frame becomes exactly one output frame with every row and the input's schema-level
 * metadata, so {@code rapidbyte.seq} and the other BATCH-METADATA.md keys pass unchanged; a frame
 * of a stream the config does not mask is emitted as it came. The stream is the batch's
 * {@code rapidbyte.stream}, else the run's.
 *
 * <p>A hashed value is 64 bytes whatever its input, so an output frame can be larger than its
 * input; the host's frame limit still applies to it.
 *
 * <p>Called by the SDK's export dispatch on the guest's only thread.
 */
public final class MaskTransform implements TransformConnector {
    private MaskConfig config;

    @Override
    public void open(JsonObject configJson) {
        config = MaskConfig.parse(configJson);
    }

    @Override
    public TransformSummary transform(Context ctx) {
        MaskConfig cfg = config();
        BatchMasker masker = null;
        long rows = 0;
        for (byte[] ipc = ctx.nextBatch(); ipc != null; ipc = ctx.nextBatch()) {
            try {
                IpcStreamReader reader = new IpcStreamReader(ipc);
                Schema schema = reader.schema();
                String stream = schema.metadata().get("rapidbyte.stream");
                if (stream == null) {
                    stream = ctx.stream();
                }
                if (!cfg.masks(stream)) {
                    rows += passThrough(reader);
                    ctx.emitBatch(ipc);
                    continue;
                }
                if (masker == null || !masker.plan().accepts(schema)) {
                    masker = new BatchMasker(cfg, MaskPlan.bind(cfg, schema, stream));
                }
                IpcStreamWriter writer = new IpcStreamWriter(masker.plan().outputSchema(schema.metadata()), ipc.length);
                for (RecordBatch in = reader.next(); in != null; in = reader.next()) {
                    rows += in.rowCount();
                    writer.writeBatch(masker.apply(in));
                }
                writer.finish();
                ctx.emitBatch(writer.array(), 0, writer.length());
            } catch (ArrowFormatException e) {
                throw ConnectorError.data("INVALID_BATCH", "mask: not a valid Arrow IPC stream: " + e.getMessage())
                        .toException();
            }
        }
        return TransformSummary.of(ctx, rows, rows);
    }

    /** Rows of an unmasked frame; reading it whole also checks it is a valid stream. */
    private static long passThrough(IpcStreamReader reader) {
        long rows = 0;
        for (RecordBatch in = reader.next(); in != null; in = reader.next()) {
            rows += in.rowCount();
        }
        return rows;
    }

    private MaskConfig config() {
        if (config == null) {
            throw ConnectorError.internal("NOT_OPEN", "mask: open() has not succeeded").toException();
        }
        return config;
    }
}
