package io.rapidbyte.sdk.arrow;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A schema plus batches of boxed values, the neutral model both codecs convert from and to.
 * Value representation: INT/DATE32/TIME64/TIMESTAMP as Long, FLOAT as Float or Double, BOOL as
 * Boolean, UTF8 as String, BINARY/FIXED_SIZE_BINARY as byte[], DECIMAL128 as BigDecimal at the
 * column scale, INTERVAL as {@link Interval}, LIST as java.util.List; null for null.
 */
final class TestData {
    record Interval(int months, int days, long nanos) {
    }

    final Schema schema;
    /** batches.get(b)[column][row]. */
    final List<Object[][]> batches = new ArrayList<>();

    TestData(Schema schema) {
        this.schema = schema;
    }

    TestData add(Object[][] batch) {
        batches.add(batch);
        return this;
    }

    /** Convenience for single-column data: one batch holding {@code values}. */
    static TestData single(Field field, Object... values) {
        return new TestData(Schema.of(field)).add(new Object[][] {values});
    }

    static int rows(Object[][] batch) {
        return batch.length == 0 ? 0 : batch[0].length;
    }

    static void assertSameData(TestData expected, TestData actual) {
        assertEquals(expected.schema, actual.schema, "schema");
        assertEquals(expected.batches.size(), actual.batches.size(), "batch count");
        for (int b = 0; b < expected.batches.size(); b++) {
            Object[][] e = expected.batches.get(b);
            Object[][] a = actual.batches.get(b);
            assertEquals(e.length, a.length, "column count");
            for (int c = 0; c < e.length; c++) {
                assertEquals(e[c].length, a[c].length, "rows in batch " + b);
                for (int r = 0; r < e[c].length; r++) {
                    assertValue(e[c][r], a[c][r], "batch " + b + " column '" + expected.schema.field(c).name() + "' row " + r);
                }
            }
        }
    }

    static void assertValue(Object e, Object a, String where) {
        if (e == null) {
            assertNull(a, where);
        } else if (e instanceof byte[]) {
            assertArrayEquals((byte[]) e, (byte[]) a, where);
        } else if (e instanceof Float) {
            assertEquals(Float.floatToRawIntBits((Float) e), Float.floatToRawIntBits((Float) a), where + " " + e + " vs " + a);
        } else if (e instanceof Double) {
            assertEquals(Double.doubleToRawLongBits((Double) e), Double.doubleToRawLongBits((Double) a), where + " " + e + " vs " + a);
        } else if (e instanceof BigDecimal) {
            assertEquals(e, a, where); // scale-sensitive on purpose
        } else if (e instanceof List) {
            if (!(a instanceof List)) {
                fail(where + ": expected list, got " + a);
            }
            List<?> el = (List<?>) e;
            List<?> al = (List<?>) a;
            assertEquals(el.size(), al.size(), where + " list size");
            for (int i = 0; i < el.size(); i++) {
                assertValue(el.get(i), al.get(i), where + "[" + i + "]");
            }
        } else {
            assertEquals(e, a, where);
        }
    }

    static String show(Object v) {
        return v instanceof byte[] ? Arrays.toString((byte[]) v) : String.valueOf(v);
    }
}
