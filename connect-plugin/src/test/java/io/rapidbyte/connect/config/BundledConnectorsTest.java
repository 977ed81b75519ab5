package io.rapidbyte.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.lifecycle.ConnectorModule;
import io.rapidbyte.host.lifecycle.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundledConnectorsTest {
    @Test
    void theExampleConnectorsAreBundledAndPrecompiled() {
        assertTrue(BundledConnectors.names().containsAll(java.util.List.of("example-generator", "example-verify")),
                BundledConnectors.names().toString());
        assertTrue(BundledConnectors.read("example-generator").isPresent());
        assertTrue(BundledConnectors.precompiled("example-generator").isPresent(),
                "build-time compiled class " + BundledConnectors.PRECOMPILED_PACKAGE + ".ExampleGenerator");
        assertTrue(BundledConnectors.precompiled("example-verify").isPresent());
        assertEquals("ExampleGenerator", BundledConnectors.className("example-generator"));
    }

    @Test
    void theTransformsAreBundledAndPrecompiledWithTheirRole() {
        for (String name : java.util.List.of("example-filter", "example-mask")) {
            assertTrue(BundledConnectors.precompiled(name).isPresent(), name);
            assertEquals("transform", BundledConnectors.manifest(name).orElseThrow().role().orElseThrow(), name);
            WasmConfig config = new WasmConfig(WasmConfig.commonDefinition(), Map.of("wasm.connector", name));
            ModuleSelector.select(config, Role.TRANSFORM).module().requireRole(Role.TRANSFORM);
        }
    }

    @Test
    void namesCannotEscapeTheResourceDirectory() {
        assertFalse(BundledConnectors.read("../guests/probe").isPresent());
        assertFalse(BundledConnectors.read("").isPresent());
        assertFalse(BundledConnectors.isPlainName("a/b"));
        assertFalse(BundledConnectors.isPlainName(".hidden"));
    }

    @Test
    void aBundledConnectorIsSelectedByNameWithItsManifestAndRole() {
        WasmConfig config = new WasmConfig(WasmConfig.commonDefinition(), Map.of("wasm.connector", "example-verify"));
        ModuleSelector.Selected selected = ModuleSelector.select(config, Role.DESTINATION);
        assertEquals("example-verify", selected.module().manifest().orElseThrow().name().orElseThrow());
        assertEquals(WasmConfig.CONNECTOR, selected.key());
        ConnectorModule again = ModuleSelector.select(config, Role.DESTINATION).module();
        assertSame(selected.module(), again, "the module is loaded once per worker");
        KeyedConfigException e = org.junit.jupiter.api.Assertions.assertThrows(KeyedConfigException.class,
                () -> ModuleSelector.select(config, Role.SOURCE));
        assertTrue(e.reason().contains("is a destination connector"), e.reason());
    }

    /** A bundled module kept from an earlier selection is still checked against the pin and the role. */
    @Test
    void aKeptBundledModuleIsCheckedLikeAFreshOne() {
        WasmConfig plain = new WasmConfig(WasmConfig.commonDefinition(), Map.of("wasm.connector", "example-generator"));
        ConnectorModule first = ModuleSelector.select(plain, Role.SOURCE).module();
        String sha = ModuleSelector.sha256(BundledConnectors.read("example-generator").orElseThrow());
        assertEquals(sha, first.sha256());
        WasmConfig pinned = new WasmConfig(WasmConfig.commonDefinition(),
                Map.of("wasm.connector", "example-generator", "wasm.sha256", sha.toUpperCase(java.util.Locale.ROOT)));
        assertSame(first, ModuleSelector.select(pinned, Role.SOURCE).module());
        WasmConfig wrongPin = new WasmConfig(WasmConfig.commonDefinition(),
                Map.of("wasm.connector", "example-generator", "wasm.sha256", "0".repeat(64)));
        KeyedConfigException pin = org.junit.jupiter.api.Assertions.assertThrows(KeyedConfigException.class,
                () -> ModuleSelector.select(wrongPin, Role.SOURCE));
        assertEquals(WasmConfig.SHA256, pin.key());
        assertTrue(pin.reason().contains("has SHA-256 " + sha + ", not the pinned " + "0".repeat(64)), pin.reason());
        KeyedConfigException role = org.junit.jupiter.api.Assertions.assertThrows(KeyedConfigException.class,
                () -> ModuleSelector.select(plain, Role.DESTINATION));
        assertEquals(WasmConfig.CONNECTOR, role.key());
    }
}
