package io.rapidbyte.wasm.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConnectorManifestTest {
    private static final String VALID = "{\"name\":\"source-postgres\",\"version\":\"0.1.0\",\"role\":\"source\","
            + "\"config_schema\":{\"type\":\"object\",\"required\":[\"host\"]},"
            + "\"permissions\":{\"network\":[\"db:5432\"]},\"description\":\"caf\u00e9 \\u00e9\"}";

    @Test
    void acceptsAValidManifestAndKeepsItsBytes() {
        byte[] bytes = VALID.getBytes(StandardCharsets.UTF_8);
        ConnectorManifest manifest = ConnectorManifest.parse(bytes);
        assertEquals("source-postgres", manifest.name());
        assertEquals("0.1.0", manifest.version());
        assertEquals("source", manifest.role());
        assertArrayEquals(bytes, manifest.json());
    }

    @Test
    void rejectsMissingOrInvalidFields() {
        assertRejected("{\"version\":\"1\",\"role\":\"source\"}", "name");
        assertRejected("{\"name\":\"x\",\"role\":\"source\"}", "version");
        assertRejected("{\"name\":\"x\",\"version\":\"1\"}", "role");
        assertRejected("{\"name\":\"x\",\"version\":\"1\",\"role\":\"sink\"}", "role");
        assertRejected("{\"name\":\"Bad Name\",\"version\":\"1\",\"role\":\"source\"}", "name");
        assertRejected("{\"name\":\"x\",\"version\":\"1\",\"role\":\"source\",\"config_schema\":[]}", "config_schema");
        assertRejected("{\"name\":\"x\",\"version\":\"1\",\"role\":\"source\",\"permissions\":{\"network\":[1]}}",
                "network");
        assertRejected("[1,2]", "object");
        assertRejected("{\"name\":\"x\",\"name\":\"y\",\"version\":\"1\",\"role\":\"source\"}", "duplicate");
        assertRejected("{\"name\":\"x\" \"version\":\"1\"}", "invalid JSON");
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] bytes = {'{', '"', (byte) 0xC3, '"', ':', '1', '}'};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectorManifest.parse(bytes));
        assertTrue(e.getMessage().contains("UTF-8"));
    }

    @Test
    void embedsOnceAsACustomSection() {
        WasmModule module = WasmModule.parse(TestModules.teavmLike(1000, 1, 10, TestModules.initArgs(1000)));
        ConnectorManifest manifest = ConnectorManifest.parse(VALID.getBytes(StandardCharsets.UTF_8));
        manifest.embedInto(module);
        WasmModule reparsed = WasmModule.parse(module.toBytes());
        assertArrayEquals(VALID.getBytes(StandardCharsets.UTF_8),
                reparsed.customSection(ConnectorManifest.SECTION_NAME));
        assertThrows(WasmFormatException.class, () -> manifest.embedInto(reparsed));
    }

    private static void assertRejected(String json, String expectedWord) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConnectorManifest.parse(json.getBytes(StandardCharsets.UTF_8)), json);
        assertTrue(e.getMessage().contains(expectedWord), e.getMessage());
    }
}
