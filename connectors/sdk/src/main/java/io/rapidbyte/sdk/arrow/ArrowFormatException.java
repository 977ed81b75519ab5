package io.rapidbyte.sdk.arrow;

/**
 * Thrown when Arrow IPC input is malformed, truncated, or uses a feature this SDK does not
 * support (compression, dictionaries, unknown types). The message names the field or buffer
 * involved so that a connector can report it to the host as a data error.
 */
public class ArrowFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ArrowFormatException(String message) {
        super(message);
    }
}
