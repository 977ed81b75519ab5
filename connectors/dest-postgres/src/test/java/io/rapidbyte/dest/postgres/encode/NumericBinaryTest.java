package io.rapidbyte.dest.postgres.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidbyte.postgres.wire.binary.NumericCodec;
import io.rapidbyte.postgres.wire.binary.PgNumeric;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The decimal fast path against the wire client's general numeric encoder (JVM unit test). */
class NumericBinaryTest {
    private final NumericBinary fast = new NumericBinary();

    private String viaFastPath(long hi, long lo, int scale) {
        byte[] b = new byte[NumericBinary.MAX_DECIMAL_BYTES + 64];
        int end = fast.writeDecimal(b, 3, hi, lo, scale);
        return NumericCodec.decode(b, 3, end - 3).toString();
    }

    private static String expected(long lo, int scale) {
        return new PgNumeric().setUnscaled(lo, scale).toString();
    }

    @Test
    void matchesTheGeneralEncoderAndBigDecimal() {
        long[] values = {0, 1, -1, 9, 10, 99, 100, 9999, 10000, -10000, 12345, 999_999_999_999_999L,
            -999_999_999_999_999L, 1_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, 500, 50_000_000};
        for (long v : values) {
            for (int scale = 0; scale <= 20; scale++) {
                String got = viaFastPath(v >> 63, v, scale);
                assertEquals(expected(v, scale), got, v + " scale " + scale);
                assertEquals(new BigDecimal(BigInteger.valueOf(v), scale).toPlainString(), got, v + " scale " + scale);
            }
        }
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long v = random.nextLong() >> random.nextInt(63);
            int scale = random.nextInt(40);
            assertEquals(expected(v, scale), viaFastPath(v >> 63, v, scale), v + " scale " + scale);
        }
    }

    @Test
    void wideAndNegativeScaleValuesTakeTheGeneralPath() {
        BigInteger big = new BigInteger("-170141183460469231731687303715884105728");
        long lo = big.longValue();
        long hi = big.shiftRight(64).longValue();
        assertEquals("-1701411834604692317316873037158841057.28", viaFastPath(hi, lo, 2));
        assertEquals("12300", viaFastPath(0, 123, -2));
    }
}
