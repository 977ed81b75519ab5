package io.rapidbyte.source.postgres.checkpoint;

import io.rapidbyte.postgres.guest.net.Entropy;
import io.rapidbyte.postgres.wire.crypto.Hex;

/**
 * New {@code rapidbyte.sync_run} ids: the start time in hex milliseconds (so ids sort by start), a
 * dash, and 64 random bits from host entropy (so two runs started in the same millisecond differ).
 */
public final class SyncRunIds {
    private SyncRunIds() {
    }

    public static String next(Entropy entropy, long nowMillis) {
        byte[] random = new byte[8];
        entropy.nextBytes(random);
        StringBuilder sb = new StringBuilder(Long.toHexString(nowMillis)).append('-');
        for (byte b : random) {
            Hex.appendByte(sb, b & 0xff);
        }
        return sb.toString();
    }
}
