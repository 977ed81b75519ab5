package io.rapidbyte.postgres.wire.crypto;

/**
 * MD5 (RFC 1321), needed only for PostgreSQL's legacy {@code md5} password
 * authentication; not for any security decision of our own.
 *
 * <p>Stateless static API; thread-safe.
 */
public final class Md5 {

    /** Digest length in bytes. */
    public static final int DIGEST_LENGTH = 16;

    private static final int[] SHIFT = {
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21
    };

    // floor(abs(sin(i + 1)) * 2^32), precomputed so no floating point is involved.
    private static final int[] T = {
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
        0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
        0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
        0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
        0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
        0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
        0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391
    };

    private Md5() {
    }

    /** Returns the MD5 digest of {@code data[off, off+len)}. */
    public static byte[] digest(byte[] data, int off, int len) {
        long bitLength = (long) len << 3;
        int padded = ((len + 8) / 64 + 1) * 64;
        int[] s = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
        int[] m = new int[16];
        byte[] tail = new byte[padded - (len & ~63)];
        int tailStart = len & ~63;
        System.arraycopy(data, off + tailStart, tail, 0, len - tailStart);
        tail[len - tailStart] = (byte) 0x80;
        for (int i = 0; i < 8; i++) {
            tail[tail.length - 8 + i] = (byte) (bitLength >>> (8 * i));
        }
        for (int blockStart = 0; blockStart < padded; blockStart += 64) {
            byte[] src;
            int base;
            if (blockStart < tailStart) {
                src = data;
                base = off + blockStart;
            } else {
                src = tail;
                base = blockStart - tailStart;
            }
            for (int i = 0; i < 16; i++) {
                int p = base + i * 4;
                m[i] = (src[p] & 0xff) | ((src[p + 1] & 0xff) << 8) | ((src[p + 2] & 0xff) << 16) | (src[p + 3] << 24);
            }
            compress(s, m);
        }
        byte[] out = new byte[DIGEST_LENGTH];
        for (int i = 0; i < 4; i++) {
            out[i * 4] = (byte) s[i];
            out[i * 4 + 1] = (byte) (s[i] >>> 8);
            out[i * 4 + 2] = (byte) (s[i] >>> 16);
            out[i * 4 + 3] = (byte) (s[i] >>> 24);
        }
        return out;
    }

    public static byte[] digest(byte[] data) {
        return digest(data, 0, data.length);
    }

    /** Lower-case hex of the digest, the form PostgreSQL's md5 auth exchanges. */
    public static String hex(byte[] data) {
        return Hex.encode(digest(data));
    }

    private static void compress(int[] s, int[] m) {
        int a = s[0], b = s[1], c = s[2], d = s[3];
        for (int i = 0; i < 64; i++) {
            int f;
            int g;
            if (i < 16) {
                f = (b & c) | (~b & d);
                g = i;
            } else if (i < 32) {
                f = (d & b) | (~d & c);
                g = (5 * i + 1) & 15;
            } else if (i < 48) {
                f = b ^ c ^ d;
                g = (3 * i + 5) & 15;
            } else {
                f = c ^ (b | ~d);
                g = (7 * i) & 15;
            }
            int tmp = d;
            d = c;
            c = b;
            int x = a + f + T[i] + m[g];
            b = b + ((x << SHIFT[i]) | (x >>> (32 - SHIFT[i]))); // spelled out: TeaVM makes rotateLeft a call
            a = tmp;
        }
        s[0] += a;
        s[1] += b;
        s[2] += c;
        s[3] += d;
    }
}
