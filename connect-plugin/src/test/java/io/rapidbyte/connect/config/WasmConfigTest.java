package io.rapidbyte.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.source.SourceConfig;
import io.rapidbyte.host.frames.FrameLimits;
import io.rapidbyte.host.lifecycle.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** The sandbox's frame limits as Connect settings: defaults, parsing, ranges, cross-checks. */
class WasmConfigTest {
    private static Map<String, String> props(String... kv) {
        Map<String, String> p = new HashMap<>(Map.of("name", "src", "wasm.connector", "example-generator",
                "topic", "t", "wasm.config.rows", "10"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsAreTheHostsAndSettingsReachTheInstanceLimits() {
        assertEquals(FrameLimits.DEFAULT, new SourceConfig(props()).frameLimits());
        ConnectorSetup setup = ConnectorSetup.resolve(new SourceConfig(props("wasm.frames.max.live", "16",
                "wasm.frames.max.bytes", "2097152", "wasm.frames.max.total.bytes", "8388608")), Role.SOURCE);
        assertEquals(new FrameLimits(16, 2_097_152, 8_388_608), setup.instanceLimits().frames());
    }

    @Test
    void rangesAreCheckedPerField() {
        List<ConfigValue> values = SourceConfig.DEFINITION.validate(props("wasm.frames.max.live", "0",
                "wasm.frames.max.bytes", Long.toString(FrameLimits.MAX_FRAME_BYTES_CEILING + 1),
                "wasm.frames.max.total.bytes", "10"));
        for (String key : List.of("wasm.frames.max.live", "wasm.frames.max.bytes", "wasm.frames.max.total.bytes")) {
            ConfigValue v = values.stream().filter(c -> c.name().equals(key)).findFirst().orElseThrow();
            assertEquals(1, v.errorMessages().size(), key + ": " + v.errorMessages());
        }
    }

    @Test
    void aFrameMustHoldABatchAndFitTheTotal() {
        SourceConfig c = new SourceConfig(props("wasm.frames.max.bytes", "1048576", "wasm.frames.max.total.bytes",
                "524288", "wasm.batch.max.bytes", "2000000"));
        Map<String, String> problems = c.frameLimitProblems();
        assertTrue(problems.get("wasm.frames.max.bytes").contains("must not exceed wasm.frames.max.total.bytes"),
                problems.toString());
        assertTrue(problems.get("wasm.batch.max.bytes").contains("a batch is one frame"), problems.toString());
        KeyedConfigException e = assertThrows(KeyedConfigException.class, () -> ConnectorSetup.resolve(c, Role.SOURCE));
        assertEquals("wasm.frames.max.bytes", e.key());
        assertTrue(new SourceConfig(props()).frameLimitProblems().isEmpty());

        Map<String, String> bad = props("wasm.frames.max.bytes", "1048576", "wasm.frames.max.total.bytes", "524288",
                "wasm.validate.with.connector", "false");
        ConfigValue reported = new io.rapidbyte.connect.source.WasmSourceConnector().validate(bad).configValues()
                .stream().filter(v -> v.name().equals("wasm.frames.max.bytes")).findFirst().orElseThrow();
        assertEquals(1, reported.errorMessages().size(), "config/validate names the field");
    }
}
