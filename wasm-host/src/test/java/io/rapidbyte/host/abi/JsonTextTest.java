package io.rapidbyte.host.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    @Test
    void acceptsWellFormedJson() {
        for (String ok : new String[] {"{}", "[]", "null", "0", "-1.5e+10", "\"a\\u00e9\\n\"",
                " {\"a\": [1, true, false, null, {\"b\": \"c\"}]} ", "{\"lsn\":\"0/16B3748\"}"}) {
            assertTrue(JsonText.isValid(ok), ok);
        }
    }

    @Test
    void rejectsMalformedJson() {
        for (String bad : new String[] {"", "{", "{\"a\"}", "{\"a\":1,}", "[1 2]", "01", "1.", "tru",
                "\"unterminated", "\"\\x\"", "\"\\u12G4\"", "{} {}", "{'a':1}", "\"tab\there\"", "NaN"}) {
            assertFalse(JsonText.isValid(bad), bad);
        }
        assertFalse(JsonText.isValid("[".repeat(JsonText.MAX_DEPTH + 2) + "]".repeat(JsonText.MAX_DEPTH + 2)));
    }

    @Test
    void quotesEveryCharacterThatNeedsIt() {
        String nasty = "a\"b\\c\nd\te\u0001";
        String quoted = JsonText.quote(nasty);
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001\"", quoted);
        assertEquals(Map.of("k", nasty), JsonText.topLevelStrings("{\"k\":" + quoted + "}"));
    }

    @Test
    void topLevelStringsSkipNestedMembers() {
        Map<String, String> m = JsonText.topLevelStrings(
                "{\"name\":\"probe\",\"schema\":{\"name\":\"inner\"},\"n\":3,\"version\":\"0.1.0\"}");
        assertEquals(Map.of("name", "probe", "version", "0.1.0"), m);
        assertThrows(IllegalArgumentException.class, () -> JsonText.topLevelStrings("[1]"));
        assertThrows(IllegalArgumentException.class, () -> JsonText.topLevelStrings("{\"a\":1"));
    }
}
