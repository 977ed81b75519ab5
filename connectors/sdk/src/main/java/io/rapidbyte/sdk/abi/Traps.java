package io.rapidbyte.sdk.abi;

import org.teavm.interop.Address;

/**
 * Ends the guest with a real wasm trap: for states the SDK cannot report through a return value
 * (no arena, exhausted arena inside {@code cabi_realloc}). Stateless.
 */
public final class Traps {
    /** Keeps the faulting load observable so no optimiser can drop it. */
    private static long sink;

    private Traps() {
    }

    /** Prints {@code message} to stderr (WASI fd 2) and traps with an out-of-bounds load. */
    public static RuntimeException trap(String message) {
        System.err.println(message);
        outOfBoundsLoad();
        throw new IllegalStateException(message);
    }

    /**
     * Loads 8 bytes at 0xFFFFFFF0: beyond any 32-bit linear memory, so the wasm engine traps.
     * TeaVM emits a plain {@code i64.load} for {@link Address#getLong()}.
     */
    public static void outOfBoundsLoad() {
        sink += Address.fromInt(0xFFFF_FFF0).getLong();
    }
}
