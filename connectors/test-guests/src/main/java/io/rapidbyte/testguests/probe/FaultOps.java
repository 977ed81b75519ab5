package io.rapidbyte.testguests.probe;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.abi.Bounds;
import io.rapidbyte.sdk.abi.Traps;
import io.rapidbyte.sdk.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Probe ops that fail on purpose: a returned error, a real trap, a hang, memory growth. */
final class FaultOps {
    /** Keeps {@code alloc} arrays reachable for the life of the instance. */
    private static final List<byte[]> RETAINED = new ArrayList<>();
    /** Written on every spin iteration so the loop has an observable effect and cannot be removed. */
    private static volatile long spinCounter;

    private FaultOps() {
    }

    /** Stops the script; the export returns this error. */
    static final class ScriptFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ConnectorError error;

        ScriptFailure(ConnectorError error) {
            super(error.toString());
            this.error = error;
        }
    }

    /** {@code fail {category, code, message, retryable}}. */
    static ScriptFailure fail(JsonObject op) {
        return new ScriptFailure(ErrorJson.toError(op));
    }

    /** {@code trap}: an out-of-bounds load, a real wasm trap. Never returns. */
    static Object trap() {
        Traps.outOfBoundsLoad();
        throw new IllegalStateException("the out-of-bounds load did not trap");
    }

    /** {@code spin}: loops until the host interrupts the instance. */
    static Object spin() {
        while (spinCounter >= 0) {
            spinCounter++;
        }
        return spinCounter;
    }

    /** {@code alloc {bytes}}: allocates and keeps a Java array of that size → bytes. */
    static Object alloc(JsonObject op) {
        byte[] block = new byte[Bounds.arrayLength(op.getLong("bytes"), "alloc")];
        if (block.length > 0) {
            block[block.length - 1] = 1;
        }
        RETAINED.add(block);
        return (long) block.length;
    }
}
