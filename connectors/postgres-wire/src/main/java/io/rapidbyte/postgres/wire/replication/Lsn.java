package io.rapidbyte.postgres.wire.replication;

/**
 * A WAL position (pg_lsn) held as an unsigned 64-bit value in a {@code long}, written the server's
 * way: two hex halves, {@code "16/B374D848"}. Positions compare unsigned ({@link #compare}); 0 is
 * {@code InvalidXLogRecPtr}, "no position". Stateless.
 */
public final class Lsn {
    public static final long INVALID = 0L;

    private Lsn() {
    }

    /**
     * Parses {@code "X/Y"}.
     *
     * @throws IllegalArgumentException naming the text when it is not an LSN
     */
    public static long parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || slash > 8 || text.length() - slash - 1 > 8) {
            throw new IllegalArgumentException("not an LSN (X/Y in hex): " + text);
        }
        return (hex(text, 0, slash) << 32) | hex(text, slash + 1, text.length());
    }

    public static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xffffffffL).toUpperCase();
    }

    /** Unsigned comparison: negative, zero or positive as {@code a} is before, at or after {@code b}. */
    public static int compare(long a, long b) {
        return Long.compareUnsigned(a, b);
    }

    private static long hex(String s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                throw new IllegalArgumentException("not an LSN (X/Y in hex): " + s);
            }
            v = (v << 4) | d;
        }
        return v;
    }
}
