package io.rapidbyte.postgres.wire.crypto;

/**
 * HMAC-SHA-256 (RFC 2104) for one fixed key.
 *
 * <p>The hash states after absorbing the inner and outer padded keys are computed
 * once in the constructor and restored for every MAC, which halves the work of
 * PBKDF2's thousands of iterations. Not thread-safe; owned by one caller. The
 * instance keeps key-derived state in memory until it becomes garbage.
 */
public final class HmacSha256 {

    /** MAC length in bytes. */
    public static final int MAC_LENGTH = Sha256.DIGEST_LENGTH;

    private final Sha256 innerKeyed = new Sha256();
    private final Sha256 outerKeyed = new Sha256();
    private final Sha256 work = new Sha256();
    private final byte[] innerDigest = new byte[MAC_LENGTH];

    public HmacSha256(byte[] key) {
        byte[] k = key;
        if (k.length > Sha256.BLOCK_LENGTH) {
            k = Sha256.hash(k);
        }
        byte[] pad = new byte[Sha256.BLOCK_LENGTH];
        for (int i = 0; i < pad.length; i++) {
            pad[i] = (byte) ((i < k.length ? k[i] : 0) ^ 0x36);
        }
        innerKeyed.update(pad, 0, pad.length);
        for (int i = 0; i < pad.length; i++) {
            pad[i] = (byte) ((i < k.length ? k[i] : 0) ^ 0x5c);
        }
        outerKeyed.update(pad, 0, pad.length);
        java.util.Arrays.fill(pad, (byte) 0);
        work.copyFrom(innerKeyed);
    }

    /** One-shot HMAC of {@code data} under {@code key}. */
    public static byte[] mac(byte[] key, byte[] data) {
        HmacSha256 h = new HmacSha256(key);
        h.update(data, 0, data.length);
        return h.doFinal();
    }

    /** Hash state after the inner padded key (one block): the PBKDF2 fast path starts here. */
    int[] innerState() {
        return innerKeyed.stateWords();
    }

    /** Hash state after the outer padded key. */
    int[] outerState() {
        return outerKeyed.stateWords();
    }

    public void update(byte[] data, int off, int len) {
        work.update(data, off, len);
    }

    public void update(byte[] data) {
        work.update(data, 0, data.length);
    }

    /** Writes the MAC at {@code out[off]} and readies the instance for the next message. */
    public void doFinal(byte[] out, int off) {
        work.digest(innerDigest, 0);
        work.copyFrom(outerKeyed);
        work.update(innerDigest, 0, MAC_LENGTH);
        work.digest(out, off);
        work.copyFrom(innerKeyed);
    }

    public byte[] doFinal() {
        byte[] out = new byte[MAC_LENGTH];
        doFinal(out, 0);
        return out;
    }
}
