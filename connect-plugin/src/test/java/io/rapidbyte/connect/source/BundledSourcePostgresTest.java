package io.rapidbyte.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The bundled source-postgres connector's manifest drives the Connect configuration. */
class BundledSourcePostgresTest {
    private static Map<String, String> config(String... extra) {
        Map<String, String> c = new HashMap<>(Map.of("name", "pg", "wasm.connector", "source-postgres",
                "topic.prefix", "pg.", "wasm.config.host", "db.example.com", "wasm.config.user", "reader",
                "wasm.config.password", "s3cret", "wasm.config.streams",
                "[{\"name\": \"public.orders\", \"sync_mode\": \"incremental\", \"cursor_field\": \"updated_at\"}]",
                "wasm.validate.with.connector", "false"));
        for (int i = 0; i < extra.length; i += 2) {
            c.put(extra[i], extra[i + 1]);
        }
        return c;
    }

    private static Map<String, ConfigValue> validate(Map<String, String> config) {
        return new WasmSourceConnector().validate(config).configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, v -> v));
    }

    @Test
    void itsSettingsAreFlatPropertiesWithTheSecretHidden() {
        Map<String, ConfigValue> values = validate(config());
        values.values().forEach(v -> assertTrue(v.errorMessages().isEmpty(), v.name() + ": " + v.errorMessages()));
        assertInstanceOf(Password.class, values.get("wasm.config.password").value());
        assertFalse(values.toString().contains("s3cret"), "the password never appears in the validation result");

        ConnectorSetup setup = ConnectorSetup.resolve(new SourceConfig(config()), Role.SOURCE);
        assertEquals(List.of("db.example.com:5432"), setup.allowList(), "derived from host and the port's default");
        assertEquals("reader", PluginJson.parse(setup.configJson()).get("user").asText());
    }

    @Test
    void schemaViolationsLandOnTheirFields() {
        Map<String, ConfigValue> values = validate(config("wasm.config.port", "0", "wasm.config.streams",
                "[{\"name\": \"orders\"}]", "wasm.config.user", ""));
        assertTrue(values.get("wasm.config.port").errorMessages().get(0).contains("at least 1"));
        assertTrue(values.get("wasm.config.streams").errorMessages().get(0).contains("/streams/0/name"));
        assertTrue(values.get("wasm.config.user").errorMessages().get(0).contains("at least 1 characters"));
    }

    @Test
    void theNetworkOverrideReplacesTheDerivedList() {
        ConnectorSetup setup = ConnectorSetup.resolve(new SourceConfig(config("wasm.network.allow", "10.0.0.0/8:5432")),
                Role.SOURCE);
        assertEquals(List.of("10.0.0.0/8:5432"), setup.allowList());
    }

    @Test
    void hostBufferReuseIsASandboxSetting() {
        ConnectorSetup defaults = ConnectorSetup.resolve(new SourceConfig(config()), Role.SOURCE);
        assertEquals(4L << 20, defaults.instanceLimits().frames().reusableBytes());
        ConnectorSetup none = ConnectorSetup.resolve(new SourceConfig(config("wasm.reusable.buffer.bytes", "0")),
                Role.SOURCE);
        assertEquals(0, none.instanceLimits().frames().reusableBytes());
        ConnectorSetup some = ConnectorSetup.resolve(new SourceConfig(config("wasm.reusable.buffer.bytes", "65536")),
                Role.SOURCE);
        assertEquals(65536, some.instanceLimits().frames().reusableBytes());
        assertTrue(validate(config("wasm.reusable.buffer.bytes", "67108864")).get("wasm.reusable.buffer.bytes")
                .errorMessages().isEmpty(), "64 MiB is the most");
        for (String[] bad : new String[][] {{"-1", "at least 0"}, {"67108865", "no more than 67108864"},
                {"4MiB", "Not a number"}}) {
            List<String> errors = validate(config("wasm.reusable.buffer.bytes", bad[0]))
                    .get("wasm.reusable.buffer.bytes").errorMessages();
            assertFalse(errors.isEmpty(), bad[0]);
            assertTrue(errors.get(0).contains("wasm.reusable.buffer.bytes") && errors.get(0).contains(bad[0])
                    && errors.get(0).contains(bad[1]), bad[0] + ": " + errors);
        }
    }

    @Test
    void recordCompressionTakesKafkasCodecsOnly() {
        for (String codec : List.of("", "none", "gzip", "snappy", "lz4", "zstd")) {
            assertTrue(validate(config(SourceConfig.RECORD_COMPRESSION, codec)).get(SourceConfig.RECORD_COMPRESSION)
                    .errorMessages().isEmpty(), codec);
        }
        List<String> errors = validate(config(SourceConfig.RECORD_COMPRESSION, "brotli"))
                .get(SourceConfig.RECORD_COMPRESSION).errorMessages();
        assertTrue(errors.get(0).contains(SourceConfig.RECORD_COMPRESSION) && errors.get(0).contains("brotli")
                && errors.get(0).contains("none, gzip, snappy, lz4, zstd"), errors.toString());
        assertTrue(validate(config(SourceConfig.RECORD_COMPRESSION, "ZSTD")).get(SourceConfig.RECORD_COMPRESSION)
                .errorMessages().get(0).contains("ZSTD"), "codecs are lower case, as Kafka spells them");
    }

    @Test
    void theConnectorsOwnValidateRunsAgainstTheDatabase() {
        // Nothing listens on port 1: the connector's validate (or open) must fail, on the selector field.
        Map<String, ConfigValue> values = validate(config("wasm.validate.with.connector", "true",
                "wasm.config.host", "127.0.0.1", "wasm.config.port", "1", "wasm.config.connect_timeout_ms", "2000"));
        assertFalse(values.get("wasm.connector").errorMessages().isEmpty(), values.get("wasm.connector").toString());
    }
}
