package io.rapidbyte.it.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.it.env.WorkerProperties;
import io.rapidbyte.it.pipeline.Secrets;
import io.rapidbyte.it.rest.ConnectorPayload;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The files in {@code config/} fit together the way the README says: the sink reads the topic the
 * source writes, both use the converters the plugin requires, passwords are config-provider
 * references to the secrets file, and the worker enables what the payloads rely on.
 */
class ConfigFilesTest {
    private static final Path CONFIG = Path.of("..", "config");

    @Test
    void thePayloadsChainSourceToSinkOverOneTopic() {
        ConnectorPayload source = ConnectorPayload.load(CONFIG, ConnectorPayload.SOURCE_FILE);
        ConnectorPayload sink = ConnectorPayload.load(CONFIG, ConnectorPayload.SINK_FILE);
        assertEquals("io.rapidbyte.connect.source.WasmSourceConnector", source.get("connector.class"));
        assertEquals("io.rapidbyte.connect.sink.WasmSinkConnector", sink.get("connector.class"));
        assertEquals("source-postgres", source.get("wasm.connector"));
        assertEquals("dest-postgres", sink.get("wasm.connector"));
        assertEquals(source.get("topic"), sink.get("topics"), "the sink reads the source's topic");
        for (ConnectorPayload p : new ConnectorPayload[] {source, sink}) {
            assertEquals("org.apache.kafka.connect.storage.StringConverter", p.get("key.converter"), p.name());
            assertEquals("org.apache.kafka.connect.converters.ByteArrayConverter", p.get("value.converter"), p.name());
            String password = p.get("wasm.config.password");
            assertTrue(password.startsWith("${file:" + Secrets.CONFIGURED_PATH + ":"), p.name() + ": " + password);
        }
        assertEquals("required", source.get("exactly.once.support"));
        assertEquals("zstd", source.get("producer.override.compression.type"), "batches cross Kafka compressed");
        assertTrue(Long.parseLong(source.get("producer.override.batch.size")) >= 1_024_000,
                "the producer pools its buffers only for records that fit batch.size (wasm.batch.max.bytes' default)");
        assertEquals("read_committed", sink.get("consumer.override.isolation.level"));
        assertEquals("none", sink.get("errors.tolerance"), "the shipped sink never hides a data error");
        assertNull(sink.get("errors.deadletterqueue.topic.name"), "Connect ignores a dead-letter topic without tolerance all");
    }

    @Test
    void theWorkerEnablesWhatThePayloadsNeed() {
        WorkerProperties worker = WorkerProperties.load(CONFIG);
        assertEquals("enabled", worker.get("exactly.once.source.support"));
        assertEquals("file", worker.get("config.providers"));
        assertEquals("org.apache.kafka.common.config.provider.FileConfigProvider", worker.get("config.providers.file.class"));
        assertEquals("All", worker.get("connector.client.config.override.policy"));
        assertTrue(worker.get("plugin.path").length() > 0);

        Map<String, String> embedded = worker.forEmbedding(Path.of("/tmp/plugins"));
        assertEquals(Path.of("/tmp/plugins").toAbsolutePath().toString(), embedded.get("plugin.path"));
        assertNull(embedded.get("bootstrap.servers"), "the environment sets its own broker");
        assertNull(embedded.get("listeners"), "the environment picks a free port");
    }

    @Test
    void secretsReplaceOnlyTheConfiguredPath() {
        Secrets secrets = new Secrets(Path.of("/run/s.properties"), "a", "b");
        assertEquals("${file:/run/s.properties:source.password}",
                secrets.resolvePath("${file:" + Secrets.CONFIGURED_PATH + ":source.password}"));
        assertEquals("literal", secrets.resolvePath("literal"));
    }
}
