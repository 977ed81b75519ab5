package io.rapidbyte.sdk.text;

/**
 * The project's one UTF-8 codec, used by guests (SDK, Arrow, Postgres wire) and by the JVM host.
 *
 * <p>The rule is "exact or a clear error", in both directions: an unpaired surrogate is not
 * encodable and fails with {@link IllegalArgumentException} naming its index (the JDK would write
 * {@code '?'}, silently changing the value); malformed input (truncated or stray continuation
 * bytes, overlong forms, encoded surrogates, code points above U+10FFFF) fails with an
 * {@link IllegalArgumentException} naming its byte offset instead of becoming U+FFFD. PostgreSQL
 * rejects invalid UTF-8 itself, so nothing that reaches it through this class could have been
 * stored there anyway.
 *
 * <p>Written out by hand because TeaVM 0.13.1 routes {@code String.getBytes(UTF_8)} through its
 * NIO charset machinery (an extra copy, much code size, and once an invalid wasm function under
 * the FULL optimiser). Error messages are built in small {@code synchronized} methods so TeaVM
 * never inlines them into the loops. Stateless and thread-safe.
 */
public final class Utf8 {
    private Utf8() {
    }

    /** Upper bound of the encoded size: a UTF-16 unit never needs more than 3 bytes. */
    public static long maxEncodedLength(CharSequence s) {
        return 3L * s.length();
    }

    /** The exact number of bytes {@link #encode(CharSequence)} writes for {@code s}. */
    public static int encodedLength(CharSequence s) {
        int n = s.length();
        int length = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (c < 0xD800 || c > 0xDFFF) {
                length += 3;
            } else if (c <= 0xDBFF && i + 1 < n && isLow(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                throw unpaired(c, i);
            }
        }
        return length;
    }

    /** The UTF-8 bytes of {@code s}, in an array of exactly that size. */
    public static byte[] encode(CharSequence s) {
        byte[] out = new byte[encodedLength(s)];
        encode(s, out, 0);
        return out;
    }

