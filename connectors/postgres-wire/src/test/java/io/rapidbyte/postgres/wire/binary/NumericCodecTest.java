package io.rapidbyte.postgres.wire.binary;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumericCodecTest {

    private static byte[] encode(PgNumeric n) {
        byte[] b = new byte[NumericCodec.encodedLength(n)];
        assertEquals(b.length, NumericCodec.encode(n, b, 0));
        return b;
    }

    private static PgNumeric roundTrip(PgNumeric n) {
        byte[] b = encode(n);
        return NumericCodec.decode(b, 0, b.length);
    }

    private static BigInteger unscaled(PgNumeric n) {
        BigInteger hi = BigInteger.valueOf(n.unscaledHigh()).shiftLeft(64);
        BigInteger lo = new BigInteger(Long.toUnsignedString(n.unscaledLow()));
        return hi.add(lo);
    }

    @Test
    void textRoundTripsInPostgresFormat() {
        String[][] cases = {
            {"0", "0"}, {"0.00", "0.00"}, {"-0", "0"}, {"1", "1"}, {"-1", "-1"}, {"12345678", "12345678"},
            {"10000", "10000"}, {"0.0001", "0.0001"}, {"0.00001", "0.00001"}, {"1.5", "1.5"},
            {"-12.500", "-12.500"}, {"123456789.987654321", "123456789.987654321"},
            {"1e5", "100000"}, {"1.23e-3", "0.00123"}, {"+7", "7"}, {"1E+2", "100"},
            {"99999999999999999999999999999999999999", "99999999999999999999999999999999999999"},
            {"0.000000000000000000000000000000000001", "0.000000000000000000000000000000000001"},
            {".5", "0.5"}, {"5.", "5"},
            {"nan", "NaN"}, {"NaN", "NaN"}, {"Infinity", "Infinity"}, {"-inf", "-Infinity"},
        };
        for (String[] c : cases) {
            PgNumeric n = new PgNumeric().setText(c[0]);
            assertEquals(c[1], n.toString(), c[0]);
            assertEquals(c[1], roundTrip(n).toString(), c[0]);
        }
        for (String bad : new String[] {"", "abc", "1.2.3", "1e", "--1", "1e9999999", "1 2"}) {
            assertThrows(BinaryFormatException.class, () -> new PgNumeric().setText(bad), bad);
        }
    }

    @Test
    void wireFixtures() {
        // 12.5 with display scale 1: ndigits 2, weight 0, positive, dscale 1, digits [12, 5000].
        byte[] v = {0, 2, 0, 0, 0, 0, 0, 1, 0, 12, 0x13, (byte) 0x88};
        PgNumeric n = NumericCodec.decode(v, 0, v.length);
        assertEquals("12.5", n.toString());
        assertEquals(125, n.unscaledLow());
        assertEquals(0, n.unscaledHigh());
        assertEquals(1, n.scale());
        byte[] nan = {0, 0, 0, 0, (byte) 0xC0, 0, 0, 0};
        assertTrue(NumericCodec.decode(nan, 0, 8).isNaN());
        byte[] pinf = {0, 0, 0, 0, (byte) 0xD0, 0, 0, 0};
        assertEquals(PgNumeric.Kind.POSITIVE_INFINITY, NumericCodec.decode(pinf, 0, 8).kind());
        byte[] ninf = {0, 0, 0, 0, (byte) 0xF0, 0, 0, 0};
        PgNumeric ni = NumericCodec.decode(ninf, 0, 8);
        assertEquals("-Infinity", ni.toString());
        assertFalse(ni.fitsUnscaled128());
        assertThrows(BinaryFormatException.class, ni::unscaledLow);
        byte[] badSign = {0, 0, 0, 0, 0x12, 0, 0, 0};
        assertThrows(BinaryFormatException.class, () -> NumericCodec.decode(badSign, 0, 8));
        byte[] badDigit = {0, 1, 0, 0, 0, 0, 0, 0, 0x27, 0x10};
        assertThrows(BinaryFormatException.class, () -> NumericCodec.decode(badDigit, 0, badDigit.length));
        assertThrows(BinaryFormatException.class, () -> NumericCodec.decode(v, 0, v.length - 1));
    }

    @Test
    void unscaledMatchesBigDecimalOnRandomValues() {
        Random r = new Random(7);
        PgNumeric reused = new PgNumeric();
        for (int i = 0; i < 5000; i++) {
            int scale = r.nextInt(40) - 5;
            // A negative scale multiplies the value out, up to 10^5 < 2^17.
            BigInteger unscaled = new BigInteger(1 + r.nextInt(scale < 0 ? 109 : 126), r);
            if (r.nextBoolean()) {
                unscaled = unscaled.negate();
            }
            BigDecimal expected = new BigDecimal(unscaled, scale);
            PgNumeric n = new PgNumeric().setText(expected.toString());
            String plain = scale < 0 ? expected.setScale(0).toPlainString() : expected.toPlainString();
            assertEquals(plain, n.toString());
            byte[] b = encode(n);
            PgNumeric d = NumericCodec.decode(b, 0, b.length, reused);
            assertEquals(plain, d.toString());
            assertTrue(d.fitsUnscaled128(), plain);
            BigDecimal back = new BigDecimal(unscaled(d), d.scale());
            assertEquals(0, back.compareTo(expected), plain);
            assertEquals(Math.max(0, scale), d.scale());
            // And back from the unscaled form.
            PgNumeric viaUnscaled = new PgNumeric().setUnscaled(d.unscaledHigh(), d.unscaledLow(), d.scale());
            assertEquals(plain, viaUnscaled.toString());
        }
    }

    @Test
    void extremesOf128Bits() {
        BigInteger max = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
        BigInteger min = BigInteger.ONE.shiftLeft(127).negate();
        PgNumeric n = roundTrip(new PgNumeric().setText(max.toString()));
        assertTrue(n.fitsUnscaled128());
        assertEquals(max, unscaled(n));
        n = roundTrip(new PgNumeric().setText(min.toString()));
        assertTrue(n.fitsUnscaled128());
        assertEquals(min, unscaled(n));
        n = roundTrip(new PgNumeric().setText(max.add(BigInteger.ONE).toString()));
        assertFalse(n.fitsUnscaled128());
        assertEquals(max.add(BigInteger.ONE).toString(), n.toString(), "text stays exact beyond 128 bits");
        n = roundTrip(new PgNumeric().setText("1e100"));
        assertFalse(n.fitsUnscaled128());
        assertEquals("1" + "0".repeat(100), n.toString());
        assertEquals(min.toString(), new PgNumeric().setUnscaled(Long.MIN_VALUE, 0, 0).toString());
        assertEquals("1.70141183460469231731687303715884105727",
                new PgNumeric().setUnscaled(Long.MAX_VALUE, -1L, 38).toString());
        assertEquals("-0.0000000000000000000000000000000000000001",
                roundTrip(new PgNumeric().setUnscaled(-1L, -1L, 40)).toString());
        assertEquals("5000", roundTrip(new PgNumeric().setUnscaled(5, -3)).toString());
        assertEquals("0.000", roundTrip(new PgNumeric().setUnscaled(0, 3)).toString());
        assertEquals("120.50", roundTrip(new PgNumeric().setUnscaled(12050, 2)).toString());
        n = roundTrip(new PgNumeric().setUnscaled(-5, 3));
        assertEquals("-0.005", n.toString());
        assertEquals(-5, n.unscaledLow());
        assertEquals(-1, n.unscaledHigh());
    }

    @Test
    void digitsBeyondDisplayScaleKeepAFinerScale() {
        // 1.25 sent with dscale 1 (PostgreSQL never does this; nothing may be lost if someone does).
        byte[] v = {0, 2, 0, 0, 0, 0, 0, 1, 0, 1, 0x09, (byte) 0xc4};
        PgNumeric n = NumericCodec.decode(v, 0, v.length);
        assertEquals(125, n.unscaledLow());
        assertEquals(2, n.scale());
    }

    @Test
    void specialValuesEncode() {
        PgNumeric n = new PgNumeric().setSpecial(PgNumeric.Kind.NAN);
        assertTrue(roundTrip(n).isNaN());
        assertEquals(8, encode(n).length);
        assertThrows(IllegalArgumentException.class, () -> new PgNumeric().setSpecial(PgNumeric.Kind.FINITE));
    }
}
