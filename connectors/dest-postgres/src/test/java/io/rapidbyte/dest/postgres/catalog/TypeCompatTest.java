package io.rapidbyte.dest.postgres.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Type names from metadata (which become DDL) and the "type change" rule (JVM unit test). */
class TypeCompatTest {
    private static boolean holds(String column, String incoming) {
        return TypeCompat.holds(PgTypeName.parse(column), PgTypeName.parse(incoming));
    }

    @Test
    void parsesFormatTypeOutputAndRefusesAnythingElse() {
        PgTypeName t = PgTypeName.parse("timestamp(3) with time zone");
        assertEquals("timestamp with time zone", t.base());
        assertEquals(3, t.mod(0));
        PgTypeName a = PgTypeName.parse("character varying(40)[]");
        assertEquals("character varying", a.base());
        assertEquals(1, a.arrayDims());
        assertEquals("character varying(40)", a.element().text());
        assertEquals("\"My \"\"Odd\"\" Type\"", PgTypeName.parse("\"My \"\"Odd\"\" Type\"").base());
        assertEquals("public.mood", PgTypeName.parse("public.mood").base());
        assertEquals(-2, PgTypeName.parse("numeric(5,-2)").mod(1));
        for (String bad : new String[] {"integer; DROP TABLE x", "integer DEFAULT 1", "text, evil text", "int4)",
            "'x'", "integer -- c", "\"unterminated", "numeric(1,2,3,4,5)", "integer[]x", "integer NOT NULL", ""}) {
            assertNull(PgTypeName.parse(bad), bad);
        }
    }

    @Test
    void widerColumnsHoldNarrowerValues() {
        assertTrue(holds("bigint", "integer"));
        assertTrue(holds("numeric", "bigint"));
        assertTrue(holds("numeric(12,2)", "numeric(10,2)"));
        assertTrue(holds("numeric(14,4)", "numeric(10,2)"));
        assertTrue(holds("text", "character varying(40)"));
        assertTrue(holds("character varying(80)", "character varying(40)"));
        assertTrue(holds("character varying", "text"));
        assertTrue(holds("double precision", "real"));
        assertTrue(holds("timestamp(6) with time zone", "timestamp with time zone"));
        assertTrue(holds("integer[]", "smallint[]"));

        assertFalse(holds("integer", "bigint"));
        assertFalse(holds("numeric(12,2)", "numeric(12,3)"));
        assertFalse(holds("numeric(12,2)", "numeric"));
        assertFalse(holds("character varying(40)", "text"));
        assertFalse(holds("character(5)", "character(6)"));
        assertFalse(holds("timestamp without time zone", "timestamp with time zone"));
        assertFalse(holds("integer", "integer[]"));
        assertFalse(holds("jsonb", "text"));
    }
}
