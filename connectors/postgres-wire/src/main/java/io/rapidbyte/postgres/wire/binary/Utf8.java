package io.rapidbyte.postgres.wire.binary;

/**
 * UTF-8 to and from Java strings without {@code java.nio.charset}, so the guest
 * does not depend on TeaVM's charset support and every conversion works straight
 * on a slice of a receive or send buffer.
 *
 * <p>Malformed input decodes to U+FFFD per bad sequence; unpaired surrogates encode
 * as U+FFFD. The server is set to {@code client_encoding=UTF8}, so neither should
 * happen with PostgreSQL. Stateless; thread-safe.
 */
public final class Utf8 {

    private static final char REPLACEMENT = '\uFFFD';

    private Utf8() {
    }

    /** Decodes {@code b[off, off+len)}. */
    public static String decode(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        // ASCII fast path: most identifiers, numbers and tags never leave it.
        while (i < end && b[i] >= 0) {
            i++;
        }
        if (i == end) {
            char[] ascii = new char[len];
            for (int k = 0; k < len; k++) {
                ascii[k] = (char) b[off + k];
            }
            return new String(ascii);
        }
        char[] out = new char[len];
        int o = 0;
        for (int k = off; k < i; k++) {
            out[o++] = (char) b[k];
        }
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                out[o++] = (char) c;
                i++;
                continue;
            }
            int need;
            int cp;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                need = 1;
                cp = c & 0x1f;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                need = 2;
                cp = c & 0x0f;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                need = 3;
                cp = c & 0x07;
                min = 0x10000;
            } else {
                out[o++] = REPLACEMENT;
                i++;
                continue;
            }
            int j = i + 1;
            boolean ok = true;
            for (int n = 0; n < need; n++, j++) {
                if (j >= end || (b[j] & 0xc0) != 0x80) {
                    ok = false;
                    break;
                }
                cp = (cp << 6) | (b[j] & 0x3f);
            }
            if (!ok || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                out[o++] = REPLACEMENT;
                i = ok ? j : Math.max(j, i + 1);
                continue;
            }
            if (cp >= 0x10000) {
                cp -= 0x10000;
                out[o++] = (char) (0xd800 + (cp >>> 10));
                out[o++] = (char) (0xdc00 + (cp & 0x3ff));
            } else {
                out[o++] = (char) cp;
            }
            i = j;
        }
        return new String(out, 0, o);
    }

    public static String decode(byte[] b) {
        return decode(b, 0, b.length);
    }

    /** Number of bytes {@link #encode(CharSequence, byte[], int)} will write. */
    public static int encodedLength(CharSequence s) {
        int n = 0;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Encodes {@code s} at {@code out[off]}; returns the number of bytes written. */
    public static int encode(CharSequence s, byte[] out, int off) {
        int o = off;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[o++] = (byte) c;
            } else if (c < 0x800) {
                out[o++] = (byte) (0xc0 | (c >>> 6));
                out[o++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                int cp = REPLACEMENT;
                if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                    cp = Character.toCodePoint(c, s.charAt(++i));
                }
                if (cp >= 0x10000) {
                    out[o++] = (byte) (0xf0 | (cp >>> 18));
                    out[o++] = (byte) (0x80 | ((cp >>> 12) & 0x3f));
                    out[o++] = (byte) (0x80 | ((cp >>> 6) & 0x3f));
                    out[o++] = (byte) (0x80 | (cp & 0x3f));
                } else {
                    out[o++] = (byte) (0xe0 | (cp >>> 12));
                    out[o++] = (byte) (0x80 | ((cp >>> 6) & 0x3f));
                    out[o++] = (byte) (0x80 | (cp & 0x3f));
                }
            } else {
                out[o++] = (byte) (0xe0 | (c >>> 12));
                out[o++] = (byte) (0x80 | ((c >>> 6) & 0x3f));
                out[o++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        return o - off;
    }

    public static byte[] encode(CharSequence s) {
        byte[] out = new byte[encodedLength(s)];
        encode(s, out, 0);
        return out;
    }
}
