package io.rapidbyte.connect.records;

/**
 * Bytes or headers that are not a Rapidbyte V3 frame (one complete Arrow IPC stream with the
 * headers of {@link FrameHeaders}). The message says what is wrong, for logs and dead-letter
 * headers.
 */
public final class InvalidFrameException extends RuntimeException {
    public InvalidFrameException(String message) {
        super(message);
    }
}
