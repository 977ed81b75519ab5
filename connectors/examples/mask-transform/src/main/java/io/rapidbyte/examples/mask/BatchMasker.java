package io.rapidbyte.examples.mask;

import io.rapidbyte.sdk.arrow.RecordBatch;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;

/**
 * Applies a {@link MaskPlan} to batches, column by column ({@link ColumnMasks}), into an output
 * builder reused from batch to batch: every row is kept, in order; unmasked values are copied
 * bit-exactly. Owns its builder and column masks; not thread-safe.
 */
public final class BatchMasker {
    private final MaskPlan plan;
    private final RecordBatchBuilder output;
    private final ColumnMasks[] masks;

    public BatchMasker(MaskConfig config, MaskPlan plan) {
        this.plan = plan;
        this.output = new RecordBatchBuilder(plan.outputSchema(null));
        this.masks = new ColumnMasks[plan.width()];
        for (int j = 0; j < masks.length; j++) {
            masks[j] = ColumnMasks.of(plan.op(j), plan, config);
        }
    }

    public MaskPlan plan() {
        return plan;
    }

    /** The masked rows of {@code batch}. The returned builder is this masker's own, valid until the next call. */
    public RecordBatchBuilder apply(RecordBatch batch) {
        output.reset();
        int rows = batch.rowCount();
        for (int j = 0; j < masks.length; j++) {
            masks[j].apply(batch.column(plan.source(j)), output.column(j), rows);
        }
        return output;
    }
}
