package io.rapidbyte.sdk.abi;

/**
 * UTF-8 for strings crossing the wasm boundary, written out by hand.
 *
 * <p>Why not {@code String.getBytes(UTF_8)}: TeaVM 0.13.1 routes it through its charset encoder
 * (CharBuffer/ByteBuffer machinery), which is slow in a guest, and its {@code ADVANCED}/{@code FULL}
 * optimiser was seen emitting an invalid wasm function when inlining that path. Behaviour matches
 * the JDK: unpaired surrogates encode as {@code '?'}, malformed input decodes to U+FFFD.
 * Stateless and thread-safe.
 */
public final class Utf8Codec {
    private Utf8Codec() {
    }

    /** The UTF-8 bytes of {@code s}. */
    public static byte[] encode(String s) {
        int n = s.length();
        byte[] out = new byte[encodedLength(s)];
        int p = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[p++] = (byte) c;
            } else if (c < 0x800) {
                out[p++] = (byte) (0xC0 | (c >> 6));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[p++] = (byte) (0xF0 | (cp >> 18));
                out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                out[p++] = '?';
            } else {
                out[p++] = (byte) (0xE0 | (c >> 12));
                out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return out;
    }

    /** Bytes {@link #encode} produces for {@code s}. */
    public static int encodedLength(String s) {
        int n = s.length();
        int length = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                length++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    /** Decodes {@code bytes[offset..offset+length)}; each malformed sequence becomes U+FFFD. */
    public static String decode(byte[] bytes, int offset, int length) {
        Bounds.check(bytes, offset, length);
        char[] out = new char[length];
        int p = 0;
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                out[p++] = (char) b;
                i++;
                continue;
            }
            int need;
            int cp;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
                cp = b & 0x1F;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                cp = b & 0x0F;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                cp = b & 0x07;
                min = 0x10000;
            } else {
                out[p++] = '\uFFFD';
                i++;
                continue;
            }
            int j = i + 1;
            int got = 0;
            while (got < need && j < end && (bytes[j] & 0xC0) == 0x80) {
                cp = (cp << 6) | (bytes[j] & 0x3F);
                j++;
                got++;
                if (got == 1 && !secondByteAllowed(b, bytes[j - 1] & 0xFF)) {
                    got = -1;
                    break;
                }
            }
            if (got != need || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                out[p++] = '\uFFFD';
                i = got < 0 ? i + 1 : Math.max(j, i + 1);
                continue;
            }
            if (cp >= 0x10000) {
                out[p++] = Character.highSurrogate(cp);
                out[p++] = Character.lowSurrogate(cp);
            } else {
                out[p++] = (char) cp;
            }
            i = j;
        }
        return new String(out, 0, p);
    }

    /**
     * Rejects overlong and out-of-range forms at the second byte, as the JDK's decoder does. An
     * encoded surrogate (ED A0..BF xx) is consumed whole and becomes a single U+FFFD, also like the JDK.
     */
    private static boolean secondByteAllowed(int lead, int second) {
        switch (lead) {
            case 0xE0:
                return second >= 0xA0;
            case 0xF0:
                return second >= 0x90;
            case 0xF4:
                return second <= 0x8F;
            default:
                return true;
        }
    }
}
