package io.rapidbyte.wasm.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSyntaxTest {
    @Test
    void parsesAllValueKinds() {
        Object value = JsonSyntax.parse(" {\"a\":[1,-2.5e3,true,false,null],\"s\":\"q\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"} ");
        Map<?, ?> map = (Map<?, ?>) value;
        List<?> a = (List<?>) map.get("a");
        assertEquals(new BigDecimal("1"), a.get(0));
        assertEquals(new BigDecimal("-2.5e3"), a.get(1));
        assertEquals(Boolean.TRUE, a.get(2));
        assertEquals(Boolean.FALSE, a.get(3));
        assertNull(a.get(4));
        assertEquals("q\"\\/\b\f\n\r\t\u00e9", map.get("s"));
    }

    @Test
    void rejectsMalformedInput() {
        for (String bad : new String[] {"", "{", "[1,]", "{\"a\"}", "01", "1.", "-", "\"\u0001\"", "tru", "1 2",
            "\"\\x\"", "\"\\u12\""}) {
            assertThrows(IllegalArgumentException.class, () -> JsonSyntax.parse(bad), bad);
        }
    }
}
