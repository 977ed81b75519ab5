package io.rapidbyte.sdk.arrow;

/** Builder for interval(month_day_nano) columns: int32 months, int32 days, int64 nanoseconds. */
public final class IntervalColumnBuilder extends FixedWidthColumnBuilder {

    IntervalColumnBuilder(Field field) {
        super(field, 16);
    }

    public void append(int months, int days, long nanos) {
        int p = slot();
        LittleEndian.putInt(values, p, months);
        LittleEndian.putInt(values, p + 4, days);
        LittleEndian.putLong(values, p + 8, nanos);
        valueAppended();
    }
}
