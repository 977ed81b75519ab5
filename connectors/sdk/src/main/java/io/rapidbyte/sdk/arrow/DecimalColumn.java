package io.rapidbyte.sdk.arrow;

import java.math.BigDecimal;

/**
 * decimal128 column. Each value is a 128-bit two's-complement unscaled integer (see
 * {@link Decimal128}); value = unscaled * 10^-scale. The long and (hi, lo) accessors do not
 * allocate.
 */
public final class DecimalColumn extends Column {
    private final int valuesPos;

    DecimalColumn(Field field, int length, int nullCount, byte[] data, int validityPos, int valuesPos) {
        super(field, length, nullCount, data, validityPos);
        this.valuesPos = valuesPos;
    }

    public int precision() {
        return field.type().precision();
    }

    public int scale() {
        return field.type().scale();
    }

    /** Low 64 bits of the unscaled value. */
    public long getLow(int i) {
        checkIndex(i);
        return LittleEndian.getLong(data, valuesPos + 16 * i);
    }

    /** High 64 bits (with the sign) of the unscaled value. */
    public long getHigh(int i) {
        checkIndex(i);
        return LittleEndian.getLong(data, valuesPos + 16 * i + 8);
    }

    /** True if the unscaled value fits a long. */
    public boolean fitsLong(int i) {
        return Decimal128.fitsLong(getHigh(i), getLow(i));
    }

    /**
     * The unscaled value as long.
     *
     * @throws ArithmeticException if it does not fit (check {@link #fitsLong} first)
     */
    public long getUnscaledLong(int i) {
        long lo = getLow(i);
        if (!Decimal128.fitsLong(getHigh(i), lo)) {
            throw new ArithmeticException("decimal in row " + i + " of field '" + field.name() + "' exceeds a long");
        }
        return lo;
    }

    /** The value as BigDecimal, or null for a null row. */
    public BigDecimal getBigDecimal(int i) {
        if (isNull(i)) {
            return null;
        }
        return Decimal128.toBigDecimal(getHigh(i), getLow(i), scale());
    }

    /** The value formatted like BigDecimal.toPlainString, without BigInteger; null for a null row. */
    public String toPlainString(int i) {
        if (isNull(i)) {
            return null;
        }
        return Decimal128.toPlainString(getHigh(i), getLow(i), scale());
    }

    /** Absolute position in {@link #array()} of the values buffer, for encoders that read it in place. */
    public int valuesPosition() {
        return valuesPos;
    }
}
