package io.rapidbyte.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.json.PluginJson;
import io.rapidbyte.host.lifecycle.Manifest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

class SettingsMapperTest {
    static final String MANIFEST = """
            {"name": "pg", "version": "1.0.0", "role": "source",
             "config_schema": {
               "type": "object", "additionalProperties": false, "required": ["host", "password"],
               "properties": {
                 "host": {"type": "string", "minLength": 1, "description": "database host"},
                 "port": {"type": "integer", "minimum": 1, "maximum": 65535, "default": 5432},
                 "password": {"type": "string", "writeOnly": true},
                 "token": {"type": "string", "x-secret": true},
                 "ratio": {"type": "number", "exclusiveMinimum": 0},
                 "tls": {"type": "boolean", "default": false},
                 "mode": {"type": "string", "enum": ["copy", "cursor"]},
                 "write_mode": {"enum": ["append", "upsert"], "default": "append"},
                 "level": {"enum": [1, 2, 3]},
                 "mixed": {"enum": ["a", 1]},
                 "tables": {"type": "array", "items": {"type": "string", "pattern": "^[a-z_.]+$"}, "minItems": 1},
                 "options": {"type": "object", "properties": {"fetch": {"type": "integer", "minimum": 1}}}
               }},
             "permissions": {"network": ["${host}:${port}"]}}
            """;

    static ManifestSchema schema() {
        return ManifestSchema.of(Optional.of(Manifest.parse(MANIFEST)));
    }

