package io.rapidbyte.connect.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.records.ArrowStreamInspector;
import io.rapidbyte.connect.records.FrameSummary;
import io.rapidbyte.connect.sink.WasmSinkConnector;
import io.rapidbyte.connect.source.SourceConfig;
import io.rapidbyte.connect.source.WasmSourceConnector;
import io.rapidbyte.host.frames.FramePayload;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin in a real (embedded) Connect cluster with exactly-once source support, driven only
 * through the REST API: example-generator source → topic → example-verify destination, with the
 * source tasks crashing mid-stream (a wasm trap) and being restarted, finished full refreshes not
 * read again after a restart, a poison record going to the sink's dead-letter queue, and config
 * validation errors reported per field.
 */
class WasmConnectorsClusterTest {
    private static final String TOPIC = "batches";
    private static final String SINK_DLQ = "verify-dlq";
    private static final String SOURCE_STATE_TOPIC = "gen.rapidbyte-state";
    private static final long ROWS = 10_000;
    private static final long BATCH_ROWS = 500;
    private static final List<String> STREAMS = List.of("gen.a", "gen.b");
    private static final long WAIT_MS = TimeUnit.MINUTES.toMillis(3);

    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startCluster() {
        Map<String, String> worker = new HashMap<>();
        worker.put("exactly.once.source.support", "enabled");
        worker.put("offset.flush.interval.ms", "500");
        // One broker: the transaction log must fit it.
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        connect = new EmbeddedConnectCluster.Builder()
                .name("rapidbyte-e2e")
                .numWorkers(1)
                .numBrokers(1)
                .brokerProps(broker)
                .workerProps(worker)
                .build();
        connect.start();
        connect.kafka().createTopic(TOPIC, 1);
        // The source's state topic (finished markers of full refreshes, connector state): this broker
        // does not auto-create topics.
        connect.kafka().createTopic(SOURCE_STATE_TOPIC, 1);
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
    }

