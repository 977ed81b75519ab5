package io.rapidbyte.connect.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * read again after a restart, a poison record going to the sink's dead-letter queue, config
 * validation errors reported per field (values echoed, secrets hidden, converters and unresolved
 * {@code ${file:...}} references refused), the plugins' config keys, malformed offsets refused
 * with HTTP 400, and hostile guests (a memory bomb, an endless loop) failing only their own tasks.
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
        // As config/connect-distributed.properties: secrets through ${file:...} references.
        worker.put("config.providers", "file");
        worker.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
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
        return countBatchRecords(TOPIC);
    }

    private static long countBatchRecords(String topic) {
        long n = 0;
        for (ConsumerRecord<byte[], byte[]> r : readCommitted(topic)) {
            if (r.headers().lastHeader("rapidbyte.format") != null) {
                n++;
            }
        }
        return n;
    }

    private static ConsumerRecords<byte[], byte[]> readCommitted() {
        return readCommitted(TOPIC);
    }

    private static ConsumerRecords<byte[], byte[]> readCommitted(String topic) {
        try {
            return connect.kafka().consumeAll(WAIT_MS,
                    Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), null, topic);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + topic, e);
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

    @Test
    void pluginsAreListedWithTheirRealVersion() {
        String listing = String.valueOf(connect.requestGet(connect.endpointForResource("connector-plugins")).getEntity());
        assertTrue(listing.contains(WasmSourceConnector.class.getName()), listing);
        assertTrue(listing.contains(WasmSinkConnector.class.getName()), listing);
        assertFalse(listing.contains("\"version\":\"unknown\""), listing);
        assertTrue(listing.contains(io.rapidbyte.connect.Version.get()), listing);
    }
}
