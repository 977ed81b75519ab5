package io.rapidbyte.sdk.arrow;

/** float32 or float64 column; values are returned bit-exact (NaN payloads, signed zeros). */
public final class FloatColumn extends Column {
    private final int valuesPos;
    private final boolean single;

    FloatColumn(Field field, int length, int nullCount, byte[] data, int validityPos, int valuesPos) {
        super(field, length, nullCount, data, validityPos);
        this.valuesPos = valuesPos;
        this.single = field.type().bitWidth() == 32;
    }

    public double getDouble(int i) {
        checkIndex(i);
        return single ? Float.intBitsToFloat(LittleEndian.getInt(data, valuesPos + 4 * i))
                : Double.longBitsToDouble(LittleEndian.getLong(data, valuesPos + 8 * i));
    }

    /** The value as float (a float64 value is rounded). */
    public float getFloat(int i) {
        checkIndex(i);
        return single ? Float.intBitsToFloat(LittleEndian.getInt(data, valuesPos + 4 * i))
                : (float) Double.longBitsToDouble(LittleEndian.getLong(data, valuesPos + 8 * i));
    }

    /** Absolute position in {@link #array()} of the values buffer, for encoders that read it in place. */
    public int valuesPosition() {
        return valuesPos;
    }
}
