package io.rapidbyte.sdk.arrow;

/**
 * Signed integer column (int8/16/32/64), also used for date32 (days since epoch), time64
 * (microseconds since midnight) and timestamp (microseconds since epoch).
 */
public final class IntColumn extends Column {
    private final int valuesPos;
    private final int width;

    IntColumn(Field field, int length, int nullCount, byte[] data, int validityPos, int valuesPos) {
        super(field, length, nullCount, data, validityPos);
        this.valuesPos = valuesPos;
        this.width = field.type().byteWidth();
    }

    /** The value sign-extended to long. */
    public long getLong(int i) {
        checkIndex(i);
        switch (width) {
            case 1: return data[valuesPos + i];
            case 2: return (short) LittleEndian.getShortUnsigned(data, valuesPos + 2 * i);
            case 4: return LittleEndian.getInt(data, valuesPos + 4 * i);
            default: return LittleEndian.getLong(data, valuesPos + 8 * i);
        }
    }

    /**
     * The value as int, for columns of at most 32 bits.
     *
     * @throws IllegalStateException on an int64-backed column
     */
    public int getInt(int i) {
        if (width == 8) {
            throw new IllegalStateException("field '" + field.name() + "' is 64-bit; use getLong");
        }
        return (int) getLong(i);
    }

    /** Absolute position in {@link #array()} of the values buffer, for encoders that read it in place. */
    public int valuesPosition() {
        return valuesPos;
    }
}
