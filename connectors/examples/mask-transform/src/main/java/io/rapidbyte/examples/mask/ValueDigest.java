package io.rapidbyte.examples.mask;

import io.rapidbyte.postgres.wire.crypto.Hex;
import io.rapidbyte.postgres.wire.crypto.HmacSha256;
import io.rapidbyte.postgres.wire.crypto.Sha256;

/**
 * SHA-256, or HMAC-SHA-256 under a fixed key, of one value's bytes, written as 64 lower-case hex
 * digits (ASCII, so also valid UTF-8). The hash functions are postgres-wire's (the guests' only
 * implementation, checked against the JDK there). Reuses its buffers: owned by one caller, not
 * thread-safe.
 */
public final class ValueDigest {
    /** Length of {@link #hex()}'s content. */
    public static final int HEX_LENGTH = Sha256.DIGEST_LENGTH * 2;

    private final Sha256 sha;
    private final HmacSha256 hmac;
    private final byte[] digest = new byte[Sha256.DIGEST_LENGTH];
    private final byte[] hex = new byte[HEX_LENGTH];

    /** @param key the HMAC key, or null for plain SHA-256 */
    public ValueDigest(byte[] key) {
        this.hmac = key == null ? null : new HmacSha256(key);
        this.sha = key == null ? new Sha256() : null;
    }

    /** Digests {@code len} bytes of {@code src} at {@code off}; the result is in {@link #hex()}. */
    public void digest(byte[] src, int off, int len) {
        if (hmac != null) {
            hmac.update(src, off, len);
            hmac.doFinal(digest, 0);
        } else {
            sha.update(src, off, len);
            sha.digest(digest, 0);
        }
        Hex.encodeAscii(digest, 0, digest.length, hex, 0);
    }

    /** The last digest's hex digits ({@link #HEX_LENGTH} bytes); overwritten by the next {@link #digest}. */
    public byte[] hex() {
        return hex;
    }
}
