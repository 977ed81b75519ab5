package io.rapidbyte.sdk.arrow;

/**
 * Builder for signed integer columns (int8/16/32/64) and the integer-backed temporal types:
 * date32 (days since epoch), time64 (microseconds since midnight) and timestamp
 * (microseconds since epoch).
 */
public final class IntColumnBuilder extends FixedWidthColumnBuilder {

    IntColumnBuilder(Field field) {
        super(field, field.type().byteWidth());
    }

    /**
     * Appends a value.
     *
     * @throws IllegalArgumentException if {@code v} does not fit the column's bit width
     */
    public void append(long v) {
        int p = slot();
        byte[] b = values;
        switch (width) {
            case 1:
                if ((byte) v != v) {
                    throw outOfRange(v);
                }
                b[p] = (byte) v;
                break;
            case 2:
                if ((short) v != v) {
                    throw outOfRange(v);
                }
                LittleEndian.putShort(b, p, (int) v);
                break;
            case 4:
                if ((int) v != v) {
                    throw outOfRange(v);
                }
                LittleEndian.putInt(b, p, (int) v);
                break;
            default:
                LittleEndian.putLong(b, p, v);
                break;
        }
        valueAppended();
    }

    private IllegalArgumentException outOfRange(long v) {
        return new IllegalArgumentException(v + " does not fit " + describe());
    }
}
