package io.rapidbyte.connect.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.source.WasmSourceConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.Test;

/** Hostile guests (a memory bomb, an endless loop) fail only their own tasks. */
class HostileGuestsClusterTest extends ConnectClusterTestBase {
    /**
     * A memory bomb and an endless loop, each a source in the same worker as a working pipeline:
     * they fail only their own tasks (memory cap, call timeout), also when restarted, while the
     * pipeline delivers every batch and its tasks keep running.
     */
    @Test
    void hostileGuestsFailOnlyTheirOwnTasksWhileAnotherPipelineKeepsMovingData() throws Exception {
        String topic = "steady";
        long rows = 60_000;
        connect.kafka().createTopic(topic, 1);
        connect.kafka().createTopic("steady-gen.rapidbyte-state", 1);
        Map<String, String> sink = sinkConfig();
        sink.put("topics", topic);
        Map<String, String> source = sourceConfig();
        source.put("topic", topic);
        source.remove("wasm.config.trap_after_batches");
        source.remove("dlq.topic");
        source.put("exactly.once.support", "requested");
        source.put("wasm.config.rows", Long.toString(rows));
        source.put("wasm.config.batch_rows", "1000");
        connect.configureConnector("steady-verify", sink);
        connect.configureConnector("steady-gen", source);

        for (String name : List.of("bomb", "spin")) {
            connect.kafka().createTopic(name + ".rapidbyte-state", 1);
        }
        connect.configureConnector("bomb", probeSource("[" + "{\"op\": \"alloc\", \"bytes\": 4000000},".repeat(24)
                + "{\"op\": \"checkpoint\", \"kind\": \"source\", \"payload\": {}}]", "wasm.memory.max.mb", "40"));
        connect.configureConnector("spin", probeSource("[{\"op\": \"frame-new\", \"as\": \"f\"}, {\"op\": \"spin\"}]",
                "wasm.call.timeout.ms", "3000"));
        for (int round = 0; round < 2; round++) {
            awaitTaskFailed("bomb", "GUEST_TRAP");
            awaitTaskFailed("spin", "GUEST_TIMEOUT");
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("steady-gen", 2,
                    "the pipeline's source stopped because of the hostile guests");
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("steady-verify", 1,
                    "the pipeline's sink stopped because of the hostile guests");
            if (round == 0) {
                connect.restartConnectorAndTasks("bomb", true, true, false);
                connect.restartConnectorAndTasks("spin", true, true, false);
            }
        }

        TestUtils.waitForCondition(() -> countBatchRecords(topic) == 2 * rows / 1000, WAIT_MS,
                () -> "the pipeline delivered " + countBatchRecords(topic) + " of " + 2 * rows / 1000 + " batches");
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("steady-gen", 2, "the pipeline's source failed");
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("steady-verify", 1, "the pipeline's sink failed");
        for (String name : List.of("bomb", "spin", "steady-gen", "steady-verify")) {
            connect.deleteConnector(name);
        }
    }

    private static Map<String, String> probeSource(String script, String... extra) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", WasmSourceConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        c.put("wasm.path", io.rapidbyte.connect.testing.ProbeModule.path().toString());
        c.put("topic", "hostile");
        c.put("wasm.config.script", script);
        c.put("wasm.validate.with.connector", "false");
        for (int i = 0; i < extra.length; i += 2) {
            c.put(extra[i], extra[i + 1]);
        }
        return c;
    }

    private static void awaitTaskFailed(String connector, String code) throws InterruptedException {
        TestUtils.waitForCondition(() -> {
            ConnectorStateInfo state = connect.connectorStatus(connector);
            return state.tasks().size() == 1 && state.tasks().get(0).state().equals("FAILED");
        }, WAIT_MS, () -> connector + " did not fail: " + connect.connectorStatus(connector));
        String trace = connect.connectorStatus(connector).tasks().get(0).trace();
        assertTrue(trace.contains(code), connector + ": " + trace);
    }
}
