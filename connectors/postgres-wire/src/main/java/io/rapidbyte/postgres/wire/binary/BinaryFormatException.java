package io.rapidbyte.postgres.wire.binary;

/**
 * A binary value that does not have the wire format of the type it is decoded
 * as (wrong length, bad header, unknown flag), or a value that cannot be
 * represented in the requested target form. Connectors report it as a
 * {@code data} error. Unchecked because every decoder call would otherwise need
 * a handler for what is a bug or corrupt input.
 */
public class BinaryFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public BinaryFormatException(String message) {
        super(message);
    }

    static void checkLength(String type, int len, int expected) {
        if (len != expected) {
            throw new BinaryFormatException(type + " value must be " + expected + " bytes, got " + len);
        }
    }
}