    /**
     * Encodes {@code s} into {@code out} at {@code pos}; the caller reserves
     * {@link #encodedLength} (or {@link #maxEncodedLength}) bytes.
     *
     * @return the position after the last byte written
     */
    public static int encode(CharSequence s, byte[] out, int pos) {
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
            } else if (c <= 0xDBFF && i + 1 < n && isLow(s.charAt(i + 1))) {
                pos = encodeSupplementary(c, s.charAt(++i), out, pos);
            } else {
                throw unpaired(c, i);
            }
        }
        return pos;
    }

    /**
     * Encodes {@code chars[0, n)} into {@code out} at {@code pos}; the caller reserves 3 bytes per
     * char. Same output as {@link #encode(CharSequence, byte[], int)}, but a plain array loop is
     * several times faster on wasm than a {@code charAt} call per character.
     *
     * @return the position after the last byte written
     */
    public static int encode(char[] chars, int n, byte[] out, int pos) {
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
            } else if (c <= 0xDBFF && i + 1 < n && isLow(chars[i + 1])) {
                pos = encodeSupplementary(c, chars[i + 1], out, pos);
                i += 2;
            } else {
                throw unpaired(c, i);
            }
        }
        return pos;
    }

    /** Decodes all of {@code b}. */
    public static String decode(byte[] b) {
        return decode(b, 0, b.length);
    }

    /**
     * Decodes {@code b[off, off + len)}.
     *
     * @throws IllegalArgumentException at the first malformed sequence, naming its offset
     */
    public static String decode(byte[] b, int off, int len) {
        checkRange(b, off, len);
        // UTF-8 never yields more UTF-16 units than it has bytes.
        return decode(b, off, len, new char[len]);
    }

    /**
     * Decodes {@code b[off, off + len)} using {@code chars} (at least {@code len} long) as scratch
     * space, saving an allocation per value.
     *
     * @throws IllegalArgumentException at the first malformed sequence, naming its offset
     */
    public static String decode(byte[] b, int off, int len, char[] chars) {
        return new String(chars, 0, decodeInto(b, off, len, chars, false));
    }

    /**
     * Decodes {@code b[off, off + len)} for text that is only shown to humans (a server's error
     * message, a guest's log line): each byte that does not start a valid sequence becomes U+FFFD
     * rather than hiding the message behind a decoding error. Never use it for data.
     */
    public static String decodeForDisplay(byte[] b, int off, int len) {
        checkRange(b, off, len);
        char[] chars = new char[len];
        return new String(chars, 0, decodeInto(b, off, len, chars, true));
    }

    /** Decodes into {@code chars}; returns the number of chars written. */
    private static int decodeInto(byte[] b, int off, int len, char[] chars, boolean replace) {
        int n = 0;
        int i = off;
        int end = off + len;
        while (i < end) {
            int b0 = b[i];
            if (b0 >= 0) {
                chars[n++] = (char) b0;
                i++;
                continue;
            }
            b0 &= 0xFF;
            int cp = -1;
            int size = 1;
            if (b0 >= 0xC2 && b0 <= 0xDF && i + 1 < end && cont(b[i + 1])) {
                cp = ((b0 & 0x1F) << 6) | (b[i + 1] & 0x3F);
                size = 2;
            } else if (b0 >= 0xE0 && b0 <= 0xEF && i + 2 < end && cont(b[i + 1]) && cont(b[i + 2])) {
                cp = ((b0 & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F);
                size = 3;
                if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    cp = -1;
                }
            } else if (b0 >= 0xF0 && b0 <= 0xF4 && i + 3 < end
                    && cont(b[i + 1]) && cont(b[i + 2]) && cont(b[i + 3])) {
                cp = ((b0 & 0x07) << 18) | ((b[i + 1] & 0x3F) << 12) | ((b[i + 2] & 0x3F) << 6)
                        | (b[i + 3] & 0x3F);
                size = 4;
                if (cp < 0x10000 || cp > 0x10FFFF) {
                    cp = -1;
                }
            }
            if (cp < 0) {
                if (!replace) {
                    throw malformed(i - off);
                }
                chars[n++] = '\uFFFD';
                i++;
            } else if (cp >= 0x10000) {
                cp -= 0x10000;
                chars[n++] = (char) (0xD800 + (cp >> 10));
                chars[n++] = (char) (0xDC00 + (cp & 0x3FF));
                i += 4;
            } else {
                chars[n++] = (char) cp;
                i += size;
            }
        }
        return n;
    }

    private static int encodeSupplementary(char high, char low, byte[] out, int pos) {
        int cp = ((high - 0xD800) << 10) + (low - 0xDC00) + 0x10000;
        out[pos] = (byte) (0xF0 | (cp >> 18));
        out[pos + 1] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[pos + 2] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[pos + 3] = (byte) (0x80 | (cp & 0x3F));
        return pos + 4;
    }

    private static boolean isLow(char c) {
        return c >= 0xDC00 && c <= 0xDFFF;
    }

    private static boolean cont(byte b) {
        return (b & 0xC0) == 0x80;
    }

    private static void checkRange(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off > b.length - len) {
            throw outOfRange(b.length, off, len);
        }
    }

    private static synchronized IllegalArgumentException unpaired(char c, int index) {
        return new IllegalArgumentException("unpaired surrogate U+" + Integer.toHexString(c).toUpperCase()
                + " at index " + index + " cannot be encoded as UTF-8");
    }

    private static synchronized IllegalArgumentException malformed(int offset) {
        return new IllegalArgumentException("invalid UTF-8 at byte " + offset);
    }

    private static synchronized IndexOutOfBoundsException outOfRange(int size, int off, int len) {
        return new IndexOutOfBoundsException("range [" + off + ", +" + len + ") outside array of " + size);
    }
}
