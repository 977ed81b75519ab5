package io.rapidbyte.postgres.wire;

import io.rapidbyte.postgres.wire.binary.NetworkCodec;
import io.rapidbyte.postgres.wire.binary.NumericCodec;
import io.rapidbyte.postgres.wire.binary.PgInterval;
import io.rapidbyte.postgres.wire.binary.PgOids;
import io.rapidbyte.postgres.wire.binary.ScalarCodec;
import io.rapidbyte.postgres.wire.binary.TemporalCodec;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Test oracle: decodes a binary value with the library's codecs and checks it
 * against the server's own text output of the same value (DateStyle ISO,
 * TimeZone UTC, IntervalStyle iso_8601, extra_float_digits 3).
 */
final class PgTextRenderer {

    private static final LocalDate PG_EPOCH = LocalDate.of(2000, 1, 1);

    private PgTextRenderer() {
    }

    static void assertMatches(String where, int oid, byte[] b, int off, int len, String serverText) {
        switch (oid) {
            case PgOids.FLOAT4: {
                float v = ScalarCodec.float4(b, off, len);
                assertEquals(0, Float.compare(Float.parseFloat(serverText), v), where + ": " + serverText + " vs " + v);
                return;
            }
            case PgOids.FLOAT8: {
                double v = ScalarCodec.float8(b, off, len);
                assertEquals(0, Double.compare(Double.parseDouble(serverText), v), where + ": " + serverText + " vs " + v);
                return;
            }
            default:
                assertEquals(serverText, render(oid, b, off, len), where);
        }
    }

    static String render(int oid, byte[] b, int off, int len) {
        switch (oid) {
            case PgOids.BOOL:
                return ScalarCodec.bool(b, off, len) ? "t" : "f";
            case PgOids.INT2:
                return Short.toString(ScalarCodec.int2(b, off, len));
            case PgOids.INT4:
                return Integer.toString(ScalarCodec.int4(b, off, len));
            case PgOids.INT8:
                return Long.toString(ScalarCodec.int8(b, off, len));
            case PgOids.OID:
                return Long.toString(ScalarCodec.oid(b, off, len));
            case PgOids.TEXT:
            case PgOids.VARCHAR:
            case PgOids.BPCHAR:
            case PgOids.NAME:
            case PgOids.JSON:
                return ScalarCodec.text(b, off, len);
            case PgOids.JSONB:
                return ScalarCodec.jsonb(b, off, len);
            case PgOids.BYTEA:
                return "\\x" + io.rapidbyte.postgres.wire.crypto.Hex.encode(b, off, len);
            case PgOids.UUID:
                return ScalarCodec.uuidText(b, off, len);
            case PgOids.NUMERIC:
                return NumericCodec.decode(b, off, len).toString();
            case PgOids.INET:
            case PgOids.CIDR:
                return NetworkCodec.inetText(b, off, len);
            case PgOids.MACADDR:
            case PgOids.MACADDR8:
                return NetworkCodec.macText(b, off, len);
            case PgOids.DATE:
                return date(TemporalCodec.date(b, off, len));
            case PgOids.TIME:
                return time(TemporalCodec.time(b, off, len));
            case PgOids.TIMETZ:
                return time(TemporalCodec.timetzMicros(b, off, len)) + zone(TemporalCodec.timetzOffsetSeconds(b, off, len));
            case PgOids.TIMESTAMP:
                return timestamp(TemporalCodec.timestamp(b, off, len), false);
            case PgOids.TIMESTAMPTZ:
                return timestamp(TemporalCodec.timestamp(b, off, len), true);
            case PgOids.INTERVAL:
                return isoInterval(TemporalCodec.interval(b, off, len));
            default:
                throw new IllegalArgumentException("no renderer for oid " + oid);
        }
    }

    static String date(int pgDays) {
        if (pgDays == TemporalCodec.DATE_POS_INFINITY) {
            return "infinity";
        }
        if (pgDays == TemporalCodec.DATE_NEG_INFINITY) {
            return "-infinity";
        }
        LocalDate d = PG_EPOCH.plusDays(pgDays);
        return ymd(d) + (d.getYear() <= 0 ? " BC" : "");
    }

    static String timestamp(long pgMicros, boolean tz) {
        if (pgMicros == TemporalCodec.TIMESTAMP_POS_INFINITY) {
            return "infinity";
        }
        if (pgMicros == TemporalCodec.TIMESTAMP_NEG_INFINITY) {
            return "-infinity";
        }
        LocalDateTime t = PG_EPOCH.atStartOfDay().plus(pgMicros, ChronoUnit.MICROS);
        long micros = t.toLocalTime().toNanoOfDay() / 1000;
        return ymd(t.toLocalDate()) + " " + time(micros) + (tz ? "+00" : "")
                + (t.getYear() <= 0 ? " BC" : "");
    }

    static String time(long micros) {
        long secs = micros / 1_000_000;
        long frac = micros % 1_000_000;
        StringBuilder sb = new StringBuilder();
        sb.append(two(secs / 3600)).append(':').append(two(secs / 60 % 60)).append(':').append(two(secs % 60));
        appendFraction(sb, frac);
        return sb.toString();
    }

    static String zone(int offsetEast) {
        int a = Math.abs(offsetEast);
        StringBuilder sb = new StringBuilder(offsetEast >= 0 ? "+" : "-");
        sb.append(two(a / 3600));
        if (a % 3600 != 0) {
            sb.append(':').append(two(a / 60 % 60));
            if (a % 60 != 0) {
                sb.append(':').append(two(a % 60));
            }
        }
        return sb.toString();
    }

    /** IntervalStyle iso_8601, as the server prints it. */
    static String isoInterval(PgInterval i) {
        if (i.isPositiveInfinity()) {
            return "infinity";
        }
        if (i.isNegativeInfinity()) {
            return "-infinity";
        }
        int year = i.months() / 12;
        int mon = i.months() % 12;
        long hour = i.micros() / 3_600_000_000L;
        long min = i.micros() / 60_000_000L % 60;
        long sec = i.micros() / 1_000_000L % 60;
        long fsec = i.micros() % 1_000_000L;
        if (year == 0 && mon == 0 && i.days() == 0 && hour == 0 && min == 0 && sec == 0 && fsec == 0) {
            return "PT0S";
        }
        StringBuilder sb = new StringBuilder("P");
        part(sb, year, 'Y');
        part(sb, mon, 'M');
        part(sb, i.days(), 'D');
        if (hour != 0 || min != 0 || sec != 0 || fsec != 0) {
            sb.append('T');
        }
        part(sb, hour, 'H');
        part(sb, min, 'M');
        if (sec != 0 || fsec != 0) {
            if (sec < 0 || fsec < 0) {
                sb.append('-');
            }
            sb.append(Math.abs(sec));
            appendFraction(sb, Math.abs(fsec));
            sb.append('S');
        }
        return sb.toString();
    }

    private static void part(StringBuilder sb, long v, char unit) {
        if (v != 0) {
            sb.append(v).append(unit);
        }
    }

    private static void appendFraction(StringBuilder sb, long frac) {
        if (frac != 0) {
            String f = String.format("%06d", frac);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
    }

    private static String ymd(LocalDate d) {
        int y = d.getYear() <= 0 ? 1 - d.getYear() : d.getYear();
        return String.format("%04d-%02d-%02d", y, d.getMonthValue(), d.getDayOfMonth());
    }

    private static String two(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }
}
