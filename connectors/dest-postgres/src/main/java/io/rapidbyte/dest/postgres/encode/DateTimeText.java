package io.rapidbyte.dest.postgres.encode;

/**
 * PostgreSQL input text for dates, times, timestamps and intervals given as Arrow numbers
 * (Unix-epoch days and microseconds): proleptic Gregorian calendar, years before 1 as
 * {@code ... BC}, the MAX/MIN sentinels as {@code infinity}/{@code -infinity}. Stateless.
 */
final class DateTimeText {
    static final long MICROS_PER_DAY = 86_400_000_000L;

    private DateTimeText() {
    }

    /** {@code YYYY-MM-DD[ BC]} for days since 1970-01-01. */
    static void date(StringBuilder sb, int unixDays) {
        if (unixDays == Integer.MAX_VALUE) {
            sb.append("infinity");
            return;
        }
        if (unixDays == Integer.MIN_VALUE) {
            sb.append("-infinity");
            return;
        }
        boolean bc = appendCivilDate(sb, unixDays);
        if (bc) {
            sb.append(" BC");
        }
    }

    /** {@code HH:MM:SS.ffffff} for microseconds since midnight (24:00:00 allowed). */
    static void time(StringBuilder sb, long micros) {
        long h = micros / 3_600_000_000L;
        long rest = micros % 3_600_000_000L;
        pad(sb, h, 2);
        sb.append(':');
        pad(sb, rest / 60_000_000L, 2);
        sb.append(':');
        pad(sb, (rest % 60_000_000L) / 1_000_000L, 2);
        sb.append('.');
        pad(sb, rest % 1_000_000L, 6);
    }

    /** {@code YYYY-MM-DD HH:MM:SS.ffffff[+00][ BC]} for microseconds since the Unix epoch. */
    static void timestamp(StringBuilder sb, long unixMicros, boolean withZone) {
        if (unixMicros == Long.MAX_VALUE) {
            sb.append("infinity");
            return;
        }
        if (unixMicros == Long.MIN_VALUE) {
            sb.append("-infinity");
            return;
        }
        long days = Math.floorDiv(unixMicros, MICROS_PER_DAY);
        long micros = Math.floorMod(unixMicros, MICROS_PER_DAY);
        boolean bc = appendCivilDate(sb, days);
        sb.append(' ');
        time(sb, micros);
        if (withZone) {
            sb.append("+00");
        }
        if (bc) {
            sb.append(" BC");
        }
    }

    /** {@code M mons D days [-]H:MM:SS.ffffff}, or +/-infinity for the all-MAX / all-MIN sentinels. */
    static void interval(StringBuilder sb, int months, int days, long micros) {
        if (months == Integer.MAX_VALUE && days == Integer.MAX_VALUE && micros == Long.MAX_VALUE) {
            sb.append("infinity");
            return;
        }
        if (months == Integer.MIN_VALUE && days == Integer.MIN_VALUE && micros == Long.MIN_VALUE) {
            sb.append("-infinity");
            return;
        }
        sb.append(months).append(" mons ").append(days).append(" days ");
        long h = micros / 3_600_000_000L;
        long rest = micros % 3_600_000_000L;
        if (micros < 0) {
            sb.append('-');
            h = -h;
            rest = -rest;
        }
        sb.append(h).append(':');
        pad(sb, rest / 60_000_000L, 2);
        sb.append(':');
        pad(sb, (rest % 60_000_000L) / 1_000_000L, 2);
        sb.append('.');
        pad(sb, rest % 1_000_000L, 6);
    }

    /** Appends YYYY-MM-DD (year of era for BC) and returns whether the date is BC. */
    private static boolean appendCivilDate(StringBuilder sb, long unixDays) {
        long z = unixDays + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097L;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        boolean bc = year <= 0;
        pad(sb, bc ? 1 - year : year, 4);
        sb.append('-');
        pad(sb, month, 2);
        sb.append('-');
        pad(sb, day, 2);
        return bc;
    }

    private static void pad(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
