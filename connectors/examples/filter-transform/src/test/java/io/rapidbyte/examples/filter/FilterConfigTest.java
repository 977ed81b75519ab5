package io.rapidbyte.examples.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterConfigTest {
    @Test
    void emptyConfigKeepsEverything() {
        FilterConfig c = FilterConfig.parse(Json.parseObject("{}"));
        assertNull(c.columns());
        assertNull(c.filter());
    }

    @Test
    void parsesProjectionAndFilter() {
        FilterConfig c = FilterConfig.parse(Json.parseObject(
                "{\"columns\": [\"b\", \"a\"], \"filter\": {\"column\": \"a\", \"op\": \"ge\", \"value\": 2.5}}"));
        assertEquals(List.of("b", "a"), c.columns());
        assertEquals("a", c.filter().column());
        assertEquals(FilterOp.GE, c.filter().op());
        assertEquals("2.5", c.filter().value().toString());
    }

    @Test
    void rejectsWhatCannotMeanAnything() {
        for (String bad : List.of("{\"columns\": []}", "{\"columns\": [\"a\", \"a\"]}", "{\"columns\": [1]}",
                "{\"filter\": {\"column\": \"a\", \"op\": \"eq\"}}",
                "{\"filter\": {\"column\": \"a\", \"op\": \"eq\", \"value\": null}}",
                "{\"filter\": {\"column\": \"a\", \"op\": \"eq\", \"value\": [1]}}",
                "{\"filter\": {\"column\": \"a\", \"op\": \"not_null\", \"value\": 1}}",
                "{\"filter\": {\"op\": \"is_null\"}}", "{\"filter\": {\"column\": \"a\", \"op\": \"EQ\", \"value\": 1}}",
                "{\"filter\": {\"column\": \"a\", \"op\": \"eq\", \"value\": 1, \"x\": 0}}", "{\"where\": 1}")) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> FilterConfig.parse(Json.parseObject(bad)),
                    bad);
            assertEquals("INVALID_CONFIG", e.error().code(), bad);
        }
    }
}
