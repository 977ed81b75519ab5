package io.rapidbyte.sdk.arrow;

/** Boolean column (a bitmap). */
public final class BoolColumn extends Column {
    private final int valuesPos;

    BoolColumn(Field field, int length, int nullCount, byte[] data, int validityPos, int valuesPos) {
        super(field, length, nullCount, data, validityPos);
        this.valuesPos = valuesPos;
    }

    public boolean getBoolean(int i) {
        checkIndex(i);
        return (data[valuesPos + (i >>> 3)] & (1 << (i & 7))) != 0;
    }

    /** Absolute position in {@link #array()} of the values buffer, for encoders that read it in place. */
    public int valuesPosition() {
        return valuesPos;
    }
}
