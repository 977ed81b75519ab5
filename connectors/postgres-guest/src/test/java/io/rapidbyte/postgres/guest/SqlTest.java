package io.rapidbyte.postgres.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rapidbyte.sdk.ConnectorException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTest {
    @Test
    void identifiersAreQuotedAndKeepTheirCase() {
        assertEquals("\"Order \"\"x\"\"\"", Sql.ident("Order \"x\""));
        assertEquals("\"s\".\"t\"", Sql.qualified("s", "t"));
        assertEquals("\"a\", \"B\"", Sql.identList(List.of("a", "B")));
    }

    @Test
    void identifiersBeyond63BytesAreRefusedNotTruncated() {
        String ok = "x".repeat(63);
        assertEquals("\"" + ok + "\"", Sql.ident(ok));
        ConnectorException e = assertThrows(ConnectorException.class, () -> Sql.ident("x".repeat(64)));
        assertEquals("INVALID_IDENTIFIER", e.error().code());
        // 32 two-byte characters are 64 bytes
        assertThrows(ConnectorException.class, () -> Sql.ident("é".repeat(32)));
        assertThrows(ConnectorException.class, () -> Sql.ident(""));
        assertThrows(ConnectorException.class, () -> Sql.ident("a\0b"));
    }

    @Test
    void literalsFollowStandardConformingStrings() {
        assertEquals("'it''s a\\b'", Sql.literal("it's a\\b", true));
        assertEquals("E'it''s a\\\\b'", Sql.literal("it's a\\b", false));
        assertEquals("'plain'", Sql.literal("plain", false));
        assertEquals("ARRAY['a','b''c']::text[]", Sql.textArray(List.of("a", "b'c"), true));
        ConnectorException e = assertThrows(ConnectorException.class, () -> Sql.literal("a\0", true));
        assertEquals("22021", e.error().code());
    }
}
