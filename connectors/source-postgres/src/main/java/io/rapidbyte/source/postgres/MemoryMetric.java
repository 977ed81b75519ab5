package io.rapidbyte.source.postgres;

import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.json.Json;
import org.teavm.backend.wasm.WasmHeap;

/**
 * The guest's own memory figures, read from TeaVM's heap bookkeeping: the linear memory it has grown
 * to and the size of its garbage-collected heap. Reported as the metric
 * {@code source_postgres.guest_memory_bytes} so operators (and the tests) can see that a long read
 * runs in flat memory. Only usable inside the TeaVM-compiled guest. Stateless.
 */
public final class MemoryMetric {
    public static final String METRIC = "source_postgres.guest_memory_bytes";

    private MemoryMetric() {
    }

    /** Bytes of linear memory in use up to TeaVM's memory limit. */
    public static long memoryBytes() {
        return WasmHeap.memoryLimit.toInt() & 0xffffffffL;
    }

    /** Bytes of TeaVM's collected heap. */
    public static long heapBytes() {
        return WasmHeap.heapSize & 0xffffffffL;
    }

    /** Sends {@code {"name": METRIC, "value": memory, "heap_bytes": heap, "stream", "batches", "rows"}}. */
    public static void report(Context ctx, long batches, long rows) {
        ctx.metric(Json.object()
                .with("name", METRIC)
                .with("value", memoryBytes())
                .with("heap_bytes", heapBytes())
                .with("stream", ctx.stream())
                .with("batches", batches)
                .with("rows", rows)
                .toJson());
    }
}
