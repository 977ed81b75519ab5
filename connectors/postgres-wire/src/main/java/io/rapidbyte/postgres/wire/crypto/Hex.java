package io.rapidbyte.postgres.wire.crypto;

/** Lower-case hexadecimal encoding. Stateless; thread-safe. */
public final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    public static String encode(byte[] data) {
        return encode(data, 0, data.length);
    }

    public static String encode(byte[] data, int off, int len) {
        char[] out = new char[len * 2];
        for (int i = 0; i < len; i++) {
            int b = data[off + i] & 0xff;
            out[i * 2] = DIGITS[b >>> 4];
            out[i * 2 + 1] = DIGITS[b & 15];
        }
        return new String(out);
    }

    /**
     * Writes the {@code 2 * len} lower-case hex digits of {@code data[off..off+len)} as ASCII bytes
     * at {@code out[outOff]}: no String, for per-value use in a guest's hot loop.
     */
    public static void encodeAscii(byte[] data, int off, int len, byte[] out, int outOff) {
        for (int i = 0; i < len; i++) {
            int b = data[off + i] & 0xff;
            out[outOff + i * 2] = (byte) DIGITS[b >>> 4];
            out[outOff + i * 2 + 1] = (byte) DIGITS[b & 15];
        }
    }

    /** Appends two lower-case hex digits for {@code b}. */
    public static void appendByte(StringBuilder sb, int b) {
        sb.append(DIGITS[(b >>> 4) & 15]).append(DIGITS[b & 15]);
    }

    /** Value of one hex digit, or -1 when {@code c} is not one. Accepts both cases. */
    public static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
