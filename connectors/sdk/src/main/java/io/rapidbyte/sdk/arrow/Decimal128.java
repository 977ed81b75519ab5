package io.rapidbyte.sdk.arrow;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Helpers for Arrow decimal128 values: a 128-bit two's-complement unscaled integer held as a
 * (hi, lo) pair of longs, {@code value = ((hi << 64) | unsigned(lo)) * 10^-scale}. In Arrow's
 * buffer, {@code lo} is the first 8 bytes and {@code hi} the next 8, both little-endian.
 *
 * <p>The text conversions avoid BigInteger so that connectors on wasm can move numerics to and
 * from text (for example the Postgres wire format) without allocating per digit. Stateless and
 * thread-safe.
 */
public final class Decimal128 {
    public static final int MAX_PRECISION = 38;
    /**
     * Largest absolute scale accepted, the same bound as Postgres numeric. Arrow itself sets
     * none, but a larger scale has no practical use and would let {@link #toPlainString}
     * produce arbitrarily long strings from a hostile schema.
     */
    public static final int MAX_ABS_SCALE = 1000;
    private static final long[] POW10_HI = new long[MAX_PRECISION + 1];
    private static final long[] POW10_LO = new long[MAX_PRECISION + 1];

    static {
        UInt128 p = new UInt128();
        p.set(0, 1);
        for (int i = 0; i <= MAX_PRECISION; i++) {
            POW10_HI[i] = p.hi();
            POW10_LO[i] = p.lo();
            p.mulAdd(10, 0);
        }
    }

    private Decimal128() {
    }

    /** The high word of a long widened to 128 bits (its sign extension). */
    public static long highOf(long unscaled) {
        return unscaled >> 63;
    }

    /** True if the 128-bit value (hi, lo) equals a long, i.e. hi is lo's sign extension. */
    public static boolean fitsLong(long hi, long lo) {
        return hi == (lo >> 63);
    }

    /** True if {@code |unscaled| < 10^precision}. */
    public static boolean fitsPrecision(long unscaled, int precision) {
        if (precision >= 19) {
            return true; // |Long.MIN_VALUE| < 10^19
        }
        if (precision < 1) {
            return false;
        }
        long bound = POW10_LO[precision];
        return unscaled < bound && unscaled > -bound;
    }

    /** True if {@code |(hi, lo)| < 10^precision}. */
    public static boolean fitsPrecision(long hi, long lo, int precision) {
        if (fitsLong(hi, lo)) {
            return fitsPrecision(lo, precision);
        }
        if (precision < 1 || precision > MAX_PRECISION) {
            return false;
        }
        if (hi < 0) { // magnitude; -2^127 becomes unsigned 2^127, which no precision admits
            lo = ~lo + 1;
            hi = lo == 0 ? ~hi + 1 : ~hi;
        }
        long bh = POW10_HI[precision];
        if (hi != bh) {
            return (hi ^ Long.MIN_VALUE) < (bh ^ Long.MIN_VALUE);
        }
        return (lo ^ Long.MIN_VALUE) < (POW10_LO[precision] ^ Long.MIN_VALUE);
    }

