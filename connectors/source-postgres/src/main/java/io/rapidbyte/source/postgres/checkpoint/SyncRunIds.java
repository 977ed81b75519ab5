package io.rapidbyte.source.postgres.checkpoint;

import io.rapidbyte.postgres.guest.net.Entropy;

/**
 * New {@code rapidbyte.sync_run} ids: the start time in hex milliseconds (so ids sort by start), a
 * dash, and 64 random bits from host entropy (so two runs started in the same millisecond differ).
 */
public final class SyncRunIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SyncRunIds() {
    }

    public static String next(Entropy entropy, long nowMillis) {
        byte[] random = new byte[8];
        entropy.nextBytes(random);
        StringBuilder sb = new StringBuilder(Long.toHexString(nowMillis)).append('-');
        for (byte b : random) {
            sb.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        return sb.toString();
    }
}
