package io.rapidbyte.postgres.wire.crypto;

/**
 * PBKDF2 with HMAC-SHA-256 (RFC 8018); SCRAM's {@code Hi()} is the single-block case.
 *
 * <p>Every iteration after the first MACs exactly 32 bytes, so each of its two
 * hashes is one padded block. The loop builds those blocks as words and runs the
 * compression function directly from the precomputed HMAC key states: two
 * compressions per iteration and no byte buffering, which matters because a
 * guest pays for every array access (PostgreSQL's default is 4096 iterations per
 * login). Stateless and thread-safe.
 */
public final class Pbkdf2 {

    /** Bit length of one key block plus one 32-byte message, the fixed length field of the padded block. */
    private static final int PADDED_BITS = (Sha256.BLOCK_LENGTH + Sha256.DIGEST_LENGTH) * 8;

    private Pbkdf2() {
    }

    /** SCRAM {@code Hi(password, salt, iterations)}: the first 32-byte PBKDF2 block. */
    public static byte[] hi(byte[] password, byte[] salt, int iterations) {
        return deriveKey(password, salt, iterations, Sha256.DIGEST_LENGTH);
    }

    /** Derives {@code length} bytes. */
    public static byte[] deriveKey(byte[] password, byte[] salt, int iterations, int length) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1");
        }
        if (length < 0) {
            throw new IllegalArgumentException("negative key length");
        }
        HmacSha256 prf = new HmacSha256(password);
        int[] inner = prf.innerState();
        int[] outer = prf.outerState();
        int[] state = new int[8];
        int[] w = new int[64];
        int[] u = new int[8];
        int[] t = new int[8];
        byte[] first = new byte[HmacSha256.MAC_LENGTH];
        byte[] counter = new byte[4];
        byte[] out = new byte[length];
        int blocks = (length + HmacSha256.MAC_LENGTH - 1) / HmacSha256.MAC_LENGTH;
        for (int block = 1; block <= blocks; block++) {
            counter[0] = (byte) (block >>> 24);
            counter[1] = (byte) (block >>> 16);
            counter[2] = (byte) (block >>> 8);
            counter[3] = (byte) block;
            prf.update(salt, 0, salt.length);
            prf.update(counter, 0, 4);
            prf.doFinal(first, 0);
            for (int j = 0; j < 8; j++) {
                u[j] = (first[j * 4] << 24) | ((first[j * 4 + 1] & 0xff) << 16)
                        | ((first[j * 4 + 2] & 0xff) << 8) | (first[j * 4 + 3] & 0xff);
                t[j] = u[j];
            }
            for (int i = 1; i < iterations; i++) {
                macOf32(inner, outer, u, state, w);
                for (int j = 0; j < 8; j++) {
                    t[j] ^= u[j];
                }
            }
            int pos = (block - 1) * HmacSha256.MAC_LENGTH;
            for (int j = 0; j < 8 && pos + j * 4 < length; j++) {
                for (int k = 0; k < 4 && pos + j * 4 + k < length; k++) {
                    out[pos + j * 4 + k] = (byte) (t[j] >>> (24 - 8 * k));
                }
            }
        }
        java.util.Arrays.fill(first, (byte) 0);
        return out;
    }

    /** u = HMAC(key, u) for a 32-byte u, given the keyed inner/outer states. */
    private static void macOf32(int[] inner, int[] outer, int[] u, int[] state, int[] w) {
        System.arraycopy(inner, 0, state, 0, 8);
        padded32(u, w);
        Sha256.compressWords(state, w);
        System.arraycopy(state, 0, u, 0, 8);
        System.arraycopy(outer, 0, state, 0, 8);
        padded32(u, w);
        Sha256.compressWords(state, w);
        System.arraycopy(state, 0, u, 0, 8);
    }

    /** The single padded block of a 32-byte message that follows one 64-byte key block. */
    private static void padded32(int[] msg, int[] w) {
        System.arraycopy(msg, 0, w, 0, 8);
        w[8] = 0x80000000;
        w[9] = 0;
        w[10] = 0;
        w[11] = 0;
        w[12] = 0;
        w[13] = 0;
        w[14] = 0;
        w[15] = PADDED_BITS;
    }
}
