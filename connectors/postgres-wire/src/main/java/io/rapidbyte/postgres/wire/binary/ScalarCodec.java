package io.rapidbyte.postgres.wire.binary;

import io.rapidbyte.sdk.text.Utf8;

/**
 * Binary wire formats of the simple types: int2/4/8, oid, float4/8, bool,
 * "char", the text family, bytea, uuid, json and jsonb.
 *
 * <p>Decoders take the value slice from a COPY tuple or array element
 * ({@code b[off, off+len)}) and check its length. For text-like types the slice
 * already is the UTF-8 text: copying it into an output buffer directly avoids a
 * {@code String}; {@link #text} is there for when a string is wanted. Encoders
 * live in the COPY writer. Stateless; thread-safe.
 */
public final class ScalarCodec {

    /** The only jsonb binary format version PostgreSQL has defined. */
    public static final int JSONB_VERSION = 1;

    private ScalarCodec() {
    }

    public static short int2(byte[] b, int off, int len) {
        BinaryFormatException.checkLength("int2", len, 2);
        return BigEndian.int16(b, off);
    }

    public static int int4(byte[] b, int off, int len) {
        BinaryFormatException.checkLength("int4", len, 4);
        return BigEndian.int32(b, off);
    }

    public static long int8(byte[] b, int off, int len) {
        BinaryFormatException.checkLength("int8", len, 8);
        return BigEndian.int64(b, off);
    }

    /** oid is an unsigned 32-bit integer. */
    public static long oid(byte[] b, int off, int len) {
        BinaryFormatException.checkLength("oid", len, 4);
        return BigEndian.int32(b, off) & 0xffffffffL;
    }

    /** IEEE 754 bits as sent; NaN and infinities come through unchanged. */
    public static float float4(byte[] b, int off, int len) {
        BinaryFormatException.checkLength("float4", len, 4);
        return Float.intBitsToFloat(BigEndian.int32(b, off));
    }

    public static double float8(byte[] b, int off, int len) {
        BinaryFormatException.checkLength("float8", len, 8);
        return Double.longBitsToDouble(BigEndian.int64(b, off));
    }

    public static boolean bool(byte[] b, int off, int len) {
        BinaryFormatException.checkLength("bool", len, 1);
        return b[off] != 0;
    }

    /** The single-byte {@code "char"} type, as an unsigned byte. */
    public static int pgChar(byte[] b, int off, int len) {
        BinaryFormatException.checkLength("\"char\"", len, 1);
        return b[off] & 0xff;
    }

    /** text, varchar, bpchar, name, xml, json: UTF-8 bytes to a string. */
    public static String text(byte[] b, int off, int len) {
        return Utf8.decode(b, off, len);
    }

    /** bytea: a copy of the raw bytes. */
    public static byte[] bytea(byte[] b, int off, int len) {
        byte[] out = new byte[len];
        System.arraycopy(b, off, out, 0, len);
        return out;
    }

    /**
     * jsonb: checks the version byte and returns the offset where the JSON text
     * starts; the text runs to {@code off + len}.
     */
    public static int jsonbTextOffset(byte[] b, int off, int len) {
        if (len < 1) {
            throw new BinaryFormatException("jsonb value is empty");
        }
        if (b[off] != JSONB_VERSION) {
            throw new BinaryFormatException("unsupported jsonb version " + (b[off] & 0xff));
        }
        return off + 1;
    }

    /** jsonb as a string. */
    public static String jsonb(byte[] b, int off, int len) {
        int start = jsonbTextOffset(b, off, len);
        return Utf8.decode(b, start, off + len - start);
    }

    /** Most significant 64 bits of a uuid. */
    public static long uuidHigh(byte[] b, int off, int len) {
        BinaryFormatException.checkLength("uuid", len, 16);
        return BigEndian.int64(b, off);
    }

    /** Least significant 64 bits of a uuid. */
    public static long uuidLow(byte[] b, int off, int len) {
        BinaryFormatException.checkLength("uuid", len, 16);
        return BigEndian.int64(b, off + 8);
    }

    /** The canonical lower-case 8-4-4-4-12 form. */
    public static String uuidText(byte[] b, int off, int len) {
        BinaryFormatException.checkLength("uuid", len, 16);
        StringBuilder sb = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                sb.append('-');
            }
            io.rapidbyte.postgres.wire.crypto.Hex.appendByte(sb, b[off + i] & 0xff);
        }
        return sb.toString();
    }

    /**
     * Parses a uuid in the 8-4-4-4-12 hex form (either case) into 16 bytes at
     * {@code out[off]}.
     */
    public static void parseUuid(CharSequence s, byte[] out, int off) {
        if (s.length() != 36) {
            throw new BinaryFormatException("uuid text must be 36 characters");
        }
        int o = off;
        for (int i = 0; i < 36; ) {
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (s.charAt(i) != '-') {
                    throw new BinaryFormatException("malformed uuid text");
                }
                i++;
                continue;
            }
            int hi = io.rapidbyte.postgres.wire.crypto.Hex.digit(s.charAt(i));
            int lo = io.rapidbyte.postgres.wire.crypto.Hex.digit(s.charAt(i + 1));
            if (hi < 0 || lo < 0) {
                throw new BinaryFormatException("malformed uuid text");
            }
            out[o++] = (byte) ((hi << 4) | lo);
            i += 2;
        }
    }
}
