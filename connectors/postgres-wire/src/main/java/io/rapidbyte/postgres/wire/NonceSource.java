package io.rapidbyte.postgres.wire;

import io.rapidbyte.postgres.wire.crypto.Sha256Drbg;

/**
 * Where SCRAM client nonces come from. Guests have no {@code SecureRandom}, so the
 * connector decides: {@link #seeded(byte[])} with entropy passed in by the host is
 * the intended production choice; {@link #fallback()} mixes clocks and identity
 * hashes and is only as good as those are.
 *
 * <p>Implementations are used by one connection at a time; they need not be
 * thread-safe.
 */
public interface NonceSource {

    /** Fills {@code out} with unpredictable bytes. */
    void nextBytes(byte[] out);

    /** A SHA-256 DRBG seeded with {@code seed} (copied; the caller may wipe it). */
    static NonceSource seeded(byte[] seed) {
        Sha256Drbg drbg = new Sha256Drbg(seed);
        return drbg::nextBytes;
    }

    /**
     * A DRBG seeded from {@code Math.random()} (in a TeaVM WASI guest that is the
     * host's {@code random_get}; in Chicory only as good as the host's WASI
     * random source), the wall clock and an identity hash. Use
     * {@link #seeded(byte[])} with host entropy where one is available.
     * ({@code System.nanoTime()} is avoided on purpose: TeaVM compiles it to a
     * non-WASI {@code teavm.nanoTime} import that hosts do not provide.)
     */
    static NonceSource fallback() {
        byte[] seed = new byte[44];
        for (int i = 0; i < 4; i++) {
            long r = Double.doubleToLongBits(Math.random());
            for (int k = 0; k < 8; k++) {
                seed[i * 8 + k] = (byte) (r >>> (k * 8));
            }
        }
        long t = System.currentTimeMillis();
        int h = System.identityHashCode(new Object());
        for (int k = 0; k < 8; k++) {
            seed[32 + k] = (byte) (t >>> (k * 8));
        }
        for (int k = 0; k < 4; k++) {
            seed[40 + k] = (byte) (h >>> (k * 8));
        }
        return seeded(seed);
    }
}
