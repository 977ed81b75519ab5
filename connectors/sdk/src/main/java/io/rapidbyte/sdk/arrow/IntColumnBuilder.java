package io.rapidbyte.sdk.arrow;

/**
 * Builder for signed integer columns (int8/16/32/64) and the integer-backed temporal types:
 * date32 (days since epoch), time64 (microseconds since midnight) and timestamp
 * (microseconds since epoch).
 */
public final class IntColumnBuilder extends FixedWidthColumnBuilder {
    /** 64 minus the column's bit width: a value fits when shifting it up and back changes nothing. */
    private final int unusedBits;

    IntColumnBuilder(Field field) {
        super(field, field.type().byteWidth());
        this.unusedBits = 64 - 8 * width;
    }

    /**
     * Appends a value.
     *
     * @throws IllegalArgumentException if {@code v} does not fit the column's bit width
     */
    public void append(long v) {
        if ((v << unusedBits) >> unusedBits != v) {
            throw outOfRange(v);
        }
        int p = slot();
        byte[] b = values;
        switch (width) {
            case 8:
                LittleEndian.putLong(b, p, v);
                break;
            case 4:
                LittleEndian.putInt(b, p, (int) v);
                break;
            case 2:
                LittleEndian.putShort(b, p, (int) v);
                break;
            default:
                b[p] = (byte) v;
                break;
        }
        valueAppended();
    }

    private IllegalArgumentException outOfRange(long v) {
        return new IllegalArgumentException(v + " does not fit " + describe());
    }
}
