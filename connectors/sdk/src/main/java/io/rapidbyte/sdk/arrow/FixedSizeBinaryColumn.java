package io.rapidbyte.sdk.arrow;

/** Fixed-size binary column; value i occupies {@code byteWidth()} bytes at {@link #valueOffset(int)}. */
public final class FixedSizeBinaryColumn extends Column {
    private final int valuesPos;
    private final int width;

    FixedSizeBinaryColumn(Field field, int length, int nullCount, byte[] data, int validityPos, int valuesPos) {
        super(field, length, nullCount, data, validityPos);
        this.valuesPos = valuesPos;
        this.width = field.type().byteWidth();
    }

    public int byteWidth() {
        return width;
    }

    /** Absolute position of value i in {@link #array()}; no copy. */
    public int valueOffset(int i) {
        checkIndex(i);
        return valuesPos + width * i;
    }

    /** A copy of value i, or null for a null row. */
    public byte[] getBytes(int i) {
        if (isNull(i)) {
            return null;
        }
        byte[] v = new byte[width];
        System.arraycopy(data, valuesPos + width * i, v, 0, width);
        return v;
    }

    /** First 8 bytes of a 16-byte value read big-endian: java.util.UUID's most significant bits. */
    public long getUuidMostSignificantBits(int i) {
        return bigEndianLong(uuidOffset(i));
    }

    /** Last 8 bytes of a 16-byte value read big-endian: java.util.UUID's least significant bits. */
    public long getUuidLeastSignificantBits(int i) {
        return bigEndianLong(uuidOffset(i) + 8);
    }

    private int uuidOffset(int i) {
        if (width != 16) {
            throw new IllegalStateException("field '" + field.name() + "' is not 16 bytes wide");
        }
        return valueOffset(i);
    }

    private long bigEndianLong(int p) {
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = (v << 8) | (data[p + k] & 0xFF);
        }
        return v;
    }

    /** Absolute position in {@link #array()} of the values buffer, for encoders that read it in place. */
    public int valuesPosition() {
        return valuesPos;
    }
}
