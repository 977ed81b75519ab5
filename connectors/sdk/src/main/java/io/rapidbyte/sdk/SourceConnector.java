package io.rapidbyte.sdk;

import io.rapidbyte.sdk.json.JsonObject;

/**
 * A source: discovers streams and reads one stream per {@link #read} call, emitting Arrow IPC
 * batches with {@link Context#emitBatch}. Exported as {@code rapidbyte:connector/source-connector@3.0.0}.
 * Called on one thread, one export at a time.
 */
public interface SourceConnector extends Connector {
    /** The catalog, {@code {"streams": [ ... ]}}. */
    JsonObject discover();

    /** Reads {@link Context#stream()} starting at {@link Context#resume()}; runs {@code run-read}. */
    ReadSummary read(Context ctx);
}
