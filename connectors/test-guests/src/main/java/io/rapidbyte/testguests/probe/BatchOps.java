package io.rapidbyte.testguests.probe;

import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.FrameWriter;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonObject;

/**
 * Probe ops through the SDK's high-level batch API ({@link Context#emitBatch}, {@link Context#nextBatch}),
 * so host tests exercise the same path real connectors use. Single-threaded.
 */
final class BatchOps {
    private final Context ctx;

    BatchOps(Context ctx) {
        this.ctx = ctx;
    }

    /** {@code generate {batches, size}}: emits sealed frames of pattern bytes via a FrameWriter → count. */
    Object generate(JsonObject op) {
        int batches = op.getInt("batches");
        byte[] content = BytePattern.of(op.getInt("size"));
        FrameWriter writer = new FrameWriter();
        for (int i = 0; i < batches; i++) {
            writer.write(content, 0, content.length);
            ctx.emitBatch(writer);
        }
        return (long) Math.max(batches, 0);
    }

    /** {@code drain}: reads every input batch whole (frames dropped) → {@code {"batches", "bytes", "sum"}}. */
    Object drain() {
        long batches = 0;
        long bytes = 0;
        long sum = 0;
        for (byte[] batch = ctx.nextBatch(); batch != null; batch = ctx.nextBatch()) {
            batches++;
            bytes += batch.length;
            sum += BytePattern.sum(batch);
        }
        return Json.object().with("batches", batches).with("bytes", bytes).with("sum", sum);
    }

    /** {@code forward}: next-batch, read, new frame, write, seal, emit, until input ends → batches. */
    Object forward() {
        long batches = 0;
        for (byte[] batch = ctx.nextBatch(); batch != null; batch = ctx.nextBatch()) {
            ctx.emitBatch(batch);
            batches++;
        }
        return batches;
    }
}
