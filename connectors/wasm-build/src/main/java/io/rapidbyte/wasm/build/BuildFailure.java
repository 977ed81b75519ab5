package io.rapidbyte.wasm.build;

/** The wasm build failed for a reason already explained in the message (TeaVM problems, bad input). */
public final class BuildFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public BuildFailure(String message) {
        super(message);
    }

    public BuildFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
