package io.rapidbyte.postgres.wire.binary;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemporalAndScalarCodecTest {

    @Test
    void epochConversionsAndSentinels() {
        assertEquals(LocalDate.of(2000, 1, 1).toEpochDay(), TemporalCodec.dateToUnixDays(0));
        assertEquals(0, TemporalCodec.unixDaysToDate((int) LocalDate.of(2000, 1, 1).toEpochDay()));
        assertEquals(Integer.MAX_VALUE, TemporalCodec.dateToUnixDays(TemporalCodec.DATE_POS_INFINITY));
        assertEquals(Integer.MIN_VALUE, TemporalCodec.unixDaysToDate(TemporalCodec.DATE_NEG_INFINITY));
        long micros = ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0),
                LocalDateTime.of(2000, 1, 1, 0, 0));
        assertEquals(micros, TemporalCodec.UNIX_TO_PG_EPOCH_MICROS);
        assertEquals(micros, TemporalCodec.timestampToUnixMicros(0));
        assertEquals(Long.MAX_VALUE, TemporalCodec.timestampToUnixMicros(Long.MAX_VALUE));
        assertEquals(Long.MIN_VALUE, TemporalCodec.unixMicrosToTimestamp(Long.MIN_VALUE));
        // PostgreSQL's latest timestamp (294276-12-31 23:59:59.999999) does not fit Unix int64 micros.
        long pgMax = 9223371331199999999L;
        assertThrows(BinaryFormatException.class, () -> TemporalCodec.timestampToUnixMicros(pgMax));
        // Its earliest (4713-11-24 BC) does.
        long pgMin = -211813488000000000L;
        assertEquals(pgMin + micros, TemporalCodec.timestampToUnixMicros(pgMin));
        assertThrows(BinaryFormatException.class, () -> TemporalCodec.unixMicrosToTimestamp(Long.MIN_VALUE + 1));
        Random r = new Random(3);
        for (int i = 0; i < 1000; i++) {
            long t = r.nextLong() / 4;
            assertEquals(t, TemporalCodec.unixMicrosToTimestamp(TemporalCodec.timestampToUnixMicros(t)));
            int d = r.nextInt(100_000_000) - 50_000_000;
            assertEquals(d, TemporalCodec.unixDaysToDate(TemporalCodec.dateToUnixDays(d)));
        }
        assertTrue(TemporalCodec.isTimestampInfinite(Long.MIN_VALUE));
        assertFalse(TemporalCodec.isDateInfinite(0));
    }

    @Test
    void fixedWidthDecodersCheckLengths() {
        byte[] b = new byte[16];
        BigEndian.putInt64(b, 0, 5_000_000L);
        BigEndian.putInt32(b, 8, -3600);
        assertEquals(5_000_000L, TemporalCodec.timetzMicros(b, 0, 12));
        assertEquals(3600, TemporalCodec.timetzOffsetSeconds(b, 0, 12));
        BigEndian.putInt64(b, 0, 7);
        BigEndian.putInt32(b, 8, 2);
        BigEndian.putInt32(b, 12, 1);
        assertEquals(new PgInterval(1, 2, 7), TemporalCodec.interval(b, 0, 16));
        assertEquals("1 months 2 days 7 micros", TemporalCodec.interval(b, 0, 16).toString());
        assertTrue(PgInterval.POSITIVE_INFINITY.isPositiveInfinity());
        assertEquals("-infinity", PgInterval.NEGATIVE_INFINITY.toString());
        assertThrows(BinaryFormatException.class, () -> ScalarCodec.int4(b, 0, 8));
        assertThrows(BinaryFormatException.class, () -> TemporalCodec.date(b, 0, 8));
        assertThrows(BinaryFormatException.class, () -> ScalarCodec.uuidText(b, 0, 15));
        byte[] j = {2, '{', '}'};
        assertThrows(BinaryFormatException.class, () -> ScalarCodec.jsonb(j, 0, 3));
        j[0] = 1;
        assertEquals("{}", ScalarCodec.jsonb(j, 0, 3));
    }

    @Test
    void uuidTextRoundTrip() {
        java.util.UUID u = java.util.UUID.randomUUID();
        byte[] b = new byte[16];
        ScalarCodec.parseUuid(u.toString().toUpperCase(), b, 0);
        assertEquals(u.toString(), ScalarCodec.uuidText(b, 0, 16));
        assertEquals(u.getMostSignificantBits(), ScalarCodec.uuidHigh(b, 0, 16));
        assertEquals(u.getLeastSignificantBits(), ScalarCodec.uuidLow(b, 0, 16));
        assertThrows(BinaryFormatException.class, () -> ScalarCodec.parseUuid("not-a-uuid", b, 0));
    }

}
