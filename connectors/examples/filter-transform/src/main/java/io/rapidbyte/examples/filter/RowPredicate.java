package io.rapidbyte.examples.filter;

import io.rapidbyte.sdk.arrow.RecordBatch;

/**
 * Decides whether a row of a batch is kept. Implementations are bound to one schema ({@link Predicates}),
 * immutable, and only read the batch.
 */
public interface RowPredicate {
    boolean test(RecordBatch batch, int row);
}
