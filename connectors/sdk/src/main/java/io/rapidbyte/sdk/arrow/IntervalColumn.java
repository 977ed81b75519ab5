package io.rapidbyte.sdk.arrow;

/** interval(month_day_nano) column: int32 months, int32 days, int64 nanoseconds per row. */
public final class IntervalColumn extends Column {
    private final int valuesPos;

    IntervalColumn(Field field, int length, int nullCount, byte[] data, int validityPos, int valuesPos) {
        super(field, length, nullCount, data, validityPos);
        this.valuesPos = valuesPos;
    }

    public int getMonths(int i) {
        checkIndex(i);
        return LittleEndian.getInt(data, valuesPos + 16 * i);
    }

    public int getDays(int i) {
        checkIndex(i);
        return LittleEndian.getInt(data, valuesPos + 16 * i + 4);
    }

    public long getNanos(int i) {
        checkIndex(i);
        return LittleEndian.getLong(data, valuesPos + 16 * i + 8);
    }

    /** Absolute position in {@link #array()} of the values buffer, for encoders that read it in place. */
    public int valuesPosition() {
        return valuesPos;
    }
}
