package io.rapidbyte.connect.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.json.PluginJson;
import io.rapidbyte.connect.source.WasmSourceTask;
import io.rapidbyte.connect.testing.FakeSinkContext;
import io.rapidbyte.connect.testing.FakeSourceContext;
import io.rapidbyte.host.imports.StateNamespaces;
import io.rapidbyte.host.state.InMemoryStateStore;
import io.rapidbyte.host.state.StateStore;
import io.rapidbyte.host.types.StateScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sink task with the real example-verify guest, fed with batches the example-generator made. */
class WasmSinkTaskTest {
    private static final TopicPartition TP = new TopicPartition("batches", 0);
    private static List<SourceRecord> generated;

    @BeforeAll
    static void generate() throws Exception {
        Map<String, String> props = io.rapidbyte.connect.source.WasmSourceTaskTestSupport.generatorConfig(2500);
        FakeSourceContext context = new FakeSourceContext(props);
        WasmSourceTask source = new WasmSourceTask();
        source.initialize(context);
        source.start(props);
        try {
            generated = io.rapidbyte.connect.source.WasmSourceTaskTestSupport.pollBatches(source, 6);
        } finally {
            source.stop();
        }
    }

    /** The generated batches as a sink would receive them from partition 0 of one topic. */
    private static List<SinkRecord> asSinkRecords(long firstOffset) {
        List<SinkRecord> out = new ArrayList<>();
        long offset = firstOffset;
        for (SourceRecord r : generated) {
            ConnectHeaders headers = new ConnectHeaders();
            r.headers().forEach(headers::add);
            out.add(new SinkRecord(TP.topic(), TP.partition(), r.keySchema(), r.key(), r.valueSchema(), r.value(),
                    offset++, null, null, headers));
        }
        return out;
    }

    private static Map<String, String> verifyConfig(String... extra) {
        Map<String, String> props = new HashMap<>(Map.of("name", "verify", "wasm.connector", "example-verify",
                "topics", "batches"));
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return props;
    }

    /** A task with an in-memory state store (the Kafka-backed one needs a broker). */
    private static final class TestSinkTask extends WasmSinkTask {
        final InMemoryStateStore store = new InMemoryStateStore();

        @Override
        protected StateStore openStateStore(SinkConfig config) {
            return store;
        }
    }

    private static TestSinkTask start(FakeSinkContext context) {
        TestSinkTask task = new TestSinkTask();
        task.initialize(context);
        task.start(context.configs());
        return task;
    }

    @Test
    void everyBatchReachesTheDestinationAndOnlyConfirmedOffsetsAreCommitted() {
        FakeSinkContext context = new FakeSinkContext(verifyConfig(), false);
        TestSinkTask task = start(context);
        try {
            task.put(asSinkRecords(100));
            Map<TopicPartition, OffsetAndMetadata> commit = task.preCommit(Map.of(TP, new OffsetAndMetadata(106)));
            assertEquals(Map.of(TP, new OffsetAndMetadata(106)), commit);
            for (String stream : List.of("gen.a", "gen.b")) {
                String ns = new StateNamespaces("verify", stream, "verify").namespace(StateScope.STREAM);
                var progress = PluginJson.parse(task.store.get(ns, "verify").orElseThrow());
                assertEquals(2500, progress.get("rows").asLong(), stream);
                assertEquals(3, progress.get("last_seq").asLong(), stream);
            }
        } finally {
            task.stop();
        }
    }

    @Test
    void aRecordThatIsNotAFrameGoesToTheDeadLetterQueueAndIsCommittedPast() {
        FakeSinkContext context = new FakeSinkContext(verifyConfig(), true);
        TestSinkTask task = start(context);
        try {
            List<SinkRecord> records = new ArrayList<>(asSinkRecords(0));
            SinkRecord poison = new SinkRecord(TP.topic(), TP.partition(), null, "x", null,
                    "{\"not\":\"arrow\"}".getBytes(), 6);
            records.add(poison);
            task.put(records);
            assertEquals(Map.of(TP, new OffsetAndMetadata(7)), task.preCommit(Map.of(TP, new OffsetAndMetadata(7))));
            assertEquals(1, context.reported.size());
            assertEquals(6, context.reported.get(0).record().kafkaOffset());
            assertTrue(context.reported.get(0).error().getMessage().contains("no rapidbyte.stream header"), context.reported.get(0).error().getMessage());
        } finally {
            task.stop();
        }
    }

    @Test
    void withoutADeadLetterQueueAPoisonRecordFailsTheTaskWithTheReason() {
        TestSinkTask task = start(new FakeSinkContext(verifyConfig(), false));
        try {
            SinkRecord poison = new SinkRecord(TP.topic(), TP.partition(), null, "x", null, new byte[] {1, 2, 3}, 0);
            ConnectException e = assertThrows(ConnectException.class, () -> task.put(List.of(poison)));
            assertTrue(e.getMessage().contains("not a Rapidbyte V3 Arrow frame"), e.getMessage());
            assertTrue(e.getMessage().contains("errors.deadletterqueue.topic.name"), e.getMessage());
        } finally {
            task.stop();
        }
    }

