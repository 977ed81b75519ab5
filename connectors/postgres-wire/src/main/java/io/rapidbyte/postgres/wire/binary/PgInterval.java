package io.rapidbyte.postgres.wire.binary;

/**
 * A PostgreSQL interval: months, days and microseconds kept apart, because a
 * month has no fixed number of days and a day (across DST) no fixed number of
 * microseconds. This matches Arrow's month-day-nano interval (nanos = micros ×
 * 1000).
 *
 * <p>PostgreSQL 17 added {@code infinity}/{@code -infinity} intervals, encoded as
 * all fields at MAX or all at MIN; {@link #isPositiveInfinity()} and
 * {@link #isNegativeInfinity()} recognise them. Immutable; thread-safe.
 */
public final class PgInterval {

    public static final PgInterval POSITIVE_INFINITY =
            new PgInterval(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);
    public static final PgInterval NEGATIVE_INFINITY =
            new PgInterval(Integer.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE);

    private final int months;
    private final int days;
    private final long micros;

    public PgInterval(int months, int days, long micros) {
        this.months = months;
        this.days = days;
        this.micros = micros;
    }

    public int months() {
        return months;
    }

    public int days() {
        return days;
    }

    public long micros() {
        return micros;
    }

    public boolean isPositiveInfinity() {
        return months == Integer.MAX_VALUE && days == Integer.MAX_VALUE && micros == Long.MAX_VALUE;
    }

    public boolean isNegativeInfinity() {
        return months == Integer.MIN_VALUE && days == Integer.MIN_VALUE && micros == Long.MIN_VALUE;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PgInterval)) {
            return false;
        }
        PgInterval i = (PgInterval) o;
        return months == i.months && days == i.days && micros == i.micros;
    }

    @Override
    public int hashCode() {
        return (months * 31 + days) * 31 + (int) (micros ^ (micros >>> 32));
    }

    /** "N months D days M micros", or "infinity"/"-infinity". */
    @Override
    public String toString() {
        if (isPositiveInfinity()) {
            return "infinity";
        }
        if (isNegativeInfinity()) {
            return "-infinity";
        }
        return months + " months " + days + " days " + micros + " micros";
    }
}
