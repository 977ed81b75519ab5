package io.rapidbyte.source.postgres.decode;

import io.rapidbyte.postgres.wire.binary.BinaryFormatException;
import io.rapidbyte.postgres.wire.binary.NumericCodec;
import io.rapidbyte.postgres.wire.binary.PgNumeric;
import io.rapidbyte.sdk.arrow.ColumnBuilder;
import io.rapidbyte.sdk.arrow.DecimalColumnBuilder;

/**
 * numeric(p,s) into decimal128(p,s).
 *
 * <p>For p &le; 18 the unscaled value fits a long and is computed straight from the binary
 * base-10000 digits (the common case, no allocation). Larger precisions go through
 * {@link PgNumeric}'s 128-bit unscaled value; a value at another scale than the column's (possible
 * only through a domain or a cast) goes through its exact text form, which the builder rescales
 * without rounding, or rejects.
 *
 * <p>NaN (numeric(p,s) can hold it; PostgreSQL refuses infinities there) has no decimal128 form:
 * it fails the read naming the column rather than turning into something else, and the stream's
 * {@code text_columns} reads such a column exactly.
 */
final class DecimalDecoder extends ValueDecoder {
    private static final int SIGN_NEG = 0x4000;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final DecimalColumnBuilder out;
    private final PgNumeric value = new PgNumeric();
    private final boolean fitsLong;

    DecimalDecoder(ColumnBuilder builder) {
        super(builder);
        this.out = (DecimalColumnBuilder) builder;
        this.fitsLong = out.precision() <= 18;
    }

    @Override
    public void decode(byte[] b, int off, int len) {
        if (!fitsLong || len < 8 || !decodeLong(b, off, len)) {
            decodeGeneral(b, off, len);
        }
    }

    /** Any numeric: NaN and infinities, precisions above 18, values not at the column's scale. */
    private void decodeGeneral(byte[] b, int off, int len) {
        NumericCodec.decode(b, off, len, value);
        if (value.isFinite() && value.fitsUnscaled128() && value.scale() == out.scale()) {
            out.appendUnscaled(value.unscaledHigh(), value.unscaledLow());
        } else {
            appendUnusual();
        }
    }

    /**
     * NaN and infinities (refused, naming the way out) and values at another scale (exact text,
     * rescaled by the builder). One method for both rare paths, out of {@link #decodeGeneral}, which runs per value
     * for precisions above 18 and must stay under HotSpot's JIT size limit once compiled
     * (wasm-build's GuestMethodSizes checks it).
     */
    private void appendUnusual() {
        if (!value.isFinite()) {
            throw new IllegalArgumentException("numeric " + value + " has no decimal128(" + out.precision() + ","
                    + out.scale() + ") form; " + TEXT_COLUMNS_HINT);
        } else {
            out.append(value.toString());
        }
    }

    /**
     * The fast path: a finite value that is exactly {@code unscaled × 10^-scale} for a long
     * {@code unscaled} (whatever its display scale). Returns false (nothing appended) for anything
     * else (NaN, digits below the column's scale, overflow), which the general path handles.
     */
    private boolean decodeLong(byte[] b, int off, int len) {
        // Header fields read inline (no helper calls: see ScalarDecoders on call costs in the guest).
        int ndigits = ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
        int weight = (short) ((b[off + 2] << 8) | (b[off + 3] & 0xff));
        int sign = ((b[off + 4] & 0xff) << 8) | (b[off + 5] & 0xff);
        if (len != 8 + 2 * ndigits || (sign != 0 && sign != SIGN_NEG)) {
            return false;
        }
        int scale = out.scale();
        long unscaled = 0;
        for (int i = 0, p = off + 8; i < ndigits; i++, p += 2) {
            int d = ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
            if (d > 9999) {
                return false; // the general path reports the malformed value
            }
            int exponent = 4 * (weight - i) + scale; // power of ten of this digit group in unscaled units
            if (exponent >= 0) {
                if (exponent > 18) {
                    return false;
                }
                long term = d * POW10[exponent];
                // 9999 x 10^14 fits a long: only larger exponents can overflow, so only they pay
                // for the 64-bit division that detects it.
                if (exponent > 14 && term / POW10[exponent] != d || unscaled > Long.MAX_VALUE - term) {
                    return false;
                }
                unscaled += term;
            } else if (exponent > -4) {
                int divisor = (int) POW10[-exponent];
                if (d % divisor != 0) {
                    return false;
                }
                unscaled += d / divisor;
            } else if (d != 0) {
                return false;
            }
        }
        out.appendUnscaled(sign == SIGN_NEG ? -unscaled : unscaled);
        return true;
    }
}
