package io.rapidbyte.dest.postgres.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Text forms for the INSERT path against java.time (proleptic Gregorian, like PostgreSQL). */
class DateTimeTextTest {
    private static String date(int days) {
        StringBuilder sb = new StringBuilder();
        DateTimeText.date(sb, days);
        return sb.toString();
    }

    private static String ts(long micros, boolean zone) {
        StringBuilder sb = new StringBuilder();
        DateTimeText.timestamp(sb, micros, zone);
        return sb.toString();
    }

    @Test
    void datesMatchJavaTimeIncludingBcAndInfinity() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            int days = random.nextInt(2 * 3_000_000) - 3_000_000;
            LocalDate d = LocalDate.ofEpochDay(days);
            int year = d.getYear();
            String want = year > 0 ? String.format("%04d-%02d-%02d", year, d.getMonthValue(), d.getDayOfMonth())
                    : String.format("%04d-%02d-%02d BC", 1 - year, d.getMonthValue(), d.getDayOfMonth());
            assertEquals(want, date(days));
        }
        assertEquals("infinity", date(Integer.MAX_VALUE));
        assertEquals("-infinity", date(Integer.MIN_VALUE));
        assertEquals("4713-01-01 BC", date((int) LocalDate.of(-4712, 1, 1).toEpochDay()));
    }

    @Test
    void timestampsMatchJavaTime() {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
        Random random = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            long micros = random.nextLong() % 8_000_000_000_000_000L;
            LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
            if (t.getYear() <= 0) {
                continue;
            }
            assertEquals(t.format(f), ts(micros, false));
            assertEquals(t.format(f) + "+00", ts(micros, true));
        }
        assertEquals("1969-12-31 23:59:59.999999", ts(-1, false));
        assertEquals("infinity", ts(Long.MAX_VALUE, true));
    }

    @Test
    void intervalsAndTimes() {
        StringBuilder sb = new StringBuilder();
        DateTimeText.interval(sb, -1, -2, 3 * 3_600_000_000L);
        assertEquals("-1 mons -2 days 3:00:00.000000", sb.toString());
        sb.setLength(0);
        DateTimeText.interval(sb, 0, 0, -500_000);
        assertEquals("0 mons 0 days -0:00:00.500000", sb.toString());
        sb.setLength(0);
        DateTimeText.time(sb, 86_400_000_000L);
        assertEquals("24:00:00.000000", sb.toString());
        assertEquals(Long.MAX_VALUE, Encoding.intervalMicros(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(Long.MIN_VALUE, Encoding.intervalMicros(Integer.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE));
        assertEquals(-2, Encoding.intervalMicros(0, 0, -2_000));
        assertEquals(Long.MAX_VALUE / 1000, Encoding.intervalMicros(0, 0, Long.MAX_VALUE / 1000 * 1000));
        // sub-microsecond parts are refused, never rounded
        assertThrows(IllegalArgumentException.class, () -> Encoding.intervalMicros(0, 0, 1_500));
        assertThrows(IllegalArgumentException.class, () -> Encoding.intervalMicros(0, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> Encoding.intervalMicros(Integer.MAX_VALUE, 0, Long.MAX_VALUE));
    }
}
