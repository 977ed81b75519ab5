package io.rapidbyte.source.postgres.decode;

import java.math.BigInteger;

/**
 * PostgreSQL's float4 / float8 output text to the exact float / double it denotes, correctly
 * rounded (round half to even): {@code NaN}, {@code Infinity}, {@code -Infinity}, {@code -0},
 * and decimal numbers with an optional exponent ({@code 1.5e-07}). PostgreSQL 12+ prints the
 * shortest text that reads back as the same value, older servers 17 significant digits
 * ({@code extra_float_digits} 3, which every session sets): either way the correctly rounded
 * reading is the value the server holds.
 *
 * <p>Why not {@code Double.parseDouble}: the guest runs TeaVM's class library, whose parsing is
 * not documented to round correctly. Small values take Clinger's fast path (an exact integer and
 * an exact power of ten, one correctly rounded operation); the rest divide exact big integers.
 * Stateless.
 */
final class FloatText {
    private static final double[] POW10_DOUBLE = new double[23];
    private static final float[] POW10_FLOAT = new float[11];

    static {
        double d = 1;
        for (int i = 0; i < POW10_DOUBLE.length; i++) {
            POW10_DOUBLE[i] = d;
            d *= 10;
        }
        float f = 1;
        for (int i = 0; i < POW10_FLOAT.length; i++) {
            POW10_FLOAT[i] = f;
            f *= 10;
        }
    }

    private FloatText() {
    }

    static double parseDouble(byte[] b, int off, int len) {
        return Double.longBitsToDouble(bits(b, off, len, 53, -1074, 971, 1023));
    }

    static float parseFloat(byte[] b, int off, int len) {
        return Float.intBitsToFloat((int) bits(b, off, len, 24, -149, 104, 127));
    }

    /**
     * The IEEE bits of the text for a format with {@code mantissa} significand bits (hidden bit
     * included), smallest power of two {@code minPow2} of a subnormal's last bit, largest power of
     * two {@code maxPow2} of a finite value's last bit and exponent bias {@code bias}.
     */
    private static long bits(byte[] b, int off, int len, int mantissa, int minPow2, int maxPow2, int bias) {
        int end = off + len;
        int p = off;
        boolean negative = p < end && b[p] == '-';
        if (negative || (p < end && b[p] == '+')) {
            p++;
        }
        long signBit = negative ? 1L << (mantissa - 1 + (mantissa == 53 ? 11 : 8)) : 0;
        if (matches(b, p, end, "NaN") && !negative) {
            return mantissa == 53 ? Double.doubleToRawLongBits(Double.NaN) : Float.floatToRawIntBits(Float.NaN);
        }
        long infinity = mantissa == 53 ? 0x7ff0000000000000L : 0x7f800000L;
        if (matches(b, p, end, "Infinity")) {
            return signBit | infinity;
        }
        // Significant digits (leading zeros dropped) and the decimal exponent of the last one.
        StringBuilder digits = null;
        long small = 0;
        int count = 0;
        int exponent = 0;
        boolean any = false;
        boolean point = false;
        for (; p < end; p++) {
            int c = b[p];
            if (c == '.' && !point) {
                point = true;
                continue;
            }
            if (c < '0' || c > '9') {
                break;
            }
            any = true;
            if (point) {
                exponent--;
            }
            if (count == 0 && c == '0') {
                continue;
            }
            if (count < 18) {
                small = small * 10 + (c - '0');
            } else {
                if (digits == null) {
                    digits = new StringBuilder().append(small);
                }
                digits.append((char) c);
            }
            count++;
        }
        if (!any) {
            throw malformed(b, off, len);
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            boolean negExp = p < end && b[p] == '-';
            if (negExp || (p < end && b[p] == '+')) {
                p++;
            }
            int e = 0;
            int start = p;
            for (; p < end && b[p] >= '0' && b[p] <= '9'; p++) {
                e = Math.min(e * 10 + (b[p] - '0'), 100_000);
            }
            if (p == start) {
                throw malformed(b, off, len);
            }
            exponent += negExp ? -e : e;
        }
        if (p != end) {
            throw malformed(b, off, len);
        }
        if (count == 0) {
            return signBit;
        }
        long fast = fastPath(digits == null, small, exponent, mantissa);
        if (fast >= 0) {
            return signBit | fast;
        }
        BigInteger d = digits == null ? BigInteger.valueOf(small) : new BigInteger(digits.toString());
        if (exponent > 400) {
            return signBit | infinity;
        }
        if (exponent < -400 - count) {
            return signBit;
        }
        BigInteger num = exponent >= 0 ? d.multiply(BigInteger.TEN.pow(exponent)) : d;
        BigInteger den = exponent >= 0 ? BigInteger.ONE : BigInteger.TEN.pow(-exponent);
        return signBit | exact(num, den, mantissa, minPow2, maxPow2, bias);
    }

