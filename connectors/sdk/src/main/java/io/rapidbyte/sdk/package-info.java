/**
 * The Rapidbyte guest SDK: write a connector in plain Java, compile it to a core wasm module with
 * TeaVM 0.13.1 (through {@code rapidbyte-wasm-build}), run it in the Chicory host.
 *
 * <p>A connector implements {@link io.rapidbyte.sdk.SourceConnector},
 * {@link io.rapidbyte.sdk.DestinationConnector} or {@link io.rapidbyte.sdk.TransformConnector} and
 * registers itself from {@code main}, which the host runs once through {@code _start}:
 *
 * <pre>{@code
 * public final class Main {
 *     public static void main(String[] args) {
 *         Rapidbyte.source(new MySource());
 *     }
 * }
 *
 * final class MySource implements SourceConnector {
 *     public void open(JsonObject config) { ... }
 *     public JsonObject discover() { return Json.object().with("streams", Json.array()); }
 *     public ReadSummary read(Context ctx) {
 *         FrameWriter batch = new FrameWriter();
 *         ... encode one Arrow IPC stream into batch ...
 *         ctx.emitBatch(batch);                       // frame-new(exact), frame-write, seal, emit
 *         ctx.checkpoint("{\"cursor\":42}");
 *         return ReadSummary.of(ctx, rows, 0);
 *     }
 * }
 * }</pre>
 *
 * <p>Destinations and transforms pull with {@link io.rapidbyte.sdk.Context#nextBatch()} until it
 * returns null. Host errors arrive as {@link io.rapidbyte.sdk.ConnectorException}; throw one to return
 * a specific {@link io.rapidbyte.sdk.ConnectorError}. The wire-level pieces (imports, exports,
 * {@code cabi_realloc}, the non-moving arena) are in {@link io.rapidbyte.sdk.abi}; JSON support is in
 * {@link io.rapidbyte.sdk.json}. A guest is single-threaded; nothing here is thread-safe.
 */
package io.rapidbyte.sdk;
