package io.rapidbyte.sdk.arrow;

/** Builder for float32 and float64 columns. NaN payloads and signed zeros are kept bit-exact. */
public final class FloatColumnBuilder extends FixedWidthColumnBuilder {

    FloatColumnBuilder(Field field) {
        super(field, field.type().byteWidth());
    }

    /** Appends a value; a float32 column rounds it to float. */
    public void append(double v) {
        int p = slot();
        if (width == 4) {
            LittleEndian.putInt(values, p, Float.floatToRawIntBits((float) v));
        } else {
            LittleEndian.putLong(values, p, Double.doubleToRawLongBits(v));
        }
        valueAppended();
    }

    /** Appends a float without passing through double (keeps float NaN payloads exact). */
    public void append(float v) {
        int p = slot();
        if (width == 4) {
            LittleEndian.putInt(values, p, Float.floatToRawIntBits(v));
        } else {
            LittleEndian.putLong(values, p, Double.doubleToRawLongBits(v));
        }
        valueAppended();
    }
}
