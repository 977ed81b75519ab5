package io.rapidbyte.postgres.wire.binary;

/**
 * Binary formats of date, time, timetz, timestamp, timestamptz and interval
 * (integer datetimes, the only kind since PostgreSQL 10), and conversions
 * between PostgreSQL's 2000-01-01 epoch and the Unix epoch.
 *
 * <h2>Infinity</h2>
 * PostgreSQL encodes {@code infinity}/{@code -infinity} as sentinels:
 * <ul>
 *   <li>date: {@link #DATE_POS_INFINITY} ({@code Integer.MAX_VALUE}) and
 *       {@link #DATE_NEG_INFINITY} ({@code Integer.MIN_VALUE}) days;</li>
 *   <li>timestamp/timestamptz: {@link #TIMESTAMP_POS_INFINITY}
 *       ({@code Long.MAX_VALUE}) and {@link #TIMESTAMP_NEG_INFINITY}
 *       ({@code Long.MIN_VALUE}) microseconds;</li>
 *   <li>interval (PostgreSQL 17+): all three fields at their maximum, or all at
 *       their minimum (see {@link PgInterval}).</li>
 * </ul>
 * The epoch conversions map each sentinel to the same sentinel on the other
 * side, so infinity survives a PostgreSQL → Unix → PostgreSQL round trip as long
 * as the consumer keeps the sentinel (an Arrow date32/timestamp column simply
 * holds {@code MAX_VALUE}/{@code MIN_VALUE}). A finite value whose shifted form
 * would overflow or collide with a sentinel is refused with
 * {@link BinaryFormatException} instead of silently becoming infinity: that
 * only happens for timestamps after about year 294247, which PostgreSQL accepts
 * (up to 294276) but int64 Unix microseconds cannot hold.
 *
 * <p>timestamptz values are UTC instants; timestamp values are wall-clock times
 * with the same encoding. Stateless; thread-safe.
 */
public final class TemporalCodec {

    public static final int DATE_POS_INFINITY = Integer.MAX_VALUE;
    public static final int DATE_NEG_INFINITY = Integer.MIN_VALUE;
    public static final long TIMESTAMP_POS_INFINITY = Long.MAX_VALUE;
    public static final long TIMESTAMP_NEG_INFINITY = Long.MIN_VALUE;

    /** Days from 1970-01-01 to 2000-01-01. */
    public static final int UNIX_TO_PG_EPOCH_DAYS = 10957;
    /** Microseconds from 1970-01-01T00:00Z to 2000-01-01T00:00Z. */
    public static final long UNIX_TO_PG_EPOCH_MICROS = 946_684_800_000_000L;
    public static final long MICROS_PER_DAY = 86_400_000_000L;

    private TemporalCodec() {
    }

    /** date: days since 2000-01-01, or an infinity sentinel. */
    public static int date(byte[] b, int off, int len) {
        BinaryFormatException.checkLength("date", len, 4);
        return BigEndian.int32(b, off);
    }

    /** time: microseconds since midnight (0 to 86 400 000 000 inclusive: 24:00:00 is valid). */
    public static long time(byte[] b, int off, int len) {
        BinaryFormatException.checkLength("time", len, 8);
        return BigEndian.int64(b, off);
    }

    /** timetz: local time of day in microseconds (first 8 of its 12 bytes). */
    public static long timetzMicros(byte[] b, int off, int len) {
        BinaryFormatException.checkLength("timetz", len, 12);
        return BigEndian.int64(b, off);
    }

    /**
     * timetz: the UTC offset in seconds, east positive (e.g. +3600 for +01:00).
     * PostgreSQL stores it west-positive; this method flips it.
     */
    public static int timetzOffsetSeconds(byte[] b, int off, int len) {
        BinaryFormatException.checkLength("timetz", len, 12);
        return -BigEndian.int32(b, off + 8);
    }

    /** timestamp/timestamptz: microseconds since 2000-01-01 00:00, or an infinity sentinel. */
    public static long timestamp(byte[] b, int off, int len) {
        BinaryFormatException.checkLength("timestamp", len, 8);
        return BigEndian.int64(b, off);
    }

    public static PgInterval interval(byte[] b, int off, int len) {
        BinaryFormatException.checkLength("interval", len, 16);
        return new PgInterval(BigEndian.int32(b, off + 12), BigEndian.int32(b, off + 8), BigEndian.int64(b, off));
    }

    /** interval's time part in microseconds, without allocating. */
    public static long intervalMicros(byte[] b, int off, int len) {
        BinaryFormatException.checkLength("interval", len, 16);
        return BigEndian.int64(b, off);
    }

    public static int intervalDays(byte[] b, int off, int len) {
        BinaryFormatException.checkLength("interval", len, 16);
        return BigEndian.int32(b, off + 8);
    }

    public static int intervalMonths(byte[] b, int off, int len) {
        BinaryFormatException.checkLength("interval", len, 16);
        return BigEndian.int32(b, off + 12);
    }

    public static boolean isDateInfinite(int pgDays) {
        return pgDays == DATE_POS_INFINITY || pgDays == DATE_NEG_INFINITY;
    }

    public static boolean isTimestampInfinite(long micros) {
        return micros == TIMESTAMP_POS_INFINITY || micros == TIMESTAMP_NEG_INFINITY;
    }

    /** PostgreSQL days to Unix epoch days; sentinels map to themselves. */
    public static int dateToUnixDays(int pgDays) {
        if (isDateInfinite(pgDays)) {
            return pgDays;
        }
        return checkedDays((long) pgDays + UNIX_TO_PG_EPOCH_DAYS);
    }

    /** Unix epoch days to PostgreSQL days; sentinels map to themselves. */
    public static int unixDaysToDate(int unixDays) {
        if (isDateInfinite(unixDays)) {
            return unixDays;
        }
        return checkedDays((long) unixDays - UNIX_TO_PG_EPOCH_DAYS);
    }

    /** PostgreSQL microseconds to Unix epoch microseconds; sentinels map to themselves. */
    public static long timestampToUnixMicros(long pgMicros) {
        if (isTimestampInfinite(pgMicros)) {
            return pgMicros;
        }
        return checkedAdd(pgMicros, UNIX_TO_PG_EPOCH_MICROS);
    }

    /** Unix epoch microseconds to PostgreSQL microseconds; sentinels map to themselves. */
    public static long unixMicrosToTimestamp(long unixMicros) {
        if (isTimestampInfinite(unixMicros)) {
            return unixMicros;
        }
        return checkedAdd(unixMicros, -UNIX_TO_PG_EPOCH_MICROS);
    }

    private static int checkedDays(long v) {
        if (v >= Integer.MAX_VALUE || v <= Integer.MIN_VALUE) {
            throw new BinaryFormatException("date outside the representable range");
        }
        return (int) v;
    }

    private static long checkedAdd(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0 || isTimestampInfinite(r)) {
            throw new BinaryFormatException("timestamp outside the range of int64 microseconds since 1970");
        }
        return r;
    }
}
