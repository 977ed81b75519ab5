package io.rapidbyte.source.postgres.decode;

import io.rapidbyte.postgres.wire.binary.TemporalCodec;
import io.rapidbyte.postgres.wire.crypto.Hex;

/**
 * Parsers for PostgreSQL's output text of the natively mapped types, as every session of ours
 * prints it ({@code DateStyle ISO}, {@code IntervalStyle postgres}, {@code TimeZone UTC}: fixed
 * by postgres-wire's startup packet), into the values the binary decoders produce: integers,
 * Unix days and microseconds with PostgreSQL's infinity sentinels, month-day-microsecond
 * intervals. Anything else is an {@link IllegalArgumentException} quoting the text (the row
 * decoder names the column). Stateless.
 */
final class TextValues {
    static final long MICROS_PER_SECOND = 1_000_000L;

    private TextValues() {
    }

    /** A signed decimal integer in {@code [min, max]}. */
    static long integer(byte[] b, int off, int len, long min, long max, String type) {
        int p = off;
        int end = off + len;
        boolean negative = p < end && b[p] == '-';
        if (negative) {
            p++;
        }
        if (p == end) {
            throw malformed(type, b, off, len);
        }
        long v = 0;
        for (; p < end; p++) {
            int d = b[p] - '0';
            if (d < 0 || d > 9 || v < Long.MIN_VALUE / 10 || v * 10 < Long.MIN_VALUE + d) {
                throw malformed(type, b, off, len);
            }
            v = v * 10 - d; // accumulated negative: Long.MIN_VALUE has no positive twin
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                throw malformed(type, b, off, len);
            }
            v = -v;
        }
        if (v < min || v > max) {
            throw malformed(type, b, off, len);
        }
        return v;
    }

    static boolean bool(byte[] b, int off, int len) {
        if (len == 1 && (b[off] == 't' || b[off] == 'f')) {
            return b[off] == 't';
        }
        throw malformed("bool", b, off, len);
    }

    /** {@code YYYY-MM-DD[ BC]}, {@code infinity}, {@code -infinity}: Unix days, or INT32 max/min. */
    static int date(byte[] b, int off, int len) {
        if (is(b, off, len, "infinity")) {
            return TemporalCodec.DATE_POS_INFINITY;
        }
        if (is(b, off, len, "-infinity")) {
            return TemporalCodec.DATE_NEG_INFINITY;
        }
        boolean bc = endsWithBc(b, off, len);
        int end = off + len - (bc ? 3 : 0);
        int dateEnd = dateEnd(b, off, end, "date");
        if (dateEnd != end) {
            throw malformed("date", b, off, len);
        }
        long days = civilDays(b, off, dateEnd, bc, "date");
        if (days < Integer.MIN_VALUE + 1 || days > Integer.MAX_VALUE - 1) {
            throw malformed("date", b, off, len);
        }
        return (int) days;
    }

    /** {@code HH:MM:SS[.ffffff]} (24:00:00 allowed): microseconds of the day. */
    static long time(byte[] b, int off, int len) {
        long micros = clock(b, off, off + len, "time");
        if (micros > TemporalCodec.MICROS_PER_DAY) {
            throw malformed("time", b, off, len);
        }
        return micros;
    }

    /**
     * timestamp ({@code withZone} false) or timestamptz text: Unix microseconds, INT64 max/min for
     * ±infinity. A finite value whose Unix microseconds do not fit (or would equal a sentinel)
     * fails, as the binary decoder does.
     */
    static long timestamp(byte[] b, int off, int len, boolean withZone) {
        String type = withZone ? "timestamptz" : "timestamp";
        if (is(b, off, len, "infinity")) {
            return TemporalCodec.TIMESTAMP_POS_INFINITY;
        }
        if (is(b, off, len, "-infinity")) {
            return TemporalCodec.TIMESTAMP_NEG_INFINITY;
        }
        boolean bc = endsWithBc(b, off, len);
        int end = off + len - (bc ? 3 : 0);
        int dateEnd = dateEnd(b, off, end, type);
        if (dateEnd >= end || b[dateEnd] != ' ') {
            throw malformed(type, b, off, len);
        }
        long days = civilDays(b, off, dateEnd, bc, type);
        int clockStart = dateEnd + 1;
        int clockEnd = clockStart;
        while (clockEnd < end && b[clockEnd] != '+' && b[clockEnd] != '-') {
            clockEnd++;
        }
        if (withZone == (clockEnd == end)) {
            throw malformed(type, b, off, len);
        }
        long micros = clock(b, clockStart, clockEnd, type);
        long offsetSeconds = withZone ? zoneOffset(b, clockEnd, end, type) : 0;
        long unix = Math.addExact(Math.multiplyExact(days, TemporalCodec.MICROS_PER_DAY), micros);
        unix = Math.subtractExact(unix, offsetSeconds * MICROS_PER_SECOND);
        if (TemporalCodec.isTimestampInfinite(unix)) {
            throw new ArithmeticException(type + " " + ascii(b, off, len) + " is beyond int64 microseconds");
        }
        return unix;
    }

    /**
     * Interval text in the {@code postgres} style ({@code 1 year 2 mons -3 days +04:05:06.5},
     * {@code infinity}) into {@code {months, days, micros}}; ±infinity is every field at max/min.
     */
    static void interval(byte[] b, int off, int len, long[] out) {
        if (is(b, off, len, "infinity") || is(b, off, len, "-infinity")) {
            boolean negative = b[off] == '-';
            out[0] = negative ? Integer.MIN_VALUE : Integer.MAX_VALUE;
            out[1] = out[0];
            out[2] = negative ? Long.MIN_VALUE : Long.MAX_VALUE;
            return;
        }
        long months = 0;
        long days = 0;
        long micros = 0;
        int end = off + len;
        int p = off;
        while (p < end) {
            int tokenEnd = p;
            while (tokenEnd < end && b[tokenEnd] != ' ') {
                tokenEnd++;
            }
            if (indexOf(b, p, tokenEnd, ':') >= 0) {
                boolean negative = b[p] == '-';
                int start = b[p] == '-' || b[p] == '+' ? p + 1 : p;
                long t = clock(b, start, tokenEnd, "interval");
                micros = negative ? -t : t;
                p = tokenEnd + 1;
                continue;
            }
            int numberStart = b[p] == '+' ? p + 1 : p; // "+3 days" after a negative part
            long n = integer(b, numberStart, tokenEnd - numberStart, Integer.MIN_VALUE, Integer.MAX_VALUE, "interval");
            int unitStart = tokenEnd + 1;
            int unitEnd = unitStart;
            while (unitEnd < end && b[unitEnd] != ' ') {
                unitEnd++;
            }
            if (unit(b, unitStart, unitEnd, "year")) {
                months += n * 12;
            } else if (unit(b, unitStart, unitEnd, "mon")) {
                months += n;
            } else if (unit(b, unitStart, unitEnd, "day")) {
                days += n;
            } else {
                throw malformed("interval", b, off, len);
            }
            p = unitEnd + 1;
        }
        if (months < Integer.MIN_VALUE || months > Integer.MAX_VALUE || days < Integer.MIN_VALUE
                || days > Integer.MAX_VALUE) {
            throw malformed("interval", b, off, len);
        }
        out[0] = months;
        out[1] = days;
        out[2] = micros;
    }

    /** {@code 8-4-4-4-12} hex digits into {@code out[0..16)}. */
    static void uuid(byte[] b, int off, int len, byte[] out) {
        if (len != 36 || b[off + 8] != '-' || b[off + 13] != '-' || b[off + 18] != '-' || b[off + 23] != '-') {
            throw malformed("uuid", b, off, len);
        }
        int o = 0;
        for (int p = off; p < off + len; p++) {
            if (b[p] == '-') {
                continue;
            }
            out[o++] = (byte) (hex(b[p], b, off, len) << 4 | hex(b[p + 1], b, off, len));
            p++;
        }
    }

    /** bytea in the {@code hex} ({@code \x0a0b}) or {@code escape} output form; returns the byte count. */
    static int bytea(byte[] b, int off, int len, byte[] out) {
        if (len >= 2 && b[off] == '\\' && b[off + 1] == 'x') {
            if ((len & 1) != 0) {
                throw malformed("bytea", b, off, len);
            }
            int n = 0;
            for (int p = off + 2; p < off + len; p += 2) {
                out[n++] = (byte) (hex(b[p], b, off, len) << 4 | hex(b[p + 1], b, off, len));
            }
            return n;
        }
        int n = 0;
        for (int p = off; p < off + len; p++) {
            if (b[p] != '\\') {
                out[n++] = b[p];
            } else if (p + 1 < off + len && b[p + 1] == '\\') {
                out[n++] = '\\';
                p++;
            } else if (p + 3 < off + len && octal(b[p + 1]) && octal(b[p + 2]) && octal(b[p + 3])) {
                out[n++] = (byte) ((b[p + 1] - '0') << 6 | (b[p + 2] - '0') << 3 | (b[p + 3] - '0'));
                p += 3;
            } else {
                throw malformed("bytea", b, off, len);
            }
        }
        return n;
    }

    /** The text as characters, for messages (values are ASCII here; others show as U+FFFD-free bytes). */
    static String ascii(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(Math.min(len, 80));
        for (int i = off; i < off + len && i < off + 80; i++) {
            sb.append((char) (b[i] & 0xff));
        }
        return len > 80 ? sb.append("...").toString() : sb.toString();
    }

    // --- pieces -------------------------------------------------------------------------------

    /** End of {@code Y+-MM-DD} starting at {@code off}. */
    private static int dateEnd(byte[] b, int off, int end, String type) {
        int p = off;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        if (p - off < 4 || p + 6 > end || b[p] != '-' || b[p + 3] != '-') {
            throw malformed(type, b, off, end - off);
        }
        return p + 6;
    }

    /** Unix days of the ISO date {@code b[off, dateEnd)}, a BC year being {@code 1 - year}. */
    private static long civilDays(byte[] b, int off, int dateEnd, boolean bc, String type) {
        long year = integer(b, off, dateEnd - 6 - off, 0, 99_999_999, type);
        int month = (int) integer(b, dateEnd - 5, 2, 1, 12, type);
        int day = (int) integer(b, dateEnd - 2, 2, 1, 31, type);
        if (bc) {
            year = 1 - year;
        }
        // Days from civil (proleptic Gregorian), with floor division for years before 1.
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long mp = (month + 9) % 12;
        long doy = (153 * mp + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /** {@code H+:MM:SS[.f{1,6}]}: microseconds. */
    private static long clock(byte[] b, int off, int end, String type) {
        int c1 = indexOf(b, off, end, ':');
        if (c1 < 0 || c1 + 6 > end || b[c1 + 3] != ':') {
            throw malformed(type, b, off, end - off);
        }
        long hours = integer(b, off, c1 - off, 0, Long.MAX_VALUE / 3_600_000_000L, type);
        long minutes = integer(b, c1 + 1, 2, 0, 59, type);
        long seconds = integer(b, c1 + 4, 2, 0, 60, type);
        long fraction = 0;
        int p = c1 + 6;
        if (p < end) {
            if (b[p] != '.' || end - p - 1 < 1 || end - p - 1 > 6) {
                throw malformed(type, b, off, end - off);
            }
            fraction = integer(b, p + 1, end - p - 1, 0, 999_999, type);
            for (int digits = end - p - 1; digits < 6; digits++) {
                fraction *= 10;
            }
        }
        long micros = Math.multiplyExact(hours, 3_600_000_000L);
        return Math.addExact(micros, (minutes * 60 + seconds) * MICROS_PER_SECOND + fraction);
    }

    /** {@code ±HH[:MM[:SS]]}: seconds east of UTC. */
    private static long zoneOffset(byte[] b, int off, int end, String type) {
        boolean negative = b[off] == '-';
        int n = end - off - 1;
        if (n != 2 && n != 5 && n != 8) {
            throw malformed(type, b, off, end - off);
        }
        long seconds = integer(b, off + 1, 2, 0, 15, type) * 3600;
        if (n >= 5) {
            if (b[off + 3] != ':') {
                throw malformed(type, b, off, end - off);
            }
            seconds += integer(b, off + 4, 2, 0, 59, type) * 60;
        }
        if (n == 8) {
            if (b[off + 6] != ':') {
                throw malformed(type, b, off, end - off);
            }
            seconds += integer(b, off + 7, 2, 0, 59, type);
        }
        return negative ? -seconds : seconds;
    }

    private static boolean unit(byte[] b, int off, int end, String unit) {
        int n = end - off;
        if (n != unit.length() && n != unit.length() + 1) {
            return false;
        }
        for (int i = 0; i < unit.length(); i++) {
            if (b[off + i] != unit.charAt(i)) {
                return false;
            }
        }
        return n == unit.length() || b[off + unit.length()] == 's';
    }

    private static boolean endsWithBc(byte[] b, int off, int len) {
        return len > 3 && b[off + len - 3] == ' ' && b[off + len - 2] == 'B' && b[off + len - 1] == 'C';
    }

    static boolean is(byte[] b, int off, int len, String word) {
        if (len != word.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[off + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, int off, int end, char c) {
        for (int i = off; i < end; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** One hex digit's value (postgres-wire's {@link Hex#digit}), or a malformed-value error naming the text. */
    private static int hex(byte c, byte[] b, int off, int len) {
        int d = Hex.digit((char) c);
        if (d < 0) {
            throw malformed("hex", b, off, len);
        }
        return d;
    }

    private static boolean octal(byte c) {
        return c >= '0' && c <= '7';
    }

    // Out of line and never inlined (TeaVM does not inline synchronized methods): failure only.
    static synchronized IllegalArgumentException malformed(String type, byte[] b, int off, int len) {
        return new IllegalArgumentException("not a " + type + " in PostgreSQL's text form: \""
                + ascii(b, off, len) + "\"");
    }
}
