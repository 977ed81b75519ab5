package io.rapidbyte.sdk;

/**
 * A transform: pulls batches with {@link Context#nextBatch()} and emits transformed batches with
 * {@link Context#emitBatch}. Exported as {@code rapidbyte:connector/transform-connector@3.0.0}.
 * Called on one thread, one export at a time.
 */
public interface TransformConnector extends Connector {
    /** Runs {@code run-transform} for {@link Context#stream()}. */
    TransformSummary transform(Context ctx);
}