    @Test
    void aReporterWithoutErrorsToleranceAllIsNoDeadLetterQueue() {
        // errors.log.enable=true gives a reporter even with errors.tolerance=none: reporting would
        // fail the task with Connect's "Tolerance exceeded" instead of the record's own reason.
        FakeSinkContext context = new FakeSinkContext(verifyConfig(), true, "none");
        TestSinkTask task = start(context);
        try {
            SinkRecord poison = new SinkRecord(TP.topic(), TP.partition(), null, "x", null, new byte[] {1, 2, 3}, 0);
            ConnectException e = assertThrows(ConnectException.class, () -> task.put(List.of(poison)));
            assertTrue(e.getMessage().contains("not a Rapidbyte V3 Arrow frame"), e.getMessage());
            assertEquals(List.of(), context.reported);
        } finally {
            task.stop();
        }
    }

    @Test
    void aConnectorErrorFailsTheTaskWithTheConnectorsMessageAndCommitsNothingUnconfirmed() {
        TestSinkTask task = start(new FakeSinkContext(verifyConfig(), false));
        try {
            List<SinkRecord> records = asSinkRecords(0);
            List<SinkRecord> withDuplicate = new ArrayList<>(records.subList(0, 2));
            SinkRecord again = records.get(0);
            withDuplicate.add(new SinkRecord(again.topic(), again.kafkaPartition(), again.keySchema(), again.key(),
                    again.valueSchema(), again.value(), 2, null, null, again.headers()));
            task.put(withDuplicate);
            Map<TopicPartition, OffsetAndMetadata> commit = task.preCommit(Map.of(TP, new OffsetAndMetadata(3)));
            assertTrue(commit.get(TP).offset() <= 2, "the rejected batch is not committed: " + commit);
            ConnectException e = assertThrows(ConnectException.class, () -> task.put(List.of()));
            assertTrue(e.getMessage().contains("BATCH_METADATA"), e.getMessage());
        } finally {
            task.stop();
        }
    }

    @Test
    void aRunThatStopsEarlyIsContinuedWithoutLosingBatches() {
        TestSinkTask task = start(new FakeSinkContext(verifyConfig("wasm.config.stop_after_batches", "1"), false));
        try {
            task.put(asSinkRecords(0));
            assertEquals(Map.of(TP, new OffsetAndMetadata(6)), task.preCommit(Map.of(TP, new OffsetAndMetadata(6))));
        } finally {
            task.stop();
        }
    }

    private static String[] withTransform(String... settings) {
        List<String> kv = new ArrayList<>(List.of("wasm.transforms", "t", "wasm.transforms.t.path",
                io.rapidbyte.connect.testing.TestTransformModule.path().toString()));
        for (int i = 0; i < settings.length; i += 2) {
            kv.add("wasm.transforms.t.config." + settings[i]);
            kv.add(settings[i + 1]);
        }
        return kv.toArray(String[]::new);
    }

    @Test
    void recordsATransformDropsAreCommittedPastWithTheBatchesAroundThem() {
        // Each stream's second batch (1000 rows) is dropped: the destination sees seq 1 and 3.
        TestSinkTask task = start(new FakeSinkContext(verifyConfig(withTransform("drop_every", "2")), false));
        try {
            task.put(asSinkRecords(100));
            assertEquals(Map.of(TP, new OffsetAndMetadata(106)), task.preCommit(Map.of(TP, new OffsetAndMetadata(106))));
            for (String stream : List.of("gen.a", "gen.b")) {
                String ns = new StateNamespaces("verify", stream, "verify").namespace(StateScope.STREAM);
                var progress = PluginJson.parse(task.store.get(ns, "verify").orElseThrow());
                assertEquals(1500, progress.get("rows").asLong(), stream);
                assertEquals(2, progress.get("batches").asLong(), stream);
                assertEquals(3, progress.get("last_seq").asLong(), stream);
            }
        } finally {
            task.stop();
        }
    }

    @Test
    void aTrappingTransformFailsTheSinkTaskNamingItAndCommitsNothingAfterIt() {
        TestSinkTask task = start(new FakeSinkContext(verifyConfig(withTransform("trap_after_batches", "1")), false));
        try {
            task.put(asSinkRecords(0));
            Map<TopicPartition, OffsetAndMetadata> commit = task.preCommit(Map.of(TP, new OffsetAndMetadata(6)));
            assertTrue(commit.isEmpty() || commit.get(TP).offset() <= 2, "nothing past the trap is committed: " + commit);
            ConnectException e = assertThrows(ConnectException.class, () -> task.put(List.of()));
            assertTrue(e.getMessage().contains("transform 't' failed") && e.getMessage().contains("GUEST_TRAP"),
                    e.getMessage());
        } finally {
            task.stop();
        }
    }
}
