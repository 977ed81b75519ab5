package io.rapidbyte.examples.filter;

import io.rapidbyte.sdk.arrow.RecordBatch;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.sdk.arrow.Schema;
import io.rapidbyte.sdk.arrow.ValueCopier;

/**
 * Projection and row filter bound to one input schema's fields, with an output builder reused from
 * batch to batch. A run rebinds only when the input fields change (schema drift). Owns its
 * builder; not thread-safe.
 */
public final class BatchTransformer {
    private final Schema input;
    private final Projection projection;
    private final RowPredicate predicate;
    private final RecordBatchBuilder output;

    /** @throws io.rapidbyte.sdk.ConnectorException config errors for names or values that do not fit {@code input} */
    public BatchTransformer(FilterConfig config, Schema input) {
        this.input = input;
        this.projection = Projection.bind(config.columns(), input);
        this.predicate = Predicates.bind(config.filter(), input);
        this.output = new RecordBatchBuilder(projection.schema(null));
    }

    /** Whether this transformer was bound to the same fields as {@code schema}. */
    public boolean accepts(Schema schema) {
        return schema.fields().equals(input.fields());
    }

    /** The output schema for a batch whose input carried {@code inputSchema}'s metadata. */
    public Schema outputSchema(Schema inputSchema) {
        return projection.schema(inputSchema.metadata());
    }

    /**
     * The kept rows of {@code batch}, projected. The returned builder is this transformer's own,
     * valid until the next call.
     */
    public RecordBatchBuilder apply(RecordBatch batch) {
        output.reset();
        int width = projection.width();
        for (int row = 0; row < batch.rowCount(); row++) {
            if (predicate.test(batch, row)) {
                for (int j = 0; j < width; j++) {
                    ValueCopier.copy(batch.column(projection.source(j)), row, output.column(j));
                }
            }
        }
        return output;
    }
}
