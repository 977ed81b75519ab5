package io.rapidbyte.connect.e2e;

import io.rapidbyte.connect.sink.WasmSinkConnector;
import io.rapidbyte.connect.source.WasmSourceConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The plugin in a real (embedded) Connect cluster with exactly-once source support, driven only
 * through the REST API. The e2e test classes extend this: one cluster (one worker, one broker, a
 * {@code file} config provider) is started by the first of them and stopped when the test run
 * ends, so the classes share it as their tests did when they were one class; each test uses its
 * own connector and topic names. Also here: the example-generator source and example-verify sink
 * configs over {@link #TOPIC}, and reading a topic's committed records.
 */
@ExtendWith(ConnectClusterTestBase.SharedCluster.class)
abstract class ConnectClusterTestBase {
    static final String TOPIC = "batches";
    static final String SINK_DLQ = "verify-dlq";
    static final String SOURCE_STATE_TOPIC = "gen.rapidbyte-state";
    static final long ROWS = 10_000;
    static final long BATCH_ROWS = 500;
    static final List<String> STREAMS = List.of("gen.a", "gen.b");
    static final long WAIT_MS = TimeUnit.MINUTES.toMillis(3);

    static EmbeddedConnectCluster connect;

    /** Starts the cluster once per test run (JUnit's root store closes it at the end). */
    static final class SharedCluster implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            connect = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(Running.class, k -> new Running(startCluster()), Running.class).cluster();
        }
    }

    private record Running(EmbeddedConnectCluster cluster) implements AutoCloseable {
        @Override
        public void close() {
            cluster.stop();
        }
    }

    private static EmbeddedConnectCluster startCluster() {
        Map<String, String> worker = new HashMap<>();
        worker.put("exactly.once.source.support", "enabled");
        worker.put("offset.flush.interval.ms", "500");
        // As config/connect-distributed.properties: secrets through ${file:...} references.
        worker.put("config.providers", "file");
        worker.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        // One broker: the transaction log must fit it.
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder()
                .name("rapidbyte-e2e")
                .numWorkers(1)
                .numBrokers(1)
                .brokerProps(broker)
                .workerProps(worker)
                .build();
        cluster.start();
        cluster.kafka().createTopic(TOPIC, 1);
        // The source's state topic (finished markers of full refreshes, connector state): this broker
        // does not auto-create topics.
        cluster.kafka().createTopic(SOURCE_STATE_TOPIC, 1);
        return cluster;
    }

    static Map<String, String> sourceConfig() {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", WasmSourceConnector.class.getName());
        c.put("tasks.max", "2");
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        c.put("exactly.once.support", "required");
        c.put("wasm.connector", "example-generator");
        c.put("topic", TOPIC);
        c.put("dlq.topic", "gen-dlq");
        c.put("wasm.config.rows", Long.toString(ROWS));
        c.put("wasm.config.batch_rows", Long.toString(BATCH_ROWS));
        c.put("wasm.config.streams", "[\"gen.a\",\"gen.b\"]");
        // Every task crashes with a wasm trap after 15 of its 20 batches: a restart must resume there.
        c.put("wasm.config.trap_after_batches", "15");
        return c;
    }

    static Map<String, String> sinkConfig() {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", WasmSinkConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("topics", TOPIC);
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        c.put("errors.tolerance", "all");
        c.put("errors.deadletterqueue.topic.name", SINK_DLQ);
        c.put("errors.deadletterqueue.topic.replication.factor", "1");
        c.put("errors.deadletterqueue.context.headers.enable", "true");
        c.put("wasm.connector", "example-verify");
        c.put("state.kafka.bootstrap.servers", connect.kafka().bootstrapServers());
        return c;
    }

    static long countBatchRecords(String topic) {
        long n = 0;
        for (ConsumerRecord<byte[], byte[]> r : readCommitted(topic)) {
            if (r.headers().lastHeader("rapidbyte.format") != null) {
                n++;
            }
        }
        return n;
    }

    static ConsumerRecords<byte[], byte[]> readCommitted(String topic) {
        try {
            return connect.kafka().consumeAll(WAIT_MS,
                    Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), null, topic);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + topic, e);
        }
    }
}
