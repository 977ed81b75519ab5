package io.rapidbyte.sdk.json;

/** Malformed JSON text, or a value of the wrong type or missing where one was required. */
public final class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message);
    }
}
