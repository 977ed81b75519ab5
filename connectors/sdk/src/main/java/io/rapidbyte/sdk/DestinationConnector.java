package io.rapidbyte.sdk;

/**
 * A destination: pulls batches with {@link Context#nextBatch()} until it returns null, writes them,
 * and confirms durable commits with {@link Context#checkpoint}. Exported as
 * {@code rapidbyte:connector/dest-connector@3.0.0}. Called on one thread, one export at a time.
 */
public interface DestinationConnector extends Connector {
    /** Runs {@code run-write} for {@link Context#stream()}. */
    WriteSummary write(Context ctx);
}
