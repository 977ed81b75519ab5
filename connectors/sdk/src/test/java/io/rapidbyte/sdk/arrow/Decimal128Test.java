package io.rapidbyte.sdk.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Decimal128's BigInteger-free arithmetic, checked against BigDecimal. */
class Decimal128Test {
    private static final BigInteger TWO_127 = BigInteger.ONE.shiftLeft(127);

    private static BigInteger random128(Random r) {
        switch (r.nextInt(6)) {
            case 0: return TWO_127.negate();
            case 1: return TWO_127.subtract(BigInteger.ONE);
            case 2: return BigInteger.valueOf(r.nextLong());
            case 3: return BigInteger.TEN.pow(r.nextInt(39)).subtract(BigInteger.valueOf(r.nextInt(3)));
            default: {
                BigInteger v = new BigInteger(1 + r.nextInt(127), r);
                return r.nextBoolean() ? v.negate() : v;
            }
        }
    }

    @Test
    void wordsRoundTripThroughBigInteger() {
        Random r = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            BigInteger v = random128(r);
            long hi = Decimal128.highOf(v);
            long lo = Decimal128.lowOf(v);
            assertEquals(v, Decimal128.toBigInteger(hi, lo));
            assertEquals(v.bitLength() < 64, Decimal128.fitsLong(hi, lo), v.toString());
        }
        assertThrows(ArithmeticException.class, () -> Decimal128.highOf(TWO_127));
        assertThrows(ArithmeticException.class, () -> Decimal128.lowOf(TWO_127.negate().subtract(BigInteger.ONE)));
    }

    @Test
    void fitsPrecisionMatchesBigInteger() {
        Random r = new Random(2);
        for (int i = 0; i < 20_000; i++) {
            BigInteger v = random128(r);
            int p = 1 + r.nextInt(38);
            boolean expected = v.abs().compareTo(BigInteger.TEN.pow(p)) < 0;
            assertEquals(expected, Decimal128.fitsPrecision(Decimal128.highOf(v), Decimal128.lowOf(v), p), v + " p=" + p);
            if (v.bitLength() < 64) {
                assertEquals(expected, Decimal128.fitsPrecision(v.longValue(), p), v + " p=" + p);
            }
        }
        assertEquals(true, Decimal128.fitsPrecision(Long.MIN_VALUE, 19));
        assertEquals(false, Decimal128.fitsPrecision(Long.MIN_VALUE, 18));
        assertEquals(false, Decimal128.fitsPrecision(-1000, 3));
        assertEquals(true, Decimal128.fitsPrecision(-999, 3));
    }

    @Test
    void toPlainStringMatchesBigDecimal() {
        Random r = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            BigInteger v = random128(r);
            int scale = r.nextInt(100) - 40;
            assertEquals(new BigDecimal(v, scale).toPlainString(),
                    Decimal128.toPlainString(Decimal128.highOf(v), Decimal128.lowOf(v), scale), v + " scale " + scale);
        }
        assertEquals("0", Decimal128.toPlainString(0, 0, -3));
        assertEquals("0.000", Decimal128.toPlainString(0, 0, 3));
        assertEquals("-0.05", Decimal128.toPlainString(-1, -5, 2));
        assertThrows(IllegalArgumentException.class, () -> Decimal128.toPlainString(0, 1, 1001));
    }

    @Test
    void parseMatchesBigDecimal() {
        Random r = new Random(4);
        long[] out = new long[2];
        for (int i = 0; i < 20_000; i++) {
            BigInteger unscaled = new BigInteger(1 + r.nextInt(130), r);
            if (r.nextBoolean()) {
                unscaled = unscaled.negate();
            }
            BigDecimal value = new BigDecimal(unscaled, r.nextInt(60) - 20);
            String text = switch (r.nextInt(3)) {
                case 0 -> value.toPlainString();
                case 1 -> value.toString();
                default -> value.toEngineeringString();
            };
            int scale = r.nextInt(60) - 20;
            BigInteger expected;
            try {
                expected = value.setScale(scale).unscaledValue();
                if (expected.abs().compareTo(BigInteger.TEN.pow(38)) >= 0) {
                    expected = null;
                }
            } catch (ArithmeticException e) {
                expected = null;
            }
            if (expected == null) {
                assertThrows(NumberFormatException.class, () -> Decimal128.parse(text, scale, out), text + " @" + scale);
            } else {
                Decimal128.parse(text, scale, out);
                assertEquals(expected, Decimal128.toBigInteger(out[0], out[1]), text + " @" + scale);
            }
        }
    }

    @Test
    void parseEdgeCases() {
        long[] out = new long[2];
        Decimal128.parse("-0", 2, out);
        assertEquals(BigInteger.ZERO, Decimal128.toBigInteger(out[0], out[1]));
        Decimal128.parse(".5", 1, out);
        assertEquals(BigInteger.valueOf(5), Decimal128.toBigInteger(out[0], out[1]));
        Decimal128.parse("5.", 0, out);
        assertEquals(BigInteger.valueOf(5), Decimal128.toBigInteger(out[0], out[1]));
        Decimal128.parse("+1.50E+2", 0, out);
        assertEquals(BigInteger.valueOf(150), Decimal128.toBigInteger(out[0], out[1]));
        Decimal128.parse("12300", -2, out);
        assertEquals(BigInteger.valueOf(123), Decimal128.toBigInteger(out[0], out[1]));
        Decimal128.parse("0000000000000000000000000000000000000000000001.000000000000000000000000000000000000000000", 3, out);
        assertEquals(BigInteger.valueOf(1000), Decimal128.toBigInteger(out[0], out[1]));
        Decimal128.parse("99999999999999999999999999999999999999", 0, out);
        assertEquals(BigInteger.TEN.pow(38).subtract(BigInteger.ONE), Decimal128.toBigInteger(out[0], out[1]));
        for (String bad : new String[] {"", "-", "+", ".", "1..2", "1e", "e5", "abc", "1 2", "+-1", "1e+", "1.2.3",
            "100000000000000000000000000000000000000", "1.234", "1e99999999", "NaN", "Infinity"}) {
            assertThrows(NumberFormatException.class, () -> Decimal128.parse(bad, 2, out), bad);
        }
    }

    @Test
    void builderEnforcesPrecisionAndScale() {
        RecordBatchBuilder b = new RecordBatchBuilder(Schema.of(Field.nullable("d", ArrowType.decimal128(5, 2))));
        DecimalColumnBuilder d = b.decimalColumn(0);
        d.appendUnscaled(99999);
        d.appendUnscaled(-99999);
        d.append("-999.99");
        d.append(new BigDecimal("1.5"));
        assertThrows(IllegalArgumentException.class, () -> d.appendUnscaled(100000));
        assertThrows(IllegalArgumentException.class, () -> d.appendUnscaled(0, 100000));
        assertThrows(IllegalArgumentException.class, () -> d.appendUnscaled(Long.MIN_VALUE));
        assertThrows(IllegalArgumentException.class, () -> d.appendUnscaled(BigInteger.ONE.shiftLeft(130)));
        assertThrows(ArithmeticException.class, () -> d.append(new BigDecimal("1.234")));
        assertThrows(NumberFormatException.class, () -> d.append("1.234"));
        assertThrows(IllegalArgumentException.class, () -> d.append("1000.00"));
        assertEquals(4, d.length());
        assertThrows(IllegalArgumentException.class, () -> ArrowType.decimal128(39, 0));
        assertThrows(IllegalArgumentException.class, () -> ArrowType.decimal128(0, 0));
        assertThrows(IllegalArgumentException.class, () -> ArrowType.decimal128(10, 1001));
    }
}
