package io.rapidbyte.connect.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapidbyte.connect.sink.WasmSinkConnector;
import io.rapidbyte.connect.source.SourceConfig;
import io.rapidbyte.connect.source.WasmSourceConnector;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.api.Test;

/**
 * Config validation over REST ({@code PUT .../config/validate}): errors reported per field, values
 * echoed as given, secrets hidden, other converters and unresolved {@code ${file:...}} references
 * refused.
 */
class ConfigValidationClusterTest extends ConnectClusterTestBase {
    @Test
    void validationErrorsAreReportedPerFieldOverRest() {
        Map<String, String> bad = sourceConfig();
        bad.put("name", "bad");
        bad.remove("topic");
        bad.put("wasm.config.rows", "-5");
        bad.put("wasm.config.batch_rows", "many");
        bad.put("wasm.config.colour", "blue");
        ConfigInfos infos = connect.validateConnectorConfig(WasmSourceConnector.class.getSimpleName(), bad);
        Map<String, List<String>> errors = errorsByName(infos);
        assertTrue(errors.get("topic").get(0).contains("exactly one of topic and topic.prefix"), errors.toString());
        assertTrue(errors.get("wasm.config.rows").get(0).contains("at least 0"), errors.toString());
        assertTrue(errors.get("wasm.config.batch_rows").get(0).contains("integer"), errors.toString());
        assertTrue(errors.get("wasm.config.colour").get(0).contains("not a setting"), errors.toString());
        assertEquals(4, infos.errorCount(), errors.toString());

        // Connect checks only its override policy; a codec the producer does not know is ours to refuse.
        Map<String, String> codec = sourceConfig();
        codec.put("name", "bad-codec");
        codec.put(SourceConfig.RECORD_COMPRESSION, "zstdd");
        errors = errorsByName(connect.validateConnectorConfig(WasmSourceConnector.class.getSimpleName(), codec));
        assertTrue(errors.get(SourceConfig.RECORD_COMPRESSION).get(0).contains("zstdd")
                && errors.get(SourceConfig.RECORD_COMPRESSION).get(0).contains("none, gzip, snappy, lz4, zstd"),
                errors.toString());
        assertEquals(1, errors.size(), errors.toString());

        Map<String, String> wrongRole = sourceConfig();
        wrongRole.put("name", "wrong-role");
        wrongRole.put("wasm.connector", "example-verify");
        errors = errorsByName(connect.validateConnectorConfig(WasmSourceConnector.class.getSimpleName(), wrongRole));
        assertTrue(errors.get("wasm.connector").get(0).contains("is a destination connector"), errors.toString());

        Map<String, String> unknown = sinkConfig();
        unknown.put("name", "unknown");
        unknown.put("wasm.connector", "no-such-connector");
        errors = errorsByName(connect.validateConnectorConfig(WasmSinkConnector.class.getSimpleName(), unknown));
        String unknownError = errors.get("wasm.connector").get(0);
        for (String bundled : List.of("source-postgres", "dest-postgres", "example-generator", "example-verify",
                "example-filter", "example-mask")) {
            assertTrue(unknownError.contains(bundled), "lists the bundled " + bundled + ": " + errors);
        }

        Map<String, String> pinned = sinkConfig();
        pinned.put("name", "pinned");
        pinned.put("wasm.sha256", "0".repeat(64));
        errors = errorsByName(connect.validateConnectorConfig(WasmSinkConnector.class.getSimpleName(), pinned));
        assertTrue(errors.get("wasm.sha256").get(0).contains("not the pinned"), errors.toString());
    }

    @Test
    void validateRefusesOtherConvertersAndUnresolvedReferencesAndEchoesValues() throws Exception {
        Map<String, String> c = sourceConfig();
        c.put("name", "converters");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("header.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        ConfigInfos infos = connect.validateConnectorConfig(WasmSourceConnector.class.getSimpleName(), c);
        Map<String, List<String>> errors = errorsByName(infos);
        assertTrue(errors.get("value.converter").get(0).contains("JsonConverter")
                && errors.get("value.converter").get(0).contains("value.converter="
                        + "org.apache.kafka.connect.converters.ByteArrayConverter"), errors.toString());
        assertTrue(errors.get("header.converter").get(0).contains("SimpleHeaderConverter"), errors.toString());
        assertEquals("org.apache.kafka.connect.json.JsonConverter", valueOf(infos, "value.converter"));
        assertEquals(2, infos.errorCount(), errors.toString());

        // A value that does not parse is echoed as given, not as null.
        Map<String, String> unparsable = sourceConfig();
        unparsable.put("name", "unparsable");
        unparsable.put("wasm.memory.max.mb", "lots");
        unparsable.put("wasm.config.batch_rows", "many");
        infos = connect.validateConnectorConfig(WasmSourceConnector.class.getSimpleName(), unparsable);
        assertEquals("lots", valueOf(infos, "wasm.memory.max.mb"), errorsByName(infos).toString());
        unparsable.remove("wasm.memory.max.mb");
        infos = connect.validateConnectorConfig(WasmSourceConnector.class.getSimpleName(), unparsable);
        assertEquals("many", valueOf(infos, "wasm.config.batch_rows"), errorsByName(infos).toString());

        // A ${file:...} reference to a file that exists but lacks the key stays unresolved: refused on its field.
        java.nio.file.Path secrets = java.nio.file.Files.createTempFile("rapidbyte-secrets", ".properties");
        try {
            java.nio.file.Files.writeString(secrets, "other.password=x\n");
            Map<String, String> ref = sourceConfig();
            ref.put("name", "ref");
            ref.put("wasm.config.seed", "${file:" + secrets + ":source.password}");
            ref.put("wasm.config.rows", "${nosuchprovider:rows}");
            infos = connect.validateConnectorConfig(WasmSourceConnector.class.getSimpleName(), ref);
            errors = errorsByName(infos);
            assertTrue(errors.get("wasm.config.seed").get(0).contains("no key 'source.password' at '" + secrets + "'"),
                    errors.toString());
            assertTrue(errors.get("wasm.config.rows").get(0).contains("no config provider 'nosuchprovider'"),
                    errors.toString());
            assertEquals("[hidden]", valueOf(infos, "wasm.config.seed"), "the settings are not known yet: masked");

            // A missing file is Kafka's own failure, before the connector sees the config: HTTP 500 naming
            // the file (README: create the secrets file on the worker first).
            ref.put("wasm.config.seed", "${file:/nonexistent/rapidbyte-secrets.properties:source.password}");
            ref.put("wasm.config.rows", "5");
            jakarta.ws.rs.core.Response missing = connect.requestPut(connect.endpointForResource(
                    "connector-plugins/WasmSourceConnector/config/validate"), new ObjectMapper().writeValueAsString(ref));
            String body = missing.getEntity().toString();
            assertEquals(500, missing.getStatus(), body);
            assertTrue(body.contains("/nonexistent/rapidbyte-secrets.properties"), body);
        } finally {
            java.nio.file.Files.deleteIfExists(secrets);
        }
    }

    private static Object valueOf(ConfigInfos infos, String name) {
        for (ConfigInfo info : infos.configs()) {
            if (info.configValue() != null && info.configValue().name().equals(name)) {
                return info.configValue().value();
            }
        }
        return null;
    }

    private static Map<String, List<String>> errorsByName(ConfigInfos infos) {
        Map<String, List<String>> out = new TreeMap<>();
        for (ConfigInfo info : infos.configs()) {
            if (info.configValue() != null && !info.configValue().errors().isEmpty()) {
                out.put(info.configValue().name(), info.configValue().errors());
            }
        }
        return out;
    }
}
