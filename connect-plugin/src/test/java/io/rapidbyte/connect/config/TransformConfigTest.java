package io.rapidbyte.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.sink.SinkConfig;
import io.rapidbyte.connect.sink.WasmSinkConnector;
import io.rapidbyte.connect.source.SourceConfig;
import io.rapidbyte.connect.source.WasmSourceConnector;
import io.rapidbyte.connect.testing.TestTransformModule;
import io.rapidbyte.host.lifecycle.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** {@code wasm.transforms}: the name list, each transform's module keys and its settings, per field. */
class TransformConfigTest {
    private static final String T = TestTransformModule.path().toString();

    private static Map<String, String> source(String... kv) {
        Map<String, String> p = new HashMap<>(Map.of("name", "src", "wasm.connector", "example-generator",
                "topic", "t", "wasm.config.rows", "10"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return p;
    }

    private static KeyedConfigException resolveFails(String... kv) {
        return assertThrows(KeyedConfigException.class,
                () -> ConnectorSetup.resolve(new SourceConfig(source(kv)), Role.SOURCE));
    }

    private static Map<String, List<String>> errors(Map<String, ConfigValue> values) {
        return values.values().stream().filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    private static Map<String, ConfigValue> validateSource(String... kv) {
        return new WasmSourceConnector().validate(source(kv)).configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, v -> v));
    }

    @Test
    void transformsResolveInOrderWithTheirOwnSettings() {
        ConnectorSetup setup = ConnectorSetup.resolve(new SourceConfig(source("wasm.transforms", "b, a",
                "wasm.transforms.a.path", T, "wasm.transforms.b.path", T,
                "wasm.transforms.b.config.drop_every", "3")), Role.SOURCE);
        assertEquals(List.of("b", "a"), setup.transforms().stream().map(TransformSetup::name).toList());
        assertEquals("{\"drop_every\":3}", setup.transforms().get(0).configJson());
        assertEquals("{}", setup.transforms().get(1).configJson());
        assertEquals("wasm.transforms.b.path", setup.transforms().get(0).selectorKey());
        assertEquals(List.of(), ConnectorSetup.resolve(new SourceConfig(source()), Role.SOURCE).transforms());
    }

    @Test
    void aModuleOfAnotherRoleIsRefusedNamingTheKey() {
        KeyedConfigException e = resolveFails("wasm.transforms", "mask", "wasm.transforms.mask.connector",
                "example-generator");
        assertEquals("wasm.transforms.mask.connector", e.key());
        assertTrue(e.reason().contains("is a source connector; transform 'mask' needs a transform connector"),
                e.reason());
    }

    @Test
    void aListedTransformNeedsExactlyOneModuleKey() {
        KeyedConfigException none = resolveFails("wasm.transforms", "mask");
        assertEquals("wasm.transforms.mask.connector", none.key());
        assertTrue(none.reason().contains("exactly one of wasm.transforms.mask.connector"), none.reason());
        KeyedConfigException both = resolveFails("wasm.transforms", "mask", "wasm.transforms.mask.path", T,
                "wasm.transforms.mask.connector", "example-filter");
        assertEquals("wasm.transforms.mask.path", both.key());
    }

    @Test
    void aWrongPinIsRefusedNamingTheTransformsKey() {
        KeyedConfigException e = resolveFails("wasm.transforms", "t", "wasm.transforms.t.path", T,
                "wasm.transforms.t.sha256", "0".repeat(64));
        assertEquals("wasm.transforms.t.sha256", e.key());
        assertTrue(e.reason().contains("not the pinned"), e.reason());
    }

    @Test
    void badNameListsAreRefusedByTheListsKey() {
        for (String bad : List.of("a,a", "a,,b", "a.b")) {
            ConfigException e = assertThrows(ConfigException.class, () -> new SinkConfig(Map.of("name", "s",
                    "wasm.connector", "example-verify", "topics", "x", "wasm.transforms", bad)));
            assertTrue(e.getMessage().contains("wasm.transforms"), e.getMessage());
        }
    }

    @Test
    void keysOfNoListedTransformAreRefused() {
        KeyedConfigException stray = resolveFails("wasm.transforms", "t", "wasm.transforms.t.path", T,
                "wasm.transforms.old.path", T);
        assertEquals("wasm.transforms.old.path", stray.key());
        assertTrue(stray.reason().contains("not listed in wasm.transforms"), stray.reason());
        KeyedConfigException typo = resolveFails("wasm.transforms", "t", "wasm.transforms.t.pth", T);
        assertEquals("wasm.transforms.t.pth", typo.key());
    }

    @Test
    void restValidationPutsEachTransformSettingsErrorsOnItsOwnField() {
        Map<String, ConfigValue> values = validateSource("wasm.transforms", "t,u", "wasm.transforms.t.path", T,
                "wasm.transforms.t.config.drop_every", "-1", "wasm.transforms.t.config.nope", "1",
                "wasm.transforms.u.connector", "example-generator");
        Map<String, List<String>> errors = errors(values);
        assertEquals(java.util.Set.of("wasm.transforms.t.config.drop_every", "wasm.transforms.t.config.nope",
                "wasm.transforms.u.connector"), errors.keySet(), errors.toString());
        assertTrue(errors.get("wasm.transforms.t.config.nope").get(0).contains("not a setting of this connector"),
                errors.toString());
        assertEquals("-1", values.get("wasm.transforms.t.config.drop_every").value());
    }

    @Test
    void aValidChainPassesRestValidationWithTheTransformsOpened() {
        Map<String, ConfigValue> values = new WasmSinkConnector().validate(Map.of("name", "s", "wasm.connector",
                "example-verify", "topics", "x", "wasm.transforms", "t", "wasm.transforms.t.path", T,
                "wasm.transforms.t.config.drop_every", "2")).configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, v -> v));
        assertEquals(Map.of(), errors(values));
        assertEquals("2", values.get("wasm.transforms.t.config.drop_every").value());
    }
}