    private static Map<String, String> props(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(WasmConfig.SETTING_PREFIX + kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void typesAndSecretsComeFromTheSchema() {
        ManifestSchema s = schema();
        assertEquals(ConfigDef.Type.STRING, s.setting("host").orElseThrow().connectType());
        assertEquals(ConfigDef.Type.LONG, s.setting("port").orElseThrow().connectType());
        assertEquals(ConfigDef.Type.PASSWORD, s.setting("password").orElseThrow().connectType());
        assertEquals(ConfigDef.Type.PASSWORD, s.setting("token").orElseThrow().connectType());
        assertEquals(ConfigDef.Type.DOUBLE, s.setting("ratio").orElseThrow().connectType());
        assertEquals(ConfigDef.Type.BOOLEAN, s.setting("tls").orElseThrow().connectType());
        assertEquals(ConfigDef.Type.STRING, s.setting("tables").orElseThrow().connectType(), "arrays are JSON text");
        assertTrue(s.setting("host").orElseThrow().required());
        assertEquals(SettingSpec.Kind.STRING, s.setting("write_mode").orElseThrow().kind(),
                "an untyped enum of strings is a plain string, written without JSON quotes");
        assertEquals(SettingSpec.Kind.INTEGER, s.setting("level").orElseThrow().kind());
        assertEquals(SettingSpec.Kind.JSON, s.setting("mixed").orElseThrow().kind());
        assertEquals("wasm.config.host", s.setting("host").orElseThrow().key());
        assertEquals(List.of("${host}:${port}"), s.networkTemplates());
    }

    @Test
    void flatPropertiesBecomeTheConnectorsConfigJson() {
        SettingsMapper.Result r = SettingsMapper.map(props("host", "db.internal", "password", "s3cret", "port", "6543",
                "ratio", "0.25", "tls", "TRUE", "mode", "copy", "tables", "[\"public.orders\",\"public.items\"]",
                "options", "{\"fetch\": 500}", "write_mode", "upsert"), schema());
        assertTrue(r.ok(), r.errors().toString());
        assertEquals(PluginJson.parse("""
                {"host": "db.internal", "password": "s3cret", "port": 6543, "ratio": 0.25, "tls": true, "mode": "copy",
                 "tables": ["public.orders", "public.items"], "options": {"fetch": 500}, "write_mode": "upsert"}"""),
                r.configJson());
    }

    @Test
    void unsetSettingsAreLeftToTheConnectorsDefaults() {
        SettingsMapper.Result r = SettingsMapper.map(props("host", "h", "password", "p"), schema());
        assertTrue(r.ok());
        assertFalse(r.configJson().has("port"));
    }

    @Test
    void everyProblemIsReportedOnItsOwnKey() {
        SettingsMapper.Result r = SettingsMapper.map(props("port", "70000", "ratio", "0", "tls", "yes", "mode", "bulk",
                "tables", "[\"Bad-Name\"]", "options", "{\"fetch\": 0}", "tabels", "[]", "host", "",
                "write_mode", "merge"), schema());
        Map<String, List<String>> e = r.errors();
        assertTrue(e.get("wasm.config.password").get(0).contains("Missing required"), e.toString());
        assertTrue(e.get("wasm.config.port").get(0).contains("at most 65535"), e.toString());
        assertTrue(e.get("wasm.config.ratio").get(0).contains("greater than 0"), e.toString());
        assertTrue(e.get("wasm.config.tls").get(0).contains("true or false"), e.toString());
        assertTrue(e.get("wasm.config.mode").get(0).contains("one of"), e.toString());
        assertTrue(e.get("wasm.config.write_mode").get(0).contains("one of"), e.toString());
        assertTrue(e.get("wasm.config.tables").get(0).contains("/tables/0"), e.toString());
        assertTrue(e.get("wasm.config.options").get(0).contains("/options/fetch"), e.toString());
        assertTrue(e.get("wasm.config.tabels").get(0).contains("not a setting"), e.toString());
        assertTrue(e.get("wasm.config.host").get(0).contains("at least 1 characters"), e.toString());
    }

    @Test
    void malformedJsonTextAndNonIntegersAreRejected() {
        SettingsMapper.Result r = SettingsMapper.map(props("host", "h", "password", "p", "port", "54.5",
                "tables", "[unquoted]"), schema());
        assertTrue(r.errors().get("wasm.config.port").get(0).contains("integer"));
        assertTrue(r.errors().get("wasm.config.tables").get(0).contains("JSON"));
    }

    @Test
    void secretValuesNeverAppearInMessages() {
        String secretSchema = """
                {"config_schema": {"properties": {"key": {"type": "object", "writeOnly": true}}}}""";
        ManifestSchema s = ManifestSchema.of(Optional.of(Manifest.parse(secretSchema)));
        SettingsMapper.Result r = SettingsMapper.map(props("key", "{\"private\": hunter2"), s);
        assertFalse(r.errors().toString().contains("hunter2"), r.errors().toString());
        r = SettingsMapper.map(props("key", "\"hunter2\""), s);
        assertFalse(r.errors().toString().contains("hunter2"), r.errors().toString());
    }

    @Test
    void aModuleWithoutSchemaTakesAnySettingAsText() {
        ManifestSchema none = ManifestSchema.of(Optional.empty());
        SettingsMapper.Result r = SettingsMapper.map(props("anything", "42"), none);
        assertTrue(r.ok());
        assertEquals("42", r.configJson().get("anything").asText());
    }

    @Test
    void networkAllowListIsDerivedFromSettingsAndDefaultsUnlessOverridden() {
        ManifestSchema s = schema();
        assertEquals(List.of("db.internal:5432"), NetworkRules.allowList(null, s, PluginJson.parseObject("{\"host\":\"db.internal\"}")));
        assertEquals(List.of("[fd00::5]:6000"),
                NetworkRules.allowList(null, s, PluginJson.parseObject("{\"host\":\"fd00::5\",\"port\":6000}")));
        assertEquals(List.of(), NetworkRules.allowList(null, s, PluginJson.parseObject("{}")), "no host: no rule");
        assertEquals(List.of("10.0.0.0/8:5432"), NetworkRules.allowList(List.of("10.0.0.0/8:5432"), s,
                PluginJson.parseObject("{\"host\":\"db\"}")));
        String multi = """
                {"config_schema": {"properties": {"hosts": {"type": "array"}}},
                 "permissions": {"network": ["${hosts}:9092", "static.example.com:443"]}}""";
        ManifestSchema m = ManifestSchema.of(Optional.of(Manifest.parse(multi)));
        assertEquals(List.of("a:9092", "b:9092", "static.example.com:443"),
                NetworkRules.allowList(null, m, PluginJson.parseObject("{\"hosts\":[\"a\",\"b\"]}")));
    }
}
