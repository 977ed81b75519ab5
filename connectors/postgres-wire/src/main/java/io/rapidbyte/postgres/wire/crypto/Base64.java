package io.rapidbyte.postgres.wire.crypto;

/**
 * Standard base64 (RFC 4648 §4, with padding), as SCRAM uses for salts, nonces,
 * proofs and signatures. Decoding is strict: anything outside the alphabet, bad
 * padding or a wrong length is rejected rather than silently skipped, because a
 * lenient decoder would accept tampered server messages.
 *
 * <p>Stateless; thread-safe.
 */
public final class Base64 {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    private static final int[] DECODE = new int[128];

    static {
        for (int i = 0; i < DECODE.length; i++) {
            DECODE[i] = -1;
        }
        for (int i = 0; i < ALPHABET.length; i++) {
            DECODE[ALPHABET[i]] = i;
        }
    }

    private Base64() {
    }

    public static String encode(byte[] data) {
        return encode(data, 0, data.length);
    }

    public static String encode(byte[] data, int off, int len) {
        char[] out = new char[(len + 2) / 3 * 4];
        int o = 0;
        int end = off + len;
        int i = off;
        for (; i + 3 <= end; i += 3) {
            int v = ((data[i] & 0xff) << 16) | ((data[i + 1] & 0xff) << 8) | (data[i + 2] & 0xff);
            out[o++] = ALPHABET[v >>> 18];
            out[o++] = ALPHABET[(v >>> 12) & 63];
            out[o++] = ALPHABET[(v >>> 6) & 63];
            out[o++] = ALPHABET[v & 63];
        }
        int rest = end - i;
        if (rest == 1) {
            int v = (data[i] & 0xff) << 16;
            out[o++] = ALPHABET[v >>> 18];
            out[o++] = ALPHABET[(v >>> 12) & 63];
            out[o++] = '=';
            out[o] = '=';
        } else if (rest == 2) {
            int v = ((data[i] & 0xff) << 16) | ((data[i + 1] & 0xff) << 8);
            out[o++] = ALPHABET[v >>> 18];
            out[o++] = ALPHABET[(v >>> 12) & 63];
            out[o++] = ALPHABET[(v >>> 6) & 63];
            out[o] = '=';
        }
        return new String(out);
    }

    /**
     * Decodes padded base64.
     *
     * @throws IllegalArgumentException on any malformed input
     */
    public static byte[] decode(String s) {
        int n = s.length();
        if (n % 4 != 0) {
            throw new IllegalArgumentException("base64 length is not a multiple of 4");
        }
        if (n == 0) {
            return new byte[0];
        }
        int pad = 0;
        if (s.charAt(n - 1) == '=') {
            pad++;
            if (s.charAt(n - 2) == '=') {
                pad++;
            }
        }
        byte[] out = new byte[n / 4 * 3 - pad];
        int o = 0;
        for (int i = 0; i < n; i += 4) {
            boolean last = i + 4 == n;
            int c0 = value(s.charAt(i));
            int c1 = value(s.charAt(i + 1));
            int c2 = last && pad == 2 ? 0 : value(s.charAt(i + 2));
            int c3 = last && pad >= 1 ? 0 : value(s.charAt(i + 3));
            int v = (c0 << 18) | (c1 << 12) | (c2 << 6) | c3;
            out[o++] = (byte) (v >>> 16);
            if (o < out.length) {
                out[o++] = (byte) (v >>> 8);
            }
            if (o < out.length) {
                out[o++] = (byte) v;
            }
            if (last && pad > 0) {
                // Non-canonical encodings carry bits the padding says are absent.
                int unused = pad == 2 ? (v & 0xffff) : (v & 0xff);
                if (unused != 0) {
                    throw new IllegalArgumentException("base64 has non-zero padding bits");
                }
            }
        }
        return out;
    }

    private static int value(char c) {
        int v = c < 128 ? DECODE[c] : -1;
        if (v < 0) {
            throw new IllegalArgumentException("invalid base64 character");
        }
        return v;
    }
}
