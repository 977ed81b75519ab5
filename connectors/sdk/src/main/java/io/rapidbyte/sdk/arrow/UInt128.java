package io.rapidbyte.sdk.arrow;

/**
 * A mutable unsigned 128-bit accumulator in four 32-bit limbs (each held in a long), so that
 * multiply and divide by small numbers need neither BigInteger nor Math.multiplyHigh. Used for
 * decimal text conversion. Not thread-safe; callers keep one per builder/reader to avoid
 * allocation per value.
 */
final class UInt128 {
    private static final long MASK = 0xFFFFFFFFL;
    // l0 is least significant.
    private long l0;
    private long l1;
    private long l2;
    private long l3;

    void set(long hi, long lo) {
        l0 = lo & MASK;
        l1 = lo >>> 32;
        l2 = hi & MASK;
        l3 = hi >>> 32;
    }

    /** Sets the magnitude of the two's-complement value (hi, lo); returns true if it was negative. */
    boolean setAbs(long hi, long lo) {
        if (hi < 0) {
            lo = ~lo + 1;
            hi = lo == 0 ? ~hi + 1 : ~hi;
            set(hi, lo);
            return true;
        }
        set(hi, lo);
        return false;
    }

    long hi() {
        return (l3 << 32) | l2;
    }

    long lo() {
        return (l1 << 32) | l0;
    }

    boolean isZero() {
        return (l0 | l1 | l2 | l3) == 0;
    }

    /**
     * this = this * m + add, for 0 &lt;= m, add &lt; 2^31.
     *
     * @return false (leaving garbage) if the result does not fit 128 bits
     */
    boolean mulAdd(int m, int add) {
        long t = l0 * m + add;
        l0 = t & MASK;
        t = l1 * m + (t >>> 32);
        l1 = t & MASK;
        t = l2 * m + (t >>> 32);
        l2 = t & MASK;
        t = l3 * m + (t >>> 32);
        l3 = t & MASK;
        return (t >>> 32) == 0;
    }

    /** this = this / d, for 0 &lt; d &lt; 2^31; returns the remainder. */
    int divRem(int d) {
        // Each step divides (remainder * 2^32 + limb), which stays below 2^63.
        long r = l3;
        l3 = r / d;
        r = ((r % d) << 32) | l2;
        l2 = r / d;
        r = ((r % d) << 32) | l1;
        l1 = r / d;
        r = ((r % d) << 32) | l0;
        l0 = r / d;
        return (int) (r % d);
    }

    /** Unsigned comparison with (hi, lo): negative, zero or positive. */
    int compareTo(long hi, long lo) {
        long h = hi();
        if (h != hi) {
            return (h ^ Long.MIN_VALUE) < (hi ^ Long.MIN_VALUE) ? -1 : 1;
        }
        long l = lo();
        if (l == lo) {
            return 0;
        }
        return (l ^ Long.MIN_VALUE) < (lo ^ Long.MIN_VALUE) ? -1 : 1;
    }
}
