package io.rapidbyte.sdk.arrow;

/**
 * UTF-8 conversion written out by hand: TeaVM's charset classes go through NIO buffers, which
 * costs an extra copy and a lot of code size per string on wasm.
 */
final class Utf8 {
    private Utf8() {
    }

    /** Upper bound of the encoded size: a UTF-16 unit never needs more than 3 bytes. */
    static long maxEncodedLength(CharSequence s) {
        return 3L * s.length();
    }

    /**
     * Encodes {@code s} into {@code out} at {@code pos}; the caller reserves
     * {@link #maxEncodedLength} bytes. Unpaired surrogates become '?', as String.getBytes does.
     *
     * @return the position after the last byte written
     */
    static int encode(CharSequence s, byte[] out, int pos) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[pos++] = (byte) c;
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xC0 | (c >> 6));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (c < 0xD800 || c > 0xDFFF) {
                out[pos++] = (byte) (0xE0 | (c >> 12));
                out[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (c <= 0xDBFF && i + 1 < n && s.charAt(i + 1) >= 0xDC00 && s.charAt(i + 1) <= 0xDFFF) {
                int cp = ((c - 0xD800) << 10) + (s.charAt(++i) - 0xDC00) + 0x10000;
                out[pos++] = (byte) (0xF0 | (cp >> 18));
                out[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                out[pos++] = (byte) '?';
            }
        }
        return pos;
    }

    /**
     * Encodes {@code chars[0, n)} into {@code out} at {@code pos}; the caller reserves 3 bytes
     * per char. Same output as {@link #encode(CharSequence, byte[], int)}, but a plain array
     * loop is several times faster on wasm than a charAt call per character.
     */
    static int encode(char[] chars, int n, byte[] out, int pos) {
        int i = 0;
        while (i < n) {
            char c = chars[i];
            if (c < 0x80) {
                out[pos++] = (byte) c;
                i++;
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xC0 | (c >> 6));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
                i++;
            } else if (c < 0xD800 || c > 0xDFFF) {
                out[pos++] = (byte) (0xE0 | (c >> 12));
                out[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
                i++;
            } else if (c <= 0xDBFF && i + 1 < n && chars[i + 1] >= 0xDC00 && chars[i + 1] <= 0xDFFF) {
                int cp = ((c - 0xD800) << 10) + (chars[i + 1] - 0xDC00) + 0x10000;
                out[pos++] = (byte) (0xF0 | (cp >> 18));
                out[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (cp & 0x3F));
                i += 2;
            } else {
                out[pos++] = (byte) '?';
                i++;
            }
        }
        return pos;
    }

    /** Encodes to a new exact-size array. */
    static byte[] encode(CharSequence s) {
        byte[] tmp = new byte[ByteArrays.checkedSize(maxEncodedLength(s), "string")];
        int n = encode(s, tmp, 0);
        byte[] out = new byte[n];
        System.arraycopy(tmp, 0, out, 0, n);
        return out;
    }

    /**
     * Decodes {@code len} bytes at {@code off}. Malformed sequences become U+FFFD rather than
     * failing: Arrow does not require readers to validate UTF-8, and a replacement character
     * is more useful to a sink than an exception in the middle of a batch.
     */
    static String decode(byte[] b, int off, int len) {
        // UTF-8 never yields more UTF-16 units than it has bytes.
        return decode(b, off, len, new char[len]);
    }

    /** Decodes using {@code chars} (at least {@code len} long) as scratch space, saving an allocation. */
    static String decode(byte[] b, int off, int len, char[] chars) {
        int n = 0;
        int i = off;
        int end = off + len;
        while (i < end) {
            int b0 = b[i] & 0xFF;
            if (b0 < 0x80) {
                chars[n++] = (char) b0;
                i++;
            } else if (b0 >= 0xC2 && b0 <= 0xDF && i + 1 < end && cont(b[i + 1])) {
                chars[n++] = (char) (((b0 & 0x1F) << 6) | (b[i + 1] & 0x3F));
                i += 2;
            } else if (b0 >= 0xE0 && b0 <= 0xEF && i + 2 < end && cont(b[i + 1]) && cont(b[i + 2])) {
                int cp = ((b0 & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F);
                if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    chars[n++] = '\uFFFD';
                    i++;
                } else {
                    chars[n++] = (char) cp;
                    i += 3;
                }
            } else if (b0 >= 0xF0 && b0 <= 0xF4 && i + 3 < end
                    && cont(b[i + 1]) && cont(b[i + 2]) && cont(b[i + 3])) {
                int cp = ((b0 & 0x07) << 18) | ((b[i + 1] & 0x3F) << 12) | ((b[i + 2] & 0x3F) << 6)
                        | (b[i + 3] & 0x3F);
                if (cp < 0x10000 || cp > 0x10FFFF) {
                    chars[n++] = '\uFFFD';
                    i++;
                } else {
                    cp -= 0x10000;
                    chars[n++] = (char) (0xD800 + (cp >> 10));
                    chars[n++] = (char) (0xDC00 + (cp & 0x3FF));
                    i += 4;
                }
            } else {
                chars[n++] = '\uFFFD';
                i++;
            }
        }
        return new String(chars, 0, n);
    }

    private static boolean cont(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
