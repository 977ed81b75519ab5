package io.rapidbyte.sdk.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesEveryValueKind() {
        JsonObject o = Json.parseObject(" {\"s\":\"x\",\"i\":-42,\"big\":9223372036854775807,"
                + "\"huge\":92233720368547758070,\"d\":12.50,\"e\":1e-3,\"t\":true,\"f\":false,\"n\":null,"
                + "\"a\":[1,[2],{}],\"o\":{\"k\":\"v\"}} ");
        assertEquals("x", o.getString("s"));
        assertEquals(-42L, o.get("i"));
        assertEquals(Long.MAX_VALUE, o.getLong("big"));
        assertEquals(new JsonNumber("92233720368547758070"), o.get("huge"));
        assertTrue(((JsonNumber) o.get("huge")).isIntegral());
        assertEquals("12.50", o.get("d").toString(), "decimals keep their exact text");
        assertEquals(0.001, o.getDouble("e"));
        assertTrue(o.getBoolean("t"));
        assertFalse(o.getBoolean("f"));
        assertTrue(o.isNull("n"));
        assertEquals(3, o.getArray("a").size());
        assertEquals(2L, o.getArray("a").getArray(1).getLong(0));
        assertEquals("v", o.getObject("o").getString("k"));
        assertEquals(List.of("s", "i", "big", "huge", "d", "e", "t", "f", "n", "a", "o"),
                List.copyOf(o.keySet()), "member order is kept");
    }

    @Test
    void decodesEscapesAndUnicode() {
        Object s = Json.parse("\"q\\\"b\\\\s\\/n\\n\\r\\t\\b\\f\\u00e9\\u4e2d\\ud83d\\ude00 \u00fc\"");
        assertEquals("q\"b\\s/n\n\r\t\b\f\u00e9\u4e2d\ud83d\ude00 \u00fc", s);
    }

    @Test
    void writesCompactEscapedJson() {
        JsonObject o = Json.object().with("s", "a\"b\\c\n\u0001\u00e9").with("n", null).with("l", 5L)
                .with("i", 7).with("d", 2.5).with("dec", new JsonNumber("0.10")).with("b", true)
                .with("a", Arrays.asList(1L, "x", Map.of()));
        assertEquals("{\"s\":\"a\\\"b\\\\c\\n\\u0001\u00e9\",\"n\":null,\"l\":5,\"i\":7,\"d\":2.5,\"dec\":0.10,"
                + "\"b\":true,\"a\":[1,\"x\",{}]}", o.toJson());
    }

    @Test
    void roundTripsThroughWriteAndParse() {
        String text = "{\"a\":[1,2.25,\"\\u0000\\ud83d\\ude00\",{\"b\":null}],\"c\":-0.5e10,\"d\":false}";
        Object parsed = Json.parse(text);
        assertEquals(parsed, Json.parse(Json.write(parsed)));
    }

    @Test
    void rejectsMalformedText() {
        for (String bad : new String[] {"", " ", "{", "}", "[1,]", "[,1]", "{\"a\":}", "{\"a\" 1}", "{a:1}",
            "{\"a\":1,}", "01", "-", "1.", ".5", "1e", "+1", "\"\u0001\"", "\"abc", "\"\\x\"", "\"\\u12g4\"", "tru",
            "nul", "[1 2]", "1 2", "{\"a\":1,\"a\":2}", "NaN"}) {
            assertThrows(JsonException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void limitsNesting() {
        String deep = "[".repeat(JsonReader.MAX_DEPTH + 1) + "]".repeat(JsonReader.MAX_DEPTH + 1);
        assertThrows(JsonException.class, () -> Json.parse(deep));
        String ok = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        Json.parse(ok);
    }

    @Test
    void typedAccessorsReportMismatches() {
        JsonObject o = Json.parseObject("{\"s\":\"x\",\"f\":1.5,\"big\":3000000000,\"n\":null}");
        assertThrows(JsonException.class, () -> o.getLong("s"));
        assertThrows(JsonException.class, () -> o.getLong("f"), "fractions are not truncated");
        assertThrows(JsonException.class, () -> o.getInt("big"));
        assertThrows(JsonException.class, () -> o.getString("missing"));
        assertThrows(JsonException.class, () -> o.getString("n"));
        assertEquals("dflt", o.optString("n", "dflt"));
        assertEquals(9, o.optLong("missing", 9));
        assertNull(o.optObject("missing"));
        assertThrows(JsonException.class, () -> o.optString("f", "x"), "wrong type still throws");
    }

    @Test
    void writerRejectsWhatJsonCannotHold() {
        assertThrows(JsonException.class, () -> Json.write(Double.NaN));
        assertThrows(JsonException.class, () -> Json.write(Double.POSITIVE_INFINITY));
        assertThrows(JsonException.class, () -> Json.write(new Object()));
        assertThrows(JsonException.class, () -> Json.write(Map.of(1, 2)));
        assertThrows(JsonException.class, () -> new JsonNumber("1.2.3"));
    }
}
