package io.rapidbyte.postgres.wire.binary;

/**
 * A PostgreSQL numeric value in its own representation (sign, base-10000
 * digits, weight, display scale), plus the conversions connectors need: to an
 * unscaled 128-bit two's-complement integer with a decimal scale (Arrow
 * decimal128's form), to PostgreSQL's text form, and back from either.
 *
 * <p>NaN, +Infinity and -Infinity (PostgreSQL 14+) are kinds of their own, never
 * an exception. A finite value too large for 128 bits reports
 * {@link #fitsUnscaled128()} false rather than wrapping; its text form is still
 * exact.
 *
 * <p>Mutable and reusable (decode into the same instance row after row to avoid
 * garbage); not thread-safe.
 */
public final class PgNumeric {

    /** What a numeric holds. */
    public enum Kind { FINITE, NAN, POSITIVE_INFINITY, NEGATIVE_INFINITY }

    /** Largest display scale PostgreSQL stores (NUMERIC_DSCALE_MASK). */
    public static final int MAX_DSCALE = 0x3fff;

    Kind kind = Kind.FINITE;
    boolean negative;
    int weight;
    int dscale;
    int ndigits;
    short[] digits = new short[8];

    private final Int128 scratch = new Int128();
    private final short[] groupScratch = new short[12];
    private boolean unscaledDone;
    private boolean fits;
    private long unscaledHi;
    private long unscaledLo;
    private int unscaledScale;

    public Kind kind() {
        return kind;
    }

    public boolean isNaN() {
        return kind == Kind.NAN;
    }

    public boolean isInfinite() {
        return kind == Kind.POSITIVE_INFINITY || kind == Kind.NEGATIVE_INFINITY;
    }

    public boolean isFinite() {
        return kind == Kind.FINITE;
    }

    /** Display scale: digits after the decimal point in PostgreSQL's text form. */
    public int displayScale() {
        return dscale;
    }

    /** Whether the finite value fits a signed 128-bit unscaled integer at {@link #scale()}. */
    public boolean fitsUnscaled128() {
        computeUnscaled();
        return fits;
    }

    /**
     * Scale of the unscaled value: the display scale, or more in the (PostgreSQL
     * never produced) case of digits beyond it, so nothing is ever rounded away.
     */
    public int scale() {
        computeUnscaled();
        return unscaledScale;
    }

    /** High 64 bits of the two's-complement unscaled value. */
    public long unscaledHigh() {
        requireUnscaled();
        return unscaledHi;
    }

    /** Low 64 bits of the two's-complement unscaled value. */
    public long unscaledLow() {
        requireUnscaled();
        return unscaledLo;
    }

    /** Sets NaN or an infinity. */
    public PgNumeric setSpecial(Kind special) {
        if (special == Kind.FINITE) {
            throw new IllegalArgumentException("use setText or setUnscaled for finite values");
        }
        reset();
        kind = special;
        return this;
    }

    /**
     * Sets the value {@code (hi:lo) × 10^-scale}, (hi:lo) being a signed 128-bit
     * two's-complement integer. A negative scale multiplies by a power of ten.
     */
    public PgNumeric setUnscaled(long hi, long lo, int scale) {
        Int128 m = scratch;
        m.set(hi, lo);
        boolean neg = hi < 0;
        if (neg) {
            m.negate(); // -2^127 stays 0x8000...0, which is its magnitude read unsigned
        }
        if (scale < 0 || scale > MAX_DSCALE) {
            String mag = m.toDecimalAndClear(); // rare: let the text path shift the digits
            return setText((neg ? "-" : "") + mag + "e" + (-scale));
        }
        reset();
        // Base-10000 groups, least significant first. The lowest group holds the
        // last (scale mod 4) fraction digits, left-aligned, so groups line up with
        // the decimal point; a 128-bit magnitude needs at most 11 groups.
        short[] groups = groupScratch;
        int g = 0;
        int r = scale % 4;
        if (r != 0) {
            groups[g++] = (short) (m.divRem(POW10[r]) * POW10[4 - r]);
        }
        while (!m.isZero()) {
            groups[g++] = (short) m.divRem(10000);
        }
        int low = 0;
        while (low < g && groups[low] == 0) {
            low++;
        }
        int high = g - 1;
        while (high >= low && groups[high] == 0) {
            high--;
        }
        dscale = scale;
        if (high < low) {
            return this; // zero
        }
        ndigits = high - low + 1;
        ensureDigits(ndigits);
        for (int k = 0; k < ndigits; k++) {
            digits[k] = groups[high - k];
        }
        weight = high - (scale + 3) / 4;
        negative = neg;
        return this;
    }