    private static Map<String, String> sourceConfig() {
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

    private static Map<String, String> sinkConfig() {
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
        assertTrue(errors.get("wasm.connector").get(0).contains("example-generator, example-verify"), errors.toString());

        Map<String, String> pinned = sinkConfig();
        pinned.put("name", "pinned");
        pinned.put("wasm.sha256", "0".repeat(64));
        errors = errorsByName(connect.validateConnectorConfig(WasmSinkConnector.class.getSimpleName(), pinned));
        assertTrue(errors.get("wasm.sha256").get(0).contains("not the pinned"), errors.toString());
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

    @Test
    void generatorToVerifyAcrossTaskCrashesWithAPoisonRecordInTheDlq() throws Exception {
        // A record no Rapidbyte source wrote: the sink must send it to its DLQ, not fail or crash.
        connect.kafka().produce(TOPIC, "poison", "not an arrow stream");

        connect.configureConnector("verify", sinkConfig());
        connect.configureConnector("gen", sourceConfig());
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("verify", 1, "sink did not start");

        // Both source tasks trap after 15 batches; restart them (only the failed ones) until every
        // stream has all 20 batches in the topic.
        TestUtils.waitForCondition(() -> {
            ConnectorStateInfo state = connect.connectorStatus("gen");
            if (state.tasks().stream().anyMatch(t -> t.state().equals("FAILED"))) {
                assertTrue(state.tasks().stream().filter(t -> t.state().equals("FAILED"))
                        .allMatch(t -> t.trace().contains("GUEST_TRAP")), state.toString());
                connect.restartConnectorAndTasks("gen", true, true, false);
            }
            return batchesPerStream().values().stream().allMatch(s -> s.size() == ROWS / BATCH_ROWS);
        }, WAIT_MS, "the source did not deliver every batch of every stream");

        // Once both full refreshes are committed as finished, restarting every task reads nothing again.
        TestUtils.waitForCondition(() -> finishedStreams().containsAll(STREAMS), WAIT_MS,
                () -> "the finished full refreshes were not committed: " + connect.connectorOffsets("gen").offsets());
        connect.restartConnectorAndTasks("gen", false, true, false);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("gen", 2, "the source did not restart");
        Thread.sleep(5_000);

        Map<String, Map<Long, Long>> batches = batchesPerStream();
        for (String stream : STREAMS) {
            Map<Long, Long> rowsBySeq = batches.get(stream);
            assertEquals(new TreeSet<>(seqs(1, ROWS / BATCH_ROWS)), rowsBySeq.keySet(), "no batch lost: " + stream);
            assertEquals(ROWS, rowsBySeq.values().stream().mapToLong(Long::longValue).sum(), "no row lost: " + stream);
        }
        assertEquals(ROWS / BATCH_ROWS * STREAMS.size(), countBatchRecords(),
                "exactly-once: no batch written twice despite the crashes and the restart");

        // The sink consumed and confirmed everything, including the poison record.
        long end = 0;
        for (ConsumerRecord<byte[], byte[]> r : readCommitted()) {
            end = Math.max(end, r.offset() + 1);
        }
        long afterLastRecord = end;
        TestUtils.waitForCondition(() -> committedSinkOffset() == afterLastRecord, WAIT_MS,
                () -> "sink committed " + committedSinkOffset() + ", the last record is at " + (afterLastRecord - 1));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("verify", 1, "the sink task failed");

        // The verify destination keeps its progress in state (state-put): it lives in the compacted state topic.
        ConsumerRecords<byte[], byte[]> state = connect.kafka().consume(1, WAIT_MS, "verify.rapidbyte-state");
        assertTrue(new String(state.iterator().next().key(), StandardCharsets.UTF_8).endsWith("verify"));

        ConsumerRecords<byte[], byte[]> dead = connect.kafka().consume(1, WAIT_MS, SINK_DLQ);
        ConsumerRecord<byte[], byte[]> poison = dead.iterator().next();
        assertEquals("not an arrow stream", new String(poison.value(), StandardCharsets.UTF_8));
        Header reason = poison.headers().lastHeader("__connect.errors.exception.message");
        assertTrue(new String(reason.value(), StandardCharsets.UTF_8).contains("not a Rapidbyte V3 Arrow frame"));
    }

    private static List<Long> seqs(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
    }

    /** stream → (seq → rows) of the committed batches in the topic (read_committed). */
    private static Map<String, Map<Long, Long>> batchesPerStream() {
        Map<String, Map<Long, Long>> out = new TreeMap<>();
        STREAMS.forEach(s -> out.put(s, new TreeMap<>()));
        for (ConsumerRecord<byte[], byte[]> r : readCommitted()) {
            if (r.headers().lastHeader("rapidbyte.format") == null) {
                continue;
            }
            FrameSummary s = ArrowStreamInspector.inspect(FramePayload.wrap(r.value()));
            out.computeIfAbsent(s.stream(), k -> new TreeMap<>()).put(Long.parseLong(s.seq()), s.rows());
        }
        return out;
    }

    private static long countBatchRecords() {
        long n = 0;
        for (ConsumerRecord<byte[], byte[]> r : readCommitted()) {
            if (r.headers().lastHeader("rapidbyte.format") != null) {
                n++;
            }
        }
        return n;
    }

    private static ConsumerRecords<byte[], byte[]> readCommitted() {
        try {
            return connect.kafka().consumeAll(WAIT_MS,
                    Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), null, TOPIC);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + TOPIC, e);
        }
    }

    /** Streams whose committed source offset says their full refresh finished. */
    private static List<String> finishedStreams() {
        return connect.connectorOffsets("gen").offsets().stream()
                .filter(o -> "true".equals(o.offset().get("finished")))
                .map(o -> (String) o.partition().get("stream"))
                .toList();
    }

    private static long committedSinkOffset() {
        for (ConnectorOffset o : connect.connectorOffsets("verify").offsets()) {
            if (TOPIC.equals(o.partition().get("kafka_topic"))) {
                return ((Number) o.offset().get("kafka_offset")).longValue();
            }
        }
        return -1;
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
