package io.rapidbyte.postgres.wire.binary;

/**
 * numeric's binary format: int16 ndigits, int16 weight, uint16 sign
 * (0x0000 positive, 0x4000 negative, 0xC000 NaN, 0xD000 +Infinity,
 * 0xF000 -Infinity), uint16 display scale, then ndigits base-10000 digits,
 * most significant first; the first digit is worth 10000^weight.
 * Stateless; thread-safe.
 */
public final class NumericCodec {

    static final int SIGN_POS = 0x0000;
    static final int SIGN_NEG = 0x4000;
    static final int SIGN_NAN = 0xC000;
    static final int SIGN_PINF = 0xD000;
    static final int SIGN_NINF = 0xF000;

    private NumericCodec() {
    }

    /** Decodes into {@code into} (reused) and returns it. */
    public static PgNumeric decode(byte[] b, int off, int len, PgNumeric into) {
        if (len < 8) {
            throw new BinaryFormatException("numeric value shorter than its header");
        }
        int ndigits = BigEndian.uint16(b, off);
        if (len != 8 + 2 * ndigits) {
            throw new BinaryFormatException("numeric length " + len + " does not match " + ndigits + " digits");
        }
        into.reset();
        int sign = BigEndian.uint16(b, off + 4);
        switch (sign) {
            case SIGN_NAN:
                into.kind = PgNumeric.Kind.NAN;
                return into;
            case SIGN_PINF:
                into.kind = PgNumeric.Kind.POSITIVE_INFINITY;
                return into;
            case SIGN_NINF:
                into.kind = PgNumeric.Kind.NEGATIVE_INFINITY;
                return into;
            case SIGN_POS:
            case SIGN_NEG:
                break;
            default:
                throw new BinaryFormatException("invalid numeric sign 0x" + Integer.toHexString(sign));
        }
        into.negative = sign == SIGN_NEG;
        into.weight = BigEndian.int16(b, off + 2);
        into.dscale = BigEndian.uint16(b, off + 6);
        if (into.dscale > PgNumeric.MAX_DSCALE) {
            throw new BinaryFormatException("invalid numeric display scale " + into.dscale);
        }
        into.ensureDigits(ndigits);
        for (int i = 0; i < ndigits; i++) {
            short d = BigEndian.int16(b, off + 8 + 2 * i);
            if (d < 0 || d > 9999) {
                throw new BinaryFormatException("invalid numeric digit " + d);
            }
            into.digits[i] = d;
        }
        into.ndigits = ndigits;
        return into;
    }

    /** Decodes into a new instance. */
    public static PgNumeric decode(byte[] b, int off, int len) {
        return decode(b, off, len, new PgNumeric());
    }

    /** Bytes {@link #encode} writes for {@code n}. */
    public static int encodedLength(PgNumeric n) {
        return 8 + (n.kind == PgNumeric.Kind.FINITE ? 2 * n.ndigits : 0);
    }

    /** Writes {@code n} at {@code out[off]}; returns the byte count. */
    public static int encode(PgNumeric n, byte[] out, int off) {
        int sign;
        int nd = 0;
        switch (n.kind) {
            case NAN:
                sign = SIGN_NAN;
                break;
            case POSITIVE_INFINITY:
                sign = SIGN_PINF;
                break;
            case NEGATIVE_INFINITY:
                sign = SIGN_NINF;
                break;
            default:
                sign = n.negative && n.ndigits > 0 ? SIGN_NEG : SIGN_POS;
                nd = n.ndigits;
                break;
        }
        BigEndian.putInt16(out, off, nd);
        BigEndian.putInt16(out, off + 2, nd == 0 ? 0 : n.weight);
        BigEndian.putInt16(out, off + 4, sign);
        BigEndian.putInt16(out, off + 6, n.kind == PgNumeric.Kind.FINITE ? n.dscale : 0);
        for (int i = 0; i < nd; i++) {
            BigEndian.putInt16(out, off + 8 + 2 * i, n.digits[i]);
        }
        return 8 + 2 * nd;
    }
}