    /** Sets the value of a long with the given scale. */
    public PgNumeric setUnscaled(long unscaled, int scale) {
        return setUnscaled(unscaled < 0 ? -1L : 0L, unscaled, scale);
    }

    /**
     * Parses PostgreSQL numeric input syntax: optional sign, digits with an
     * optional point, optional exponent; or NaN / Infinity / -Infinity / inf
     * (any case).
     *
     * @throws BinaryFormatException if {@code s} is not a number
     */
    public PgNumeric setText(String s) {
        NumericText.parse(s.trim(), this);
        unscaledDone = false;
        return this;
    }

    void reset() {
        kind = Kind.FINITE;
        negative = false;
        weight = 0;
        dscale = 0;
        ndigits = 0;
        unscaledDone = false;
    }

    void ensureDigits(int n) {
        if (digits.length < n) {
            digits = new short[Math.max(n, digits.length * 2)];
        }
    }

    /** PostgreSQL's text output: e.g. {@code -12.500}, {@code NaN}, {@code Infinity}. */
    @Override
    public String toString() {
        return NumericText.format(this);
    }

    private void requireUnscaled() {
        computeUnscaled();
        if (!fits) {
            throw new BinaryFormatException(kind == Kind.FINITE
                    ? "numeric value does not fit 128 bits" : "numeric " + this + " has no unscaled form");
        }
    }

    private void computeUnscaled() {
        if (unscaledDone) {
            return;
        }
        unscaledDone = true;
        fits = false;
        if (kind != Kind.FINITE) {
            return;
        }
        Int128 m = scratch;
        int exp10 = atDisplayScale(m) ? dscale : finerScale(m);
        if (m.overflow || m.hi < 0 && !(negative && m.hi == Long.MIN_VALUE && m.lo == 0)) {
            return;
        }
        if (negative) {
            m.negate();
        }
        unscaledHi = m.hi;
        unscaledLo = m.lo;
        unscaledScale = exp10;
        fits = true;
    }

    /**
     * Builds the unscaled value at the display scale directly, dropping the
     * zero digits a last base-10000 group has beyond it (so the intermediate
     * never exceeds the result). Returns false if a dropped digit is not zero.
     */
    private boolean atDisplayScale(Int128 m) {
        m.set(0, 0);
        int low = 0; // decimal exponent, in unscaled units, of the last digit taken in
        for (int i = 0; i < ndigits && !m.overflow; i++) {
            int d = digits[i];
            low = 4 * (weight - i) + dscale;
            if (low >= 0) {
                m.mulAdd(10000, d);
                continue;
            }
            int cut = -low;
            if (cut >= 4) {
                if (d != 0) {
                    return false;
                }
                continue;
            }
            if (d % POW10[cut] != 0) {
                return false;
            }
            m.mulAdd(POW10[4 - cut], d / POW10[cut]);
        }
        // Omitted trailing zero groups and the display scale beyond the last digit.
        for (int e = ndigits == 0 ? 0 : Math.max(0, low); e > 0 && !m.overflow; e -= 9) {
            m.mulAdd(POW10[Math.min(9, e)], 0);
        }
        return true;
    }

    /** Fallback for digits beyond the display scale: keeps them, at a finer scale. */
    private int finerScale(Int128 m) {
        m.set(0, 0);
        for (int i = 0; i < ndigits && !m.overflow; i++) {
            m.mulAdd(10000, digits[i]);
        }
        int exp10 = 4 * (ndigits - 1 - weight);
        while (exp10 < dscale && !m.overflow) {
            int step = Math.min(9, dscale - exp10);
            m.mulAdd(POW10[step], 0);
            exp10 += step;
        }
        while (exp10 > dscale && !m.overflow) {
            long saveHi = m.hi;
            long saveLo = m.lo;
            if (m.divRem(10) != 0) {
                m.hi = saveHi;
                m.lo = saveLo;
                break;
            }
            exp10--;
        }
        return exp10;
    }

    static final int[] POW10 = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};
}
