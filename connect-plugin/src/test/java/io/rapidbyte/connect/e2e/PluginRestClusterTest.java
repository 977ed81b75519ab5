package io.rapidbyte.connect.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapidbyte.connect.sink.WasmSinkConnector;
import io.rapidbyte.connect.source.WasmSourceConnector;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The plugins' REST surface: their config keys (the bundled connectors' settings), an invalid
 * create refused with HTTP 400, malformed offsets refused with HTTP 400, and their real version
 * in the plugin listing.
 */
class PluginRestClusterTest extends ConnectClusterTestBase {
    @Test
    void pluginConfigListsTheBundledConnectorsSettings() throws Exception {
        String source = connect.requestGet(connect.endpointForResource("connector-plugins/WasmSourceConnector/config"))
                .getEntity().toString();
        JsonNode keys = new ObjectMapper().readTree(source);
        Map<String, JsonNode> byName = new TreeMap<>();
        keys.forEach(k -> byName.put(k.path("name").asText(), k));
        assertEquals("PASSWORD", byName.get("wasm.config.password").path("type").asText(), source);
        assertEquals("LONG", byName.get("wasm.config.port").path("type").asText(), source);
        assertEquals("5432", byName.get("wasm.config.port").path("default_value").asText(), source);
        assertTrue(byName.get("wasm.config.host").path("documentation").asText().contains("source-postgres"), source);
        assertTrue(byName.containsKey("wasm.config.rows"), "example-generator's settings too: " + byName.keySet());
        assertTrue(byName.containsKey("wasm.connector") && byName.containsKey("topic"), byName.keySet().toString());

        String sink = connect.requestGet(connect.endpointForResource("connector-plugins/WasmSinkConnector/config"))
                .getEntity().toString();
        assertTrue(sink.contains("\"wasm.config.write_mode\""), sink);
        assertFalse(sink.contains("\"wasm.config.rows\""), "no source settings on the sink: " + sink);

        // Connect's answer to an invalid create reads a value for every key of config(): still a 400.
        Map<String, String> bad = sourceConfig();
        bad.put("wasm.config.rows", "-5");
        String create = new ObjectMapper().writeValueAsString(Map.of("name", "invalid", "config", bad));
        jakarta.ws.rs.core.Response refused = connect.requestPost(connect.endpointForResource("connectors"), create,
                Map.of("Content-Type", "application/json"));
        String body = refused.getEntity().toString();
        assertEquals(400, refused.getStatus(), body);
        assertTrue(body.contains("wasm.config.rows"), body);
    }

    @Test
    void malformedOffsetsAreABadRequest() throws Exception {
        Map<String, String> c = sourceConfig();
        c.put("topic", "offsets-batches");
        connect.kafka().createTopic("offsets-batches", 1);
        connect.kafka().createTopic("offsets.rapidbyte-state", 1);
        c.put("wasm.config.rows", "10");
        c.put("wasm.config.trap_after_batches", "0");
        connect.configureConnector("offsets", c);
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("offsets", 1, "offsets did not start");
        connect.stopConnector("offsets");
        connect.assertions().assertConnectorIsStopped("offsets", "offsets did not stop");
        String url = connect.endpointForResource("connectors/offsets/offsets");
        try {
            String[][] cases = {
                {"{\"offsets\":[{\"partition\":{\"stream\":\"gen.a\"},\"offset\":{\"position\":5}}]}", "position"},
                {"{\"offsets\":[{\"partition\":{\"stream\":\"gen.a\"},\"offset\":{\"checkpoint\":5}}]}", "checkpoint"},
                {"{\"offsets\":[{\"partition\":{\"table\":\"x\"},\"offset\":null}]}", "table"},
            };
            for (String[] bad : cases) {
                jakarta.ws.rs.core.Response r = connect.requestPatch(url, bad[0]);
                String body = r.getEntity().toString();
                assertEquals(400, r.getStatus(), bad[0] + " -> " + body);
                assertTrue(body.contains(bad[1]), "the answer names the bad key or value: " + body);
            }
            jakarta.ws.rs.core.Response ok = connect.requestPatch(url,
                    "{\"offsets\":[{\"partition\":{\"stream\":\"gen.a\"},\"offset\":{\"checkpoint\":\"{}\"}}]}");
            assertEquals(200, ok.getStatus(), ok.getEntity().toString());
        } finally {
            connect.deleteConnector("offsets");
        }
    }

    @Test
    void pluginsAreListedWithTheirRealVersion() {
        String listing = String.valueOf(connect.requestGet(connect.endpointForResource("connector-plugins")).getEntity());
        assertTrue(listing.contains(WasmSourceConnector.class.getName()), listing);
        assertTrue(listing.contains(WasmSinkConnector.class.getName()), listing);
        assertFalse(listing.contains("\"version\":\"unknown\""), listing);
        assertTrue(listing.contains(io.rapidbyte.connect.Version.get()), listing);
    }
}
