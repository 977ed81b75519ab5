package io.rapidbyte.sdk.arrow;

/** Builder for fixed-size binary columns (for example 16-byte UUIDs). */
public final class FixedSizeBinaryColumnBuilder extends FixedWidthColumnBuilder {

    FixedSizeBinaryColumnBuilder(Field field) {
        super(field, field.type().byteWidth());
    }

    /** Appends a copy of {@code value}, whose length must equal the byte width. */
    public void append(byte[] value) {
        if (value.length != width) {
            throw new IllegalArgumentException(describe() + " needs " + width + " bytes, got " + value.length);
        }
        append(value, 0);
    }

    /** Appends a copy of the byte-width bytes of {@code src} starting at {@code offset}. */
    public void append(byte[] src, int offset) {
        if (offset < 0 || offset > src.length - width) {
            throw new IndexOutOfBoundsException("offset " + offset + " + width " + width + " > " + src.length);
        }
        int p = slot();
        ByteArrays.copyValue(src, offset, values, p, width);
        valueAppended();
    }

    /**
     * Appends a UUID in its canonical big-endian byte order (as java.util.UUID's two halves),
     * which is what Arrow's UUID extension type and Postgres use. Width must be 16.
     */
    public void appendUuid(long mostSignificantBits, long leastSignificantBits) {
        if (width != 16) {
            throw new IllegalStateException(describe() + " is not 16 bytes wide");
        }
        int p = slot();
        for (int i = 0; i < 8; i++) {
            values[p + i] = (byte) (mostSignificantBits >>> (56 - 8 * i));
            values[p + 8 + i] = (byte) (leastSignificantBits >>> (56 - 8 * i));
        }
        valueAppended();
    }
}
