package io.rapidbyte.postgres.wire.binary;

/**
 * A mutable unsigned 128-bit magnitude with just the operations numeric
 * conversion needs: multiply-add by a small factor, divide by a small divisor,
 * two's-complement negation. Plain {@code long} arithmetic on 32-bit limbs, so
 * it compiles anywhere (no {@code Math.multiplyHigh}, no BigInteger).
 *
 * <p>Not thread-safe; used as scratch state by one owner.
 */
final class Int128 {

    private static final long MASK = 0xffffffffL;

    long hi;
    long lo;
    /** Set when a multiply-add carried out of 128 bits; the value is then garbage. */
    boolean overflow;

    void set(long hi, long lo) {
        this.hi = hi;
        this.lo = lo;
        this.overflow = false;
    }

    boolean isZero() {
        return hi == 0 && lo == 0;
    }

    /** this = this * m + add, for 0 <= m, add < 2^31. */
    void mulAdd(int m, int add) {
        long p0 = (lo & MASK) * m + add;
        long p1 = (lo >>> 32) * m + (p0 >>> 32);
        long p2 = (hi & MASK) * m + (p1 >>> 32);
        long p3 = (hi >>> 32) * m + (p2 >>> 32);
        if ((p3 >>> 32) != 0) {
            overflow = true;
        }
        lo = (p1 << 32) | (p0 & MASK);
        hi = (p3 << 32) | (p2 & MASK);
    }

    /** this = this / d; returns the remainder. 0 < d < 2^31. */
    int divRem(int d) {
        // Schoolbook division, one 32-bit limb at a time: each partial dividend
        // is below d * 2^32 < 2^63, so signed long division is exact.
        long q3 = (hi >>> 32) / d;
        long r = (hi >>> 32) - q3 * d;
        long cur = (r << 32) | (hi & MASK);
        long q2 = cur / d;
        r = cur - q2 * d;
        cur = (r << 32) | (lo >>> 32);
        long q1 = cur / d;
        r = cur - q1 * d;
        cur = (r << 32) | (lo & MASK);
        long q0 = cur / d;
        r = cur - q0 * d;
        hi = (q3 << 32) | q2;
        lo = (q1 << 32) | q0;
        return (int) r;
    }

    /** Two's-complement negation in place. */
    void negate() {
        lo = ~lo + 1;
        hi = ~hi + (lo == 0 ? 1 : 0);
    }

    /** Decimal digits of the unsigned magnitude (destroys the value). */
    String toDecimalAndClear() {
        if (isZero()) {
            return "0";
        }
        char[] buf = new char[40];
        int p = buf.length;
        while (!isZero()) {
            int chunk = divRem(1_000_000_000);
            boolean last = isZero();
            for (int i = 0; i < 9 && (!last || chunk != 0); i++) {
                buf[--p] = (char) ('0' + chunk % 10);
                chunk /= 10;
            }
        }
        return new String(buf, p, buf.length - p);
    }
}
