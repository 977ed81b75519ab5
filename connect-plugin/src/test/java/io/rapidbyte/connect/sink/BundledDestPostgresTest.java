package io.rapidbyte.connect.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.config.BundledConnectors;
import io.rapidbyte.connect.config.ConnectorSetup;
import io.rapidbyte.connect.json.PluginJson;
import io.rapidbyte.host.lifecycle.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

/** The bundled dest-postgres connector ships precompiled and its manifest drives the sink's configuration. */
class BundledDestPostgresTest {
    private static Map<String, String> config(String... extra) {
        Map<String, String> c = new HashMap<>(Map.of("name", "pg-sink", "topics", "pg.public.orders",
                "wasm.connector", "dest-postgres", "wasm.config.host", "warehouse.example.com",
                "wasm.config.database", "analytics", "wasm.config.user", "loader",
                "wasm.config.password", "s3cret", "wasm.validate.with.connector", "false"));
        for (int i = 0; i < extra.length; i += 2) {
            c.put(extra[i], extra[i + 1]);
        }
        return c;
    }

    private static Map<String, ConfigValue> validate(Map<String, String> config) {
        return new WasmSinkConnector().validate(config).configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, v -> v));
    }

    @Test
    void itIsBundledPrecompiled() {
        assertTrue(BundledConnectors.names().contains("dest-postgres"), BundledConnectors.names().toString());
        assertTrue(BundledConnectors.precompiled("dest-postgres").isPresent(), "dest-postgres ships as JVM bytecode");
    }

    @Test
    void itsSettingsAreFlatPropertiesWithTheSecretHidden() {
        Map<String, ConfigValue> values = validate(config());
        values.values().forEach(v -> assertTrue(v.errorMessages().isEmpty(), v.name() + ": " + v.errorMessages()));
        assertInstanceOf(Password.class, values.get("wasm.config.password").value());
        assertFalse(values.toString().contains("s3cret"), "the password never appears in the validation result");

        ConnectorSetup setup = ConnectorSetup.resolve(new SinkConfig(config()), Role.DESTINATION);
        assertEquals(List.of("warehouse.example.com:5432"), setup.allowList(), "derived from host and the default port");
        assertEquals("analytics", PluginJson.parse(setup.configJson()).get("database").asText());
    }

    @Test
    void schemaViolationsLandOnTheirFields() {
        Map<String, ConfigValue> values = validate(config("wasm.config.write_mode", "merge", "wasm.config.port", "0"));
        assertFalse(values.get("wasm.config.write_mode").errorMessages().isEmpty(),
                values.get("wasm.config.write_mode").toString());
        assertFalse(values.get("wasm.config.port").errorMessages().isEmpty(), values.get("wasm.config.port").toString());
    }

    @Test
    void aDestinationCannotBeUsedAsASource() {
        Map<String, String> c = config();
        c.put("topic.prefix", "pg.");
        Map<String, ConfigValue> values = new io.rapidbyte.connect.source.WasmSourceConnector().validate(c)
                .configValues().stream().collect(Collectors.toMap(ConfigValue::name, v -> v));
        assertFalse(values.get("wasm.connector").errorMessages().isEmpty(), "role mismatch is a field error");
    }
}
