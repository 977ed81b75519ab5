package io.rapidbyte.wasm.build;

/** The module is not the wasm the post-processor expects (malformed, or not TeaVM 0.13.1's layout). */
public final class WasmFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WasmFormatException(String message) {
        super(message);
    }
}
