package io.rapidbyte.sdk.arrow;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded generator of random schemas and values, biased towards edge cases. */
final class RandomData {
    private static final String[] STRINGS = {
        "", "a", "hello world", "ünïcödé", "日本語テキスト", "emoji 😀🎉 pairs", "\u0000nul", "tab\tnew\nline",
        "𝄞 clef", "ﬁ ligature", "Ελληνικά", "العربية", "x".repeat(300)
    };
    private static final String[] TIMEZONES = {"UTC", "Europe/Berlin", "+05:30", "America/New_York"};

    private final Random r;
    private int fieldCounter;

    RandomData(long seed) {
        this.r = new Random(seed);
    }

    Random random() {
        return r;
    }

    Schema schema() {
        int n = 1 + r.nextInt(8);
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fields.add(field(0));
        }
        return new Schema(fields, r.nextInt(4) == 0 ? metadata() : null);
    }

    Field field(int depth) {
        String name = "f" + (fieldCounter++) + (r.nextInt(5) == 0 ? "_ü" : "");
        boolean nullable = r.nextInt(4) != 0;
        Map<String, String> md = r.nextInt(6) == 0 ? metadata() : null;
        if (depth < 2 && r.nextInt(6) == 0) {
            Field element = field(depth + 1);
            return new Field(name, ArrowType.LIST, nullable, List.of(element), md);
        }
        return new Field(name, primitiveType(), nullable, null, md);
    }

    ArrowType primitiveType() {
        switch (r.nextInt(14)) {
            case 0: return ArrowType.INT8;
            case 1: return ArrowType.INT16;
            case 2: return ArrowType.INT32;
            case 3: return ArrowType.INT64;
            case 4: return ArrowType.FLOAT32;
            case 5: return ArrowType.FLOAT64;
            case 6: return ArrowType.BOOL;
            case 7: return ArrowType.UTF8;
            case 8: return ArrowType.BINARY;
            case 9: return ArrowType.DATE32;
            case 10: return r.nextBoolean() ? ArrowType.TIME64_MICROS : ArrowType.INTERVAL_MONTH_DAY_NANO;
            case 11: return ArrowType.timestampMicros(r.nextBoolean() ? null : TIMEZONES[r.nextInt(TIMEZONES.length)]);
            case 12: {
                int p = r.nextInt(3) == 0 ? 38 : 1 + r.nextInt(38);
                return ArrowType.decimal128(p, r.nextInt(3) == 0 ? -r.nextInt(4) : r.nextInt(p + 1));
            }
            default: return ArrowType.fixedSizeBinary(r.nextBoolean() ? 16 : 1 + r.nextInt(24));
        }
    }

    Map<String, String> metadata() {
        Map<String, String> md = new LinkedHashMap<>();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            md.put("key" + i + STRINGS[r.nextInt(STRINGS.length)].substring(0, 0), STRINGS[r.nextInt(STRINGS.length)]);
        }
        return md;
    }

    TestData data(Schema schema, int batches, int maxRows) {
        TestData d = new TestData(schema);
        for (int b = 0; b < batches; b++) {
            int rows = r.nextInt(4) == 0 ? 0 : r.nextInt(maxRows + 1);
            double nullRate = new double[] {0, 0.1, 0.5, 1.0}[r.nextInt(4)];
            Object[][] batch = new Object[schema.fieldCount()][rows];
            for (int c = 0; c < schema.fieldCount(); c++) {
                for (int i = 0; i < rows; i++) {
                    batch[c][i] = value(schema.field(c), nullRate);
                }
            }
            d.add(batch);
        }
        return d;
    }

    Object value(Field f, double nullRate) {
        if (f.isNullable() && r.nextDouble() < nullRate) {
            return null;
        }
        ArrowType t = f.type();
        switch (t.kind()) {
            case INT:
                return intValue(t.bitWidth());
            case DATE32:
                return intValue(32);
            case TIME64_MICROS:
                return r.nextInt(5) == 0 ? intValue(64) : (long) (r.nextDouble() * 86_400_000_000L);
            case TIMESTAMP_MICROS:
                return intValue(64);
            case FLOAT:
                return t.bitWidth() == 32 ? (Object) floatValue() : (Object) doubleValue();
            case BOOL:
                return r.nextBoolean();
            case UTF8:
                return STRINGS[r.nextInt(STRINGS.length)] + (r.nextBoolean() ? "" : Integer.toString(r.nextInt()));
            case BINARY:
                return bytes(r.nextInt(5) == 0 ? 0 : r.nextInt(40));
            case FIXED_SIZE_BINARY:
                return bytes(t.byteWidth());
            case DECIMAL128:
                return decimal(t.precision(), t.scale());
            case INTERVAL_MONTH_DAY_NANO:
                return new TestData.Interval((int) intValue(32), (int) intValue(32), intValue(64));
            case LIST: {
                int n = r.nextInt(4) == 0 ? 0 : r.nextInt(6);
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    list.add(value(f.elementField(), nullRate == 1.0 ? 0.3 : nullRate));
                }
                return list;
            }
            default:
                throw new AssertionError(t);
        }
    }

    long intValue(int bits) {
        long min = bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        switch (r.nextInt(8)) {
            case 0: return min;
            case 1: return max;
            case 2: return 0;
            case 3: return -1;
            default: {
                long v = r.nextLong();
                return bits == 64 ? v : v >> (64 - bits);
            }
        }
    }

    Float floatValue() {
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 0.0f,
            Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.intBitsToFloat(0x7fc12345)};
        return r.nextInt(3) == 0 ? special[r.nextInt(special.length)] : (float) ((r.nextDouble() - 0.5) * 1e6);
    }

    Double doubleValue() {
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
            Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.longBitsToDouble(0x7ff8000000abcdefL)};
        return r.nextInt(3) == 0 ? special[r.nextInt(special.length)] : (r.nextDouble() - 0.5) * 1e300 * r.nextDouble();
    }

    byte[] bytes(int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    BigDecimal decimal(int precision, int scale) {
        BigInteger max = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
        BigInteger unscaled;
        switch (r.nextInt(6)) {
            case 0: unscaled = max; break;
            case 1: unscaled = max.negate(); break;
            case 2: unscaled = BigInteger.ZERO; break;
            case 3: unscaled = BigInteger.valueOf(r.nextInt(2000) - 1000).mod(max.add(BigInteger.ONE)); break;
            default: {
                int digits = 1 + r.nextInt(precision);
                unscaled = new BigInteger(digits * 4, r).mod(BigInteger.TEN.pow(digits));
                if (r.nextBoolean()) {
                    unscaled = unscaled.negate();
                }
            }
        }
        return new BigDecimal(unscaled, scale);
    }
}
