package io.rapidbyte.postgres.guest.net;

/** Unpredictable bytes: SCRAM nonce seeds and sync run ids. */
public interface Entropy {
    /** Fills {@code out}. */
    void nextBytes(byte[] out);
}
