package io.rapidbyte.examples.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.sdk.ConnectorException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskConfigTest {
    @Test
    void readsEveryMember() {
        MaskConfig c = MaskBatches.config("{\"hash\": [\"a\"], \"redact\": [\"b\"], \"drop\": [\"c\", \"d\"],"
                + " \"streams\": [\"public.users\"], \"replacement\": \"x\", \"hash_key\": \"k\"}");
        assertEquals(List.of("a", "b", "c", "d"), List.copyOf(c.actions().keySet()));
        assertEquals(MaskAction.DROP, c.actions().get("d"));
        assertTrue(c.masks("public.users"));
        assertFalse(c.masks("public.orders"));
        assertEquals("x", new String(c.replacement(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(1, c.hashKey().length);
    }

    @Test
    void defaults() {
        MaskConfig c = MaskBatches.config("{\"redact\": [\"b\"]}");
        assertTrue(c.masks("anything"));
        assertNull(c.hashKey());
        assertEquals(MaskConfig.DEFAULT_REPLACEMENT, new String(c.replacement(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}| at least one column",
        "{\"hash\": []}| at least one column",
        "{\"hash\": [\"a\"], \"redact\": [\"a\"]}| \"a\" is listed in hash and in redact",
        "{\"drop\": [\"a\", \"a\"]}| listed in drop twice",
        "{\"drop\": [\"a\"], \"mask\": 1}| unknown member \"mask\"",
        "{\"drop\": [\"a\"], \"streams\": []}| streams must not be empty",
        "{\"drop\": [\"a\"], \"hash_key\": \"\"}| hash_key must not be empty",
        "{\"drop\": [\"\"]}| drop[0]"})
    void refusesBadConfigsNamingTheMember(String json, String mention) {
        ConnectorException e = assertThrows(ConnectorException.class, () -> MaskBatches.config(json));
        assertEquals("INVALID_CONFIG", e.error().code());
        assertTrue(e.error().message().contains(mention.trim()), e.error().message());
    }

    @Test
    void theKeyIsNeverInAMessage() {
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> MaskBatches.config("{\"hash_key\": \"topsecret\"}"));
        assertFalse(e.getMessage().contains("topsecret"));
    }
}