    /** Clinger's fast path; -1 when it does not apply. */
    private static long fastPath(boolean fitsLong, long small, int exponent, int mantissa) {
        if (!fitsLong || small >= (1L << mantissa)) {
            return -1;
        }
        if (mantissa == 53) {
            if (exponent < -22 || exponent > 22) {
                return -1;
            }
            double v = exponent >= 0 ? small * POW10_DOUBLE[exponent] : small / POW10_DOUBLE[-exponent];
            return Double.doubleToRawLongBits(v);
        }
        if (exponent < -10 || exponent > 10) {
            return -1;
        }
        float v = exponent >= 0 ? (float) small * POW10_FLOAT[exponent] : (float) small / POW10_FLOAT[-exponent];
        return Float.floatToRawIntBits(v) & 0xffffffffL;
    }

    /** The correctly rounded bits (sign excluded) of {@code num / den}, both positive. */
    private static long exact(BigInteger num, BigInteger den, int mantissa, int minPow2, int maxPow2, int bias) {
        int s = num.bitLength() - den.bitLength() - mantissa;
        BigInteger[] qr = divide(num, den, s);
        if (qr[0].bitLength() > mantissa) {
            s++;
            qr = divide(num, den, s);
        } else if (qr[0].bitLength() < mantissa) {
            s--;
            qr = divide(num, den, s);
        }
        if (s < minPow2) {
            s = minPow2;
            qr = divide(num, den, s);
        }
        long q = qr[0].longValue();
        // qr[1] is the remainder over the scaled denominator qr[2]: round half to even.
        int half = qr[1].shiftLeft(1).compareTo(qr[2]);
        if (half > 0 || (half == 0 && (q & 1) == 1)) {
            q++;
        }
        if (q == 1L << mantissa) {
            q >>= 1;
            s++;
        }
        long infinity = mantissa == 53 ? 0x7ff0000000000000L : 0x7f800000L;
        if (s > maxPow2) {
            return infinity;
        }
        long hidden = 1L << (mantissa - 1);
        if (q < hidden) {
            return q; // subnormal (s == minPow2), or zero
        }
        long biased = s + (mantissa - 1) + bias;
        return (biased << (mantissa - 1)) | (q - hidden);
    }

    /** {quotient, remainder, divisor} of {@code num / (den * 2^s)}. */
    private static BigInteger[] divide(BigInteger num, BigInteger den, int s) {
        BigInteger n = s >= 0 ? num : num.shiftLeft(-s);
        BigInteger d = s >= 0 ? den.shiftLeft(s) : den;
        BigInteger[] qr = n.divideAndRemainder(d);
        return new BigInteger[] {qr[0], qr[1], d};
    }

    private static boolean matches(byte[] b, int p, int end, String word) {
        if (end - p != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (b[p + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static synchronized IllegalArgumentException malformed(byte[] b, int off, int len) {
        return new IllegalArgumentException("not a float: \"" + TextValues.ascii(b, off, len) + "\"");
    }
}
