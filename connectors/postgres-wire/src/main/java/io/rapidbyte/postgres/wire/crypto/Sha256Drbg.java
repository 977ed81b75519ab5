package io.rapidbyte.postgres.wire.crypto;

/**
 * A small deterministic random bit generator built on SHA-256: output block
 * {@code n} is {@code SHA-256(key || n)}, and the key is ratcheted forward after
 * every request so earlier outputs cannot be recomputed from a later state.
 *
 * <p>It is exactly as unpredictable as the seed it is given. Guests have no
 * {@code SecureRandom}; callers should seed it with entropy from the host.
 * Not thread-safe; owned by one caller.
 */
public final class Sha256Drbg {

    private final Sha256 sha = new Sha256();
    private final byte[] key = new byte[Sha256.DIGEST_LENGTH];
    private final byte[] block = new byte[Sha256.DIGEST_LENGTH];
    private long counter;

    public Sha256Drbg(byte[] seed) {
        sha.update(seed, 0, seed.length);
        sha.digest(key, 0);
    }

    /** Mixes more entropy into the state; never reduces unpredictability. */
    public void reseed(byte[] entropy) {
        sha.update(key, 0, key.length);
        sha.update(entropy, 0, entropy.length);
        sha.digest(key, 0);
    }

    /** Fills {@code out} completely. */
    public void nextBytes(byte[] out) {
        int pos = 0;
        while (pos < out.length) {
            sha.update(key, 0, key.length);
            long c = counter++;
            for (int i = 7; i >= 0; i--) {
                sha.update((byte) (c >>> (i * 8)));
            }
            sha.digest(block, 0);
            int n = Math.min(block.length, out.length - pos);
            System.arraycopy(block, 0, out, pos, n);
            pos += n;
        }
        // Ratchet: the next key is derived from the old one, which is then forgotten.
        sha.update(key, 0, key.length);
        sha.update((byte) 0xff);
        sha.digest(key, 0);
    }
}
