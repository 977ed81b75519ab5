package io.rapidbyte.testguests.probe;

import io.rapidbyte.sdk.text.Utf8;
import io.rapidbyte.sdk.abi.Arena;
import io.rapidbyte.sdk.abi.Bounds;
import io.rapidbyte.sdk.abi.Host;
import io.rapidbyte.sdk.abi.HostImports;
import io.rapidbyte.sdk.abi.ImportResult;
import io.rapidbyte.sdk.abi.LinearMemory;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonObject;

/**
 * Probe ops on raw frame handles (through {@link Host}, not {@link io.rapidbyte.sdk.Frame}, so tests
 * can pass stale, zero or garbage handles and see the host's error). Single-threaded.
 */
final class FrameOps {
    private static final int TEXT_LIMIT = 256;
    private final Registers registers;

    FrameOps(Registers registers) {
        this.registers = registers;
    }

    /** {@code frame-new {capacity, as}} → the handle. */
    Object create(JsonObject op) {
        long handle = Host.frameNew(op.optLong("capacity", 0)) & 0xFFFF_FFFFL;
        registers.store(op, handle);
        return handle;
    }

    /** {@code frame-write {frame, text}}, {@code {frame, hex}} or {@code {frame, size}} (pattern bytes) → the new length. */
    Object write(JsonObject op) {
        byte[] data = op.containsKey("text") ? Utf8.encode(op.getString("text"))
                : op.containsKey("hex") ? BytePattern.hex(op.getString("hex")) : BytePattern.of(op.getInt("size"));
        return Host.frameWrite(registers.frame(op), data, 0, data.length);
    }

    /** {@code frame-write-raw {frame, ptr, len}}: an arbitrary guest pointer, for bounds tests → new length. */
    Object writeRaw(JsonObject op) {
        int frame = registers.frame(op);
        int ptr = (int) op.getLong("ptr");
        int len = (int) op.getLong("len");
        int ret = Arena.beginCall();
        HostImports.frameWrite(frame, ptr, len, ret);
        ImportResult.check(LinearMemory.INSTANCE, ret);
        return LinearMemory.INSTANCE.getLong(ret + 8);
    }

    Object seal(JsonObject op) {
        Host.frameSeal(registers.frame(op));
        return null;
    }

    Object length(JsonObject op) {
        return Host.frameLen(registers.frame(op));
    }

    /** {@code frame-read {frame, offset, len}} → {@code {"len", "sum", "text" (if len <= 256)}}. */
    Object read(JsonObject op) {
        int frame = registers.frame(op);
        long offset = op.optLong("offset", 0);
        byte[] bytes = new byte[Bounds.arrayLength(op.getLong("len"), "frame-read")];
        int chunk = Arena.maxChunk();
        int done = 0;
        do { // one call even for len 0, so an offset past the end still reaches the host
            int n = Math.min(chunk, bytes.length - done);
            Host.frameRead(frame, offset + done, bytes, done, n);
            done += n;
        } while (done < bytes.length);
        JsonObject value = Json.object().with("len", (long) bytes.length).with("sum", BytePattern.sum(bytes));
        if (bytes.length <= TEXT_LIMIT) {
            value.with("text", Utf8.decode(bytes, 0, bytes.length));
        }
        return value;
    }

    Object drop(JsonObject op) {
        Host.frameDrop(registers.frame(op));
        return null;
    }

    Object resourceDrop(JsonObject op) {
        Host.resourceDrop(registers.frame(op));
        return null;
    }

    Object emit(JsonObject op) {
        Host.emitBatch(registers.frame(op));
        return null;
    }

    /** {@code dlq-row {frame, column (optional), code, message}}: {@code emit-dlq-row}, consuming the frame. */
    Object dlqRow(JsonObject op) {
        Host.emitDlqRow(registers.frame(op), op.optString("column", null), op.optString("code", "PROBE"),
                op.optString("message", ""));
        return null;
    }

    /** {@code next-batch {as}} → null at end of input, else {@code {"len": n}}. */
    Object next(JsonObject op) {
        long handle = Host.nextBatch();
        if (handle == Host.NO_FRAME) {
            return null;
        }
        registers.store(op, handle);
        return Json.object().with("len", Host.frameLen((int) handle));
    }
}
