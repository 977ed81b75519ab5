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

    /**
     * {@code what + ": " + value}, the value cut to 100 characters. Parsers throw through this rather
     * than concatenating at each throw site: TeaVM inlines small parsers into per-value encode loops,
     * and every inlined message would grow those loops towards HotSpot's JIT size limit once compiled
     * (see wasm-build's GuestMethodSizes).
     */
    static BinaryFormatException invalid(String what, String value) {
        StringBuilder message = new StringBuilder(what.length() + 2 + Math.min(value.length(), 101));
        message.append(what).append(": ");
        if (value.length() > 100) {
            message.append(value, 0, 100).append('\u2026');
        } else {
            message.append(value);
        }
        return new BinaryFormatException(message.toString());
    }

    static void checkLength(String type, int len, int expected) {
        if (len != expected) {
            throw new BinaryFormatException(type + " value must be " + expected + " bytes, got " + len);
        }
    }
}
