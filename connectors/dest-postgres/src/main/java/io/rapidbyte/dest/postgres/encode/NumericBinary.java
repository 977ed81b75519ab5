package io.rapidbyte.dest.postgres.encode;

import io.rapidbyte.postgres.wire.binary.NumericCodec;
import io.rapidbyte.postgres.wire.binary.PgNumeric;

/**
 * decimal128 values in numeric's binary format (int16 ndigits, weight, sign, dscale, then
 * base-10000 digits). Values whose unscaled magnitude is below 10^15 with a scale of 0..1000
 * (prices, amounts, most measurements) take a direct path without 128-bit arithmetic; the rest
 * go through {@link PgNumeric}. Not thread-safe (scratch state).
 */
final class NumericBinary {
    /** Bytes a decimal128 value can need: header plus 11 base-10000 digits (38 decimal digits), with room. */
    static final int MAX_DECIMAL_BYTES = 8 + 2 * 12;
    private static final long FAST_LIMIT = 1_000_000_000_000_000L;
    private static final long[] POW10 = {1, 10, 100, 1000};

    private final int[] groups = new int[8];
    private final PgNumeric numeric = new PgNumeric();

    /** Writes (hi:lo) x 10^-scale at {@code b[p]} (room for {@link #MAX_DECIMAL_BYTES}); returns the end. */
    int writeDecimal(byte[] b, int p, long hi, long lo, int scale) {
        boolean fitsLong = hi == (lo >> 63);
        if (!fitsLong || lo <= -FAST_LIMIT || lo >= FAST_LIMIT || scale < 0 || scale > 1000) {
            numeric.setUnscaled(hi, lo, scale);
            return p + NumericCodec.encode(numeric, b, p);
        }
        boolean negative = lo < 0;
        long u = negative ? -lo : lo;
        int pad = (4 - scale % 4) % 4;
        u *= POW10[pad];
        int fractionGroups = (scale + pad) / 4;
        // One division per digit group (the remainder by multiplication), and in int arithmetic
        // once the value fits: 64-bit division is the costliest step of the guest's encoding.
        int n = 0;
        while (u > Integer.MAX_VALUE) {
            long q = u / 10000;
            groups[n++] = (int) (u - q * 10000);
            u = q;
        }
        int v = (int) u;
        while (v != 0) {
            int q = v / 10000;
            groups[n++] = v - q * 10000;
            v = q;
        }
        int low = 0;
        while (low < n && groups[low] == 0) {
            low++;
        }
        int ndigits = n - low;
        int weight = ndigits == 0 ? 0 : n - 1 - fractionGroups;
        putShort(b, p, ndigits);
        putShort(b, p + 2, weight);
        putShort(b, p + 4, negative && ndigits > 0 ? 0x4000 : 0);
        putShort(b, p + 6, scale);
        p += 8;
        for (int k = n - 1; k >= low; k--) {
            putShort(b, p, groups[k]);
            p += 2;
        }
        return p;
    }

    /** Parses numeric text (NaN, +/-Infinity, any size) for {@link #writeParsed}; returns its encoded length. */
    int parseText(String text) {
        numeric.setText(text);
        return NumericCodec.encodedLength(numeric);
    }

    /** Writes the value of the last {@link #parseText} at {@code b[p]}; returns the end. */
    int writeParsed(byte[] b, int p) {
        return p + NumericCodec.encode(numeric, b, p);
    }

    private static void putShort(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 8);
        b[p + 1] = (byte) v;
    }
}
