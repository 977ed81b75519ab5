package io.rapidbyte.sdk.arrow;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Builder for decimal128 columns. Values are unscaled integers at the column's scale, stored
 * as 16-byte two's-complement little-endian. Every append checks that the value fits the
 * column's precision, because Arrow readers do not and a too-wide value would only fail much
 * later in the destination.
 *
 * <p>The {@code long} and (hi, lo) overloads never allocate; the text overload parses without
 * BigInteger; the BigInteger/BigDecimal overloads are for convenience.
 */
public final class DecimalColumnBuilder extends FixedWidthColumnBuilder {
    private final int precision;
    private final int scale;
    private final UInt128 scratch = new UInt128();
    private final long[] parsed = new long[2];

    DecimalColumnBuilder(Field field) {
        super(field, 16);
        this.precision = field.type().precision();
        this.scale = field.type().scale();
    }

    public int precision() {
        return precision;
    }

    public int scale() {
        return scale;
    }

    /** Appends an unscaled value that fits a long (value = unscaled * 10^-scale). */
    public void appendUnscaled(long unscaled) {
        if (!Decimal128.fitsPrecision(unscaled, precision)) {
            throw tooWide(unscaled >> 63, unscaled);
        }
        put(unscaled >> 63, unscaled);
    }

    /** Appends a 128-bit unscaled value given as its high and low 64-bit words. */
    public void appendUnscaled(long hi, long lo) {
        if (!Decimal128.fitsPrecision(hi, lo, precision)) {
            throw tooWide(hi, lo);
        }
        put(hi, lo);
    }

    public void appendUnscaled(BigInteger unscaled) {
        if (unscaled.bitLength() > 127) {
            throw new IllegalArgumentException("unscaled value " + unscaled + " exceeds precision of " + describe());
        }
        appendUnscaled(Decimal128.highOf(unscaled), Decimal128.lowOf(unscaled));
    }

    /**
     * Appends a BigDecimal, rescaled to the column's scale without rounding.
     *
     * @throws ArithmeticException if rescaling would drop non-zero digits
     */
    public void append(BigDecimal value) {
        appendUnscaled(value.setScale(scale).unscaledValue());
    }

    /**
     * Appends decimal text such as {@code "-123.45"} or {@code "1.5E3"}, rescaled to the
     * column's scale without rounding (see {@link Decimal128#parse}).
     *
     * @throws NumberFormatException on bad syntax or digits lost to the scale
     */
    public void append(CharSequence text) {
        Decimal128.parse(text, scale, parsed, scratch);
        appendUnscaled(parsed[0], parsed[1]);
    }

    private void put(long hi, long lo) {
        int p = slot();
        LittleEndian.putLong(values, p, lo);
        LittleEndian.putLong(values, p + 8, hi);
        valueAppended();
    }

    // The message is built here, with explicit appends (each a call, so TeaVM judges the method too
    // big to inline), not at the callers: appendUnscaled is inlined into per-value decode loops, which
    // must stay small enough for HotSpot to JIT once compiled (wasm-build GuestMethodSizes).
    private IllegalArgumentException tooWide(long hi, long lo) {
        StringBuilder message = new StringBuilder(96);
        message.append("unscaled value ").append(Decimal128.toPlainString(hi, lo, 0)).append(" exceeds precision of ")
                .append(describe());
        return new IllegalArgumentException(message.toString());
    }
}
