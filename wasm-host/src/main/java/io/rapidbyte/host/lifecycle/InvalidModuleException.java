package io.rapidbyte.host.lifecycle;

/**
 * A wasm module that cannot be used as a connector: it does not parse or compile, lacks an
 * export its role requires, has a malformed manifest, or cannot be instantiated against the
 * host's imports. The message names the module and the first problem found.
 */
public class InvalidModuleException extends RuntimeException {
    public InvalidModuleException(String message) {
        super(message);
    }

    public InvalidModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