    /** The unscaled value as a BigInteger. */
    public static BigInteger toBigInteger(long hi, long lo) {
        if (fitsLong(hi, lo)) {
            return BigInteger.valueOf(lo);
        }
        byte[] be = new byte[16];
        for (int i = 0; i < 8; i++) {
            be[i] = (byte) (hi >>> (56 - 8 * i));
            be[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return new BigInteger(be);
    }

    public static BigDecimal toBigDecimal(long hi, long lo, int scale) {
        return new BigDecimal(toBigInteger(hi, lo), scale);
    }

    /** Low word of a BigInteger unscaled value; see {@link #highOf(BigInteger)}. */
    public static long lowOf(BigInteger unscaled) {
        checkBits(unscaled);
        return unscaled.longValue();
    }

    /** High word of a BigInteger unscaled value; throws if it needs more than 128 bits. */
    public static long highOf(BigInteger unscaled) {
        checkBits(unscaled);
        return unscaled.shiftRight(64).longValue();
    }

    private static void checkBits(BigInteger v) {
        if (v.bitLength() > 127) {
            throw new ArithmeticException("decimal value exceeds 128 bits: " + v);
        }
    }

    /**
     * Formats like {@link BigDecimal#toPlainString()}: no exponent, exactly {@code scale}
     * fractional digits when scale &gt; 0, trailing zeros appended when scale &lt; 0.
     */
    public static String toPlainString(long hi, long lo, int scale) {
        checkScale(scale);
        boolean negative;
        String digits;
        if (fitsLong(hi, lo)) {
            negative = lo < 0;
            digits = negative ? Long.toString(lo).substring(1) : Long.toString(lo);
        } else {
            UInt128 m = new UInt128();
            negative = m.setAbs(hi, lo);
            digits = magnitudeDigits(m);
        }
        return place(negative, digits, scale);
    }

    static void checkScale(int scale) {
        if (scale < -MAX_ABS_SCALE || scale > MAX_ABS_SCALE) {
            throw new IllegalArgumentException("decimal scale must be within +-" + MAX_ABS_SCALE + ": " + scale);
        }
    }

    private static String magnitudeDigits(UInt128 m) {
        // At most 39 decimal digits; produce 9 at a time from the least significant end.
        char[] buf = new char[40];
        int pos = buf.length;
        do {
            int chunk = m.divRem(1_000_000_000);
            boolean last = m.isZero();
            for (int i = 0; i < 9 && (!last || chunk != 0 || i == 0); i++) {
                buf[--pos] = (char) ('0' + chunk % 10);
                chunk /= 10;
            }
        } while (!m.isZero());
        return new String(buf, pos, buf.length - pos);
    }

    private static String place(boolean negative, String digits, int scale) {
        StringBuilder sb = new StringBuilder(digits.length() + Math.abs(scale) + 3);
        if (negative) {
            sb.append('-');
        }
        if (scale <= 0) {
            sb.append(digits);
            if (!digits.equals("0")) {
                for (int i = 0; i < -scale; i++) {
                    sb.append('0');
                }
            }
        } else if (digits.length() > scale) {
            int intLen = digits.length() - scale;
            sb.append(digits, 0, intLen).append('.').append(digits, intLen, digits.length());
        } else {
            sb.append("0.");
            for (int i = digits.length(); i < scale; i++) {
                sb.append('0');
            }
            sb.append(digits);
        }
        return sb.toString();
    }

    /**
     * Parses decimal text ({@code [+-]digits[.digits][(e|E)[+-]digits]}) into the unscaled
     * 128-bit value at {@code scale}, stored as {@code out[0] = hi, out[1] = lo}. Digits beyond
     * the scale must be zeros: no rounding is done, because silently changing a value is worse
     * than rejecting it.
     *
     * @throws NumberFormatException on bad syntax, lost digits or more than 38 digits
     */
    public static void parse(CharSequence text, int scale, long[] out) {
        parse(text, scale, out, new UInt128());
    }

    static void parse(CharSequence s, int scale, long[] out, UInt128 acc) {
        checkScale(scale);
        int n = s.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        acc.set(0, 0);
        boolean anyDigit = false;
        boolean dot = false;
        long fracDigits = 0;
        // Zeros are held back until a non-zero digit follows, so that trailing zeros (which a
        // negative or smaller scale removes again) never count against the 38-digit limit.
        long pendingZeros = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                anyDigit = true;
                if (dot) {
                    fracDigits++;
                }
                if (c == '0') {
                    pendingZeros++;
                    continue;
                }
                for (; pendingZeros > 0; pendingZeros--) {
                    if (!acc.isZero() && !timesTenFits(acc, 0)) {
                        throw new NumberFormatException("decimal has more than 38 digits: " + s);
                    }
                }
                if (!timesTenFits(acc, c - '0')) {
                    throw new NumberFormatException("decimal has more than 38 digits: " + s);
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else if ((c == 'e' || c == 'E') && anyDigit) {
                break;
            } else {
                throw new NumberFormatException("invalid decimal: " + s);
            }
        }
        if (!anyDigit) {
            throw new NumberFormatException("invalid decimal: " + s);
        }
        long exponent = 0;
        if (i < n) {
            exponent = parseExponent(s, i + 1);
        }
        // value = acc * 10^(exponent - fracDigits); rescale to 10^-scale.
        long shift = (long) scale - fracDigits + exponent + pendingZeros;
        if (shift > 0 && !acc.isZero()) {
            for (long k = 0; k < shift; k++) {
                if (!timesTenFits(acc, 0)) {
                    throw new NumberFormatException("decimal has more than 38 digits at scale " + scale + ": " + s);
                }
            }
        } else if (shift < 0) {
            for (long k = 0; k > shift && !acc.isZero(); k--) {
                if (acc.divRem(10) != 0) {
                    throw new NumberFormatException("decimal has more fractional digits than scale " + scale + ": " + s);
                }
            }
        }
        long hi = acc.hi();
        long lo = acc.lo();
        if (negative) {
            lo = ~lo + 1;
            hi = lo == 0 ? ~hi + 1 : ~hi;
        }
        out[0] = hi;
        out[1] = lo;
    }

    /** acc = acc * 10 + digit; false (acc then undefined) if that reaches 10^38. */
    private static boolean timesTenFits(UInt128 acc, int digit) {
        return acc.mulAdd(10, digit) && acc.compareTo(POW10_HI[MAX_PRECISION], POW10_LO[MAX_PRECISION]) < 0;
    }

    private static long parseExponent(CharSequence s, int i) {
        int n = s.length();
        boolean negative = false;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (i >= n) {
            throw new NumberFormatException("invalid decimal exponent: " + s);
        }
        long e = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("invalid decimal exponent: " + s);
            }
            e = e * 10 + (c - '0');
            if (e > 1_000_000) {
                throw new NumberFormatException("decimal exponent out of range: " + s);
            }
        }
        return negative ? -e : e;
    }
}
