package io.rapidbyte.examples.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.arrow.RecordBatch;
import io.rapidbyte.sdk.json.Json;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Filters over {@link FilterBatches#allTypes}(12), whose row i has id i and is null in every nullable
 * column for rows 4 and 9; so a filter's result is the array of kept row indexes.
 */
class PredicatesTest {
    private static final RecordBatch BATCH = FilterBatches.decode(FilterBatches.encode(FilterBatches.ALL_TYPES, FilterBatches.allTypes(12)));

    private static int[] kept(String column, String op, String valueJson) {
        String value = valueJson == null ? "" : ", \"value\": " + valueJson;
        FilterConfig cfg = FilterConfig.parse(Json.parseObject(
                "{\"filter\": {\"column\": \"" + column + "\", \"op\": \"" + op + "\"" + value + "}}"));
        RowPredicate p = Predicates.bind(cfg.filter(), BATCH.schema());
        return IntStream.range(0, BATCH.rowCount()).filter(r -> p.test(BATCH, r)).toArray();
    }

    @Test
    void integersAndTemporalsCompareAsLongs() {
        // i64 = (i - 3) << 40; d = i - 10 days; t = 1000 i us; ts = -10^6 i us
        assertArrayEquals(new int[] {0, 1, 2, 3}, kept("i64", "le", "0"));
        assertArrayEquals(new int[] {3}, kept("i64", "eq", "0"));
        assertArrayEquals(new int[] {0, 1, 2, 5, 6, 7, 8, 10, 11}, kept("i64", "ne", "0"), "null rows never match");
        assertArrayEquals(new int[] {11}, kept("d", "gt", "0"));
        assertArrayEquals(new int[] {0, 1, 2, 3, 5, 6}, kept("t", "lt", "7000"));
        assertArrayEquals(new int[] {0, 1, 2, 3}, kept("ts", "ge", "-3000000"));
    }

    @Test
    void floatsFollowPostgresOrderForNanAndSignedZero() {
        // f32 by row: 0:1.5 1:-0.0 2:0.0 3:NaN 5:3 6:1.5 7:-0.0 8:0.0 10:-inf 11:3
        assertArrayEquals(new int[] {1, 2, 7, 8}, kept("f32", "eq", "0"), "-0.0 equals 0.0");
        assertArrayEquals(new int[] {0, 3, 5, 6, 10, 11}, kept("f32", "ne", "0"), "NaN differs from 0");
        assertArrayEquals(new int[] {0, 3, 5, 6, 11}, kept("f32", "gt", "1"), "NaN sorts above everything");
        assertArrayEquals(new int[] {10}, kept("f32", "lt", "-1e6"));
    }

    @Test
    void stringsCompareByUtf8BytesAndBoolsFalseBeforeTrue() {
        // s by row: 0:a 1:z 2:é 3:"" 5:Z 6:a 7:z 8:é 10:ab 11:Z
        assertArrayEquals(new int[] {2, 8}, kept("s", "gt", "\"z\""), "é (C3 A9) sorts after z");
        assertArrayEquals(new int[] {3, 5, 11}, kept("s", "lt", "\"a\""));
        assertArrayEquals(new int[] {0, 1, 2, 6, 7, 8, 10}, kept("s", "ge", "\"a\""));
        assertArrayEquals(new int[] {10}, kept("s", "eq", "\"ab\""));
        // b = i % 3 == 0
        assertArrayEquals(new int[] {0, 3, 6}, kept("b", "eq", "true"));
        assertArrayEquals(new int[] {0, 3, 6}, kept("b", "gt", "false"));
    }

    @Test
    void decimalsCompareExactlyAtTheColumnsScale() {
        // even rows: (150 i - 600) / 100; odd rows: 128-bit (high i - 5, low -i), so row 5 is 2^64 - 5
        assertArrayEquals(new int[] {5, 6, 7, 8, 10, 11}, kept("dec", "gt", "0"));
        assertArrayEquals(new int[] {2}, kept("dec", "eq", "\"-3.00\""));
        assertArrayEquals(new int[] {2}, kept("dec", "eq", "-3"));
        assertArrayEquals(new int[] {0, 1, 3}, kept("dec", "lt", "-3"));
        ConnectorException e = assertThrows(ConnectorException.class, () -> kept("dec", "eq", "0.001"));
        assertEquals("INVALID_FILTER", e.error().code(), "no silent rounding");
    }

    @Test
    void nullTestsWorkOnEveryTypeAndOtherOpsOnlyWhereTheyMeanSomething() {
        assertArrayEquals(new int[] {4, 9}, kept("l", "is_null", null));
        assertArrayEquals(new int[] {4, 9}, kept("u", "is_null", null));
        assertEquals(10, kept("iv", "not_null", null).length);
        assertEquals(0, kept("id", "is_null", null).length);
        for (String column : new String[] {"bin", "u", "iv", "l"}) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> kept(column, "eq", "1"));
            assertEquals(ErrorCategory.CONFIG, e.error().category());
            assertEquals("INVALID_FILTER", e.error().code());
        }
        assertThrows(ConnectorException.class, () -> kept("i64", "eq", "\"1\""), "string for an integer column");
        assertThrows(ConnectorException.class, () -> kept("i64", "eq", "1.5"), "fraction for an integer column");
        assertThrows(ConnectorException.class, () -> kept("missing", "is_null", null));
    }
}
