package io.rapidbyte.examples.filter;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.TransformConnector;
import io.rapidbyte.sdk.TransformSummary;
import io.rapidbyte.sdk.arrow.ArrowFormatException;
import io.rapidbyte.sdk.arrow.IpcStreamReader;
import io.rapidbyte.sdk.arrow.IpcStreamWriter;
import io.rapidbyte.sdk.arrow.RecordBatch;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.sdk.json.JsonObject;

/**
 * Example transform: keeps the configured columns ({@link Projection}) of the rows that pass the
 * filter ({@link Predicates}). Each input frame becomes exactly one output frame with the input's
 * schema-level metadata, so {@code rapidbyte.seq} and the other BATCH-METADATA.md keys pass
 * through unchanged — even when no row passes, which keeps sequence numbers contiguous downstream.
 * An output batch is never larger than its input, so it respects the same byte limit.
 *
 * <p>Called by the SDK's export dispatch on the guest's only thread.
 */
public final class FilterTransform implements TransformConnector {
    private FilterConfig config;

    @Override
    public void open(JsonObject configJson) {
        config = FilterConfig.parse(configJson);
    }

    @Override
    public TransformSummary transform(Context ctx) {
        FilterConfig cfg = config();
        BatchTransformer transformer = null;
        long rowsIn = 0;
        long rowsOut = 0;
        for (byte[] ipc = ctx.nextBatch(); ipc != null; ipc = ctx.nextBatch()) {
            try {
                IpcStreamReader reader = new IpcStreamReader(ipc);
                if (transformer == null || !transformer.accepts(reader.schema())) {
                    transformer = new BatchTransformer(cfg, reader.schema());
                }
                IpcStreamWriter writer = new IpcStreamWriter(transformer.outputSchema(reader.schema()), ipc.length);
                for (RecordBatch in = reader.next(); in != null; in = reader.next()) {
                    RecordBatchBuilder out = transformer.apply(in);
                    rowsIn += in.rowCount();
                    rowsOut += out.rowCount();
                    writer.writeBatch(out);
                }
                writer.finish();
                ctx.emitBatch(writer.array(), 0, writer.length());
            } catch (ArrowFormatException e) {
                throw ConnectorError.data("INVALID_BATCH", "filter: not a valid Arrow IPC stream: " + e.getMessage())
                        .toException();
            }
        }
        return TransformSummary.of(ctx, rowsIn, rowsOut);
    }

    private FilterConfig config() {
        if (config == null) {
            throw ConnectorError.internal("NOT_OPEN", "filter: open() has not succeeded").toException();
        }
        return config;
    }
}
