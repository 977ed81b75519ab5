package io.rapidbyte.postgres.wire.crypto;

/**
 * SHA-256 (FIPS 180-4), written out because TeaVM's class library has no
 * {@code java.security.MessageDigest}.
 *
 * <p>Streaming: {@link #update} any number of times, then {@link #digest}, which
 * also resets the instance for reuse. Not thread-safe; each instance is owned by
 * one caller. Instances can snapshot another's state ({@link #copyFrom}), which
 * HMAC uses to avoid re-hashing the padded key on every call.
 */
public final class Sha256 {

    /** Digest length in bytes. */
    public static final int DIGEST_LENGTH = 32;
    /** Compression block length in bytes. */
    public static final int BLOCK_LENGTH = 64;

    private static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
    };

    private final int[] state = new int[8];
    private final int[] w = new int[64];
    private final byte[] block = new byte[BLOCK_LENGTH];
    private int blockFill;
    private long totalBytes;

    public Sha256() {
        reset();
    }

    /** Returns SHA-256 of {@code data}. */
    public static byte[] hash(byte[] data) {
        Sha256 d = new Sha256();
        d.update(data, 0, data.length);
        return d.digest();
    }

    /** Restarts the digest as if newly constructed. */
    public void reset() {
        state[0] = 0x6a09e667;
        state[1] = 0xbb67ae85;
        state[2] = 0x3c6ef372;
        state[3] = 0xa54ff53a;
        state[4] = 0x510e527f;
        state[5] = 0x9b05688c;
        state[6] = 0x1f83d9ab;
        state[7] = 0x5be0cd19;
        blockFill = 0;
        totalBytes = 0;
    }

    /** Makes this instance an exact copy of {@code other}'s running state. */
    public void copyFrom(Sha256 other) {
        System.arraycopy(other.state, 0, state, 0, 8);
        System.arraycopy(other.block, 0, block, 0, BLOCK_LENGTH);
        blockFill = other.blockFill;
        totalBytes = other.totalBytes;
    }

    public void update(byte b) {
        block[blockFill++] = b;
        totalBytes++;
        if (blockFill == BLOCK_LENGTH) {
            compress(block, 0);
            blockFill = 0;
        }
    }

    public void update(byte[] data) {
        update(data, 0, data.length);
    }

    public void update(byte[] data, int off, int len) {
        if (off < 0 || len < 0 || off > data.length - len) {
            throw new IndexOutOfBoundsException("range " + off + "+" + len + " of " + data.length);
        }
        totalBytes += len;
        if (blockFill > 0) {
            int take = Math.min(len, BLOCK_LENGTH - blockFill);
            System.arraycopy(data, off, block, blockFill, take);
            blockFill += take;
            off += take;
            len -= take;
            if (blockFill < BLOCK_LENGTH) {
                return;
            }
            compress(block, 0);
            blockFill = 0;
        }
        // Whole blocks straight from the caller's array: no staging copy.
        while (len >= BLOCK_LENGTH) {
            compress(data, off);
            off += BLOCK_LENGTH;
            len -= BLOCK_LENGTH;
        }
        if (len > 0) {
            System.arraycopy(data, off, block, 0, len);
            blockFill = len;
        }
    }

    /** Finishes, writes 32 bytes at {@code out[off]}, and resets. */
    public void digest(byte[] out, int off) {
        long bitLength = totalBytes << 3;
        block[blockFill++] = (byte) 0x80;
        if (blockFill > BLOCK_LENGTH - 8) {
            while (blockFill < BLOCK_LENGTH) {
                block[blockFill++] = 0;
            }
            compress(block, 0);
            blockFill = 0;
        }
        while (blockFill < BLOCK_LENGTH - 8) {
            block[blockFill++] = 0;
        }
        for (int i = 7; i >= 0; i--) {
            block[blockFill++] = (byte) (bitLength >>> (i * 8));
        }
        compress(block, 0);
        for (int i = 0; i < 8; i++) {
            int v = state[i];
            out[off + i * 4] = (byte) (v >>> 24);
            out[off + i * 4 + 1] = (byte) (v >>> 16);
            out[off + i * 4 + 2] = (byte) (v >>> 8);
            out[off + i * 4 + 3] = (byte) v;
        }
        reset();
    }

    /** Finishes and returns the 32-byte digest; resets. */
    public byte[] digest() {
        byte[] out = new byte[DIGEST_LENGTH];
        digest(out, 0);
        return out;
    }

    /** The chaining value; exact only at a block boundary (as after HMAC's padded key). */
    int[] stateWords() {
        if (blockFill != 0) {
            throw new IllegalStateException("not at a block boundary");
        }
        return state.clone();
    }

    private void compress(byte[] in, int off) {
        int[] w = this.w;
        for (int i = 0; i < 16; i++) {
            int p = off + i * 4;
            w[i] = (in[p] << 24) | ((in[p + 1] & 0xff) << 16) | ((in[p + 2] & 0xff) << 8) | (in[p + 3] & 0xff);
        }
        compressWords(state, w);
    }

    /**
     * One compression of the block whose 16 big-endian words are {@code w[0..15]}
     * ({@code w} has room for 64; it is overwritten) into {@code state}. Word-level
     * entry point so PBKDF2 can hash its fixed-size blocks without byte shuffling.
     */
    static void compressWords(int[] state, int[] w) {
        // Rotations are spelled out as shifts: TeaVM emits Integer.rotateRight as a
        // call, and calls are what a compiled guest pays most for (~50x slower).
        for (int i = 16; i < 64; i++) {
            int x = w[i - 15];
            int y = w[i - 2];
            int s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
            int s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        int a = state[0], b = state[1], c = state[2], d = state[3];
        int e = state[4], f = state[5], g = state[6], h = state[7];
        for (int i = 0; i < 64; i++) {
            int s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
            int ch = (e & f) ^ (~e & g);
            int t1 = h + s1 + ch + K[i] + w[i];
            int s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
            int maj = (a & b) ^ (a & c) ^ (b & c);
            int t2 = s0 + maj;
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}
