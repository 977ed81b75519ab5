package io.rapidbyte.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.json.PluginJson;
import io.rapidbyte.connect.records.FrameHeaders;
import io.rapidbyte.connect.testing.FakeSourceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** The source task with the real example-generator guest, against an in-memory offset store. */
class WasmSourceTaskTest {
    static Map<String, String> generatorConfig(long rows, String... extra) {
        Map<String, String> props = new HashMap<>(Map.of(
                "name", "gen", "wasm.connector", "example-generator", "topic", "batches",
                "wasm.config.rows", Long.toString(rows), "wasm.config.batch_rows", "1000",
                "wasm.config.streams", "[\"gen.a\",\"gen.b\"]",
                SourceConfig.TASK_STREAMS, StreamSpec.toJson(List.of(new StreamSpec("gen.a", false),
                        new StreamSpec("gen.b", false)))));
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return props;
    }

    /**
     * Polls until {@code batches} batch records arrived (each stream's full refresh is finite);
     * the records marking a finished stream are left out.
     */
    static List<SourceRecord> pollBatches(WasmSourceTask task, int batches) throws InterruptedException {
        List<SourceRecord> out = new ArrayList<>();
        while (out.size() < batches) {
            List<SourceRecord> polled = task.poll();
            if (polled != null) {
                polled.stream().filter(r -> r.headers().lastWithName(FrameHeaders.FORMAT) != null).forEach(out::add);
            }
        }
        return out;
    }

    /** Polls every record until {@code streams} streams were marked finished. */
    static List<SourceRecord> pollUntilFinished(WasmSourceTask task, int streams) throws InterruptedException {
        List<SourceRecord> out = new ArrayList<>();
        while (out.stream().filter(WasmSourceTaskTest::isFinishedMarker).count() < streams) {
            List<SourceRecord> polled = task.poll();
            if (polled != null) {
                out.addAll(polled);
            }
        }
        return out;
    }

    private static boolean isFinishedMarker(SourceRecord r) {
        return r.headers().lastWithName(SourceRecordFactory.STREAM_FINISHED) != null;
    }

    private static boolean readerThreadAlive(String stream) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("rapidbyte-source-gen:" + stream));
    }

    static WasmSourceTask start(FakeSourceContext context) {
        WasmSourceTask task = new WasmSourceTask();
        task.initialize(context);
        task.start(context.configs());
        return task;
    }

    @Test
    void everyStreamIsReadOnItsOwnThreadAndEveryRecordCarriesItsCheckpoint() throws Exception {
        FakeSourceContext context = new FakeSourceContext(generatorConfig(2500));
        WasmSourceTask task = start(context);
        List<SourceRecord> records;
        try {
            records = pollBatches(task, 6);
        } finally {
            task.stop();
        }
        Map<String, List<SourceRecord>> byStream = records.stream()
                .collect(Collectors.groupingBy(r -> (String) r.key()));
        assertEquals(2, byStream.size());
        for (List<SourceRecord> stream : byStream.values()) {
            assertEquals(3, stream.size());
            long rows = 0;
            for (int i = 0; i < 3; i++) {
                SourceRecord r = stream.get(i);
                assertEquals("batches", r.topic());
                assertEquals(Long.toString(i + 1), FrameHeaders.text(r.headers(), FrameHeaders.SEQ));
                rows += Long.parseLong(FrameHeaders.text(r.headers(), FrameHeaders.ROWS));
                // The generator checkpoints after every batch: each record carries the position after itself.
                var checkpoint = PluginJson.parse((String) r.sourceOffset().get(SourceOffsets.CHECKPOINT));
                assertEquals(rows, checkpoint.get("next_row").asLong());
                assertEquals(i + 2, checkpoint.get("seq").asLong());
            }
            assertEquals(2500, rows);
        }
    }

    @Test
    void aRestartedTaskResumesFromTheCommittedCheckpoint() throws Exception {
        FakeSourceContext first = new FakeSourceContext(generatorConfig(3000));
        WasmSourceTask task = start(first);
        List<SourceRecord> before;
        try {
            before = pollBatches(task, 6);
        } finally {
            task.stop();
        }
        SourceRecord firstOfA = before.stream().filter(r -> r.key().equals("gen.a")).findFirst().orElseThrow();
        FakeSourceContext second = new FakeSourceContext(generatorConfig(3000));
        second.commit(firstOfA.sourcePartition(), firstOfA.sourceOffset());
        WasmSourceTask restarted = start(second);
        List<SourceRecord> after;
        try {
            after = pollBatches(restarted, 5);
        } finally {
            restarted.stop();
        }
        List<String> seqsOfA = after.stream().filter(r -> r.key().equals("gen.a"))
                .map(r -> FrameHeaders.text(r.headers(), FrameHeaders.SEQ)).toList();
        assertEquals(List.of("2", "3"), seqsOfA, "stream a resumes after its committed batch");
        String syncRunBefore = FrameHeaders.text(firstOfA.headers(), FrameHeaders.SYNC_RUN);
        after.stream().filter(r -> r.key().equals("gen.a")).forEach(r ->
                assertEquals(syncRunBefore, FrameHeaders.text(r.headers(), FrameHeaders.SYNC_RUN)));
        assertEquals(3, after.stream().filter(r -> r.key().equals("gen.b")).count(), "stream b starts afresh");
    }

    @Test
    void aTrappingConnectorFailsTheTaskAfterItsCoveredBatches() throws Exception {
        FakeSourceContext context = new FakeSourceContext(generatorConfig(5000, "wasm.config.trap_after_batches", "2",
                SourceConfig.TASK_STREAMS, StreamSpec.toJson(List.of(new StreamSpec("gen.a", false)))));
        WasmSourceTask task = start(context);
        List<SourceRecord> delivered = new ArrayList<>();
        try {
            ConnectException e = assertThrows(ConnectException.class, () -> {
                while (true) {
                    List<SourceRecord> polled = task.poll();
                    if (polled != null) {
                        delivered.addAll(polled);
                    }
                }
            });
            assertTrue(e.getMessage().contains("GUEST_TRAP"), e.getMessage());
        } finally {
            task.stop();
        }
        assertEquals(2, delivered.size(), "both batches were checkpointed before the trap");
    }

    @Test
    void theFrameLimitsFromConnectBindTheGuest() throws Exception {
        // The generator makes leak_frames frames at the start of its run, before any batch.
        FakeSourceContext context = new FakeSourceContext(generatorConfig(5000, "wasm.config.leak_frames", "3",
                "wasm.frames.max.live", "2",
                SourceConfig.TASK_STREAMS, StreamSpec.toJson(List.of(new StreamSpec("gen.a", false)))));
        WasmSourceTask task = start(context);
        try {
            ConnectException e = assertThrows(ConnectException.class, () -> {
                while (true) {
                    task.poll();
                }
            });
            assertTrue(e.getMessage().contains("FRAME_LIMIT_EXCEEDED") && e.getMessage().contains("the limit is 2"),
                    e.getMessage());
        } finally {
            task.stop();
        }
    }

    @Test
    void stopEndsTheStreamThreadsAndPollReturnsNothingAfterwards() throws Exception {
        FakeSourceContext context = new FakeSourceContext(generatorConfig(50_000_000));
        WasmSourceTask task = start(context);
        pollBatches(task, 1);
        task.stop();
        assertEquals(null, task.poll());
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("rapidbyte-source-gen")), "stream threads ended");
    }

    @Test
    void aFinishedFullRefreshIsMarkedAfterItsLastBatchWithItsLastCheckpoint() throws Exception {
        WasmSourceTask task = start(new FakeSourceContext(generatorConfig(2500)));
        List<SourceRecord> records;
        try {
            records = pollUntilFinished(task, 2);
        } finally {
            task.stop();
        }
        for (String stream : List.of("gen.a", "gen.b")) {
            Map<String, String> partition = SourceOffsets.streamPartition(stream);
            List<SourceRecord> ofStream = records.stream().filter(r -> r.sourcePartition().equals(partition)).toList();
            assertEquals(4, ofStream.size(), "3 batches, then the marker");
            SourceRecord lastBatch = ofStream.get(2);
            SourceRecord marker = ofStream.get(3);
            assertTrue(isFinishedMarker(marker));
            assertEquals("gen.rapidbyte-state", marker.topic());
            assertEquals(SourceOffsets.streamOffset((String) lastBatch.sourceOffset().get(SourceOffsets.CHECKPOINT),
                    true), marker.sourceOffset());
        }
    }

    @Test
    void aRestartedTaskSkipsAFinishedStreamAndReadsTheOthers() throws Exception {
        WasmSourceTask task = start(new FakeSourceContext(generatorConfig(2500)));
        List<SourceRecord> first;
        try {
            first = pollUntilFinished(task, 2);
        } finally {
            task.stop();
        }
        // As the worker would: commit, in order, what was polled for stream a (its marker last).
        FakeSourceContext second = new FakeSourceContext(generatorConfig(2500));
        first.stream().filter(r -> r.sourcePartition().equals(SourceOffsets.streamPartition("gen.a")))
                .forEach(r -> second.commit(r.sourcePartition(), r.sourceOffset()));
        WasmSourceTask restarted = start(second);
        List<SourceRecord> after;
        try {
            after = pollUntilFinished(restarted, 1);
            assertFalse(readerThreadAlive("gen.a"), "no reader for the finished stream");
        } finally {
            restarted.stop();
        }
        assertTrue(after.stream().noneMatch(r -> r.sourcePartition().get(SourceOffsets.STREAM).equals("gen.a")));
        assertEquals(4, after.stream().filter(r -> r.sourcePartition().get(SourceOffsets.STREAM).equals("gen.b"))
                .count(), "stream b is read in full, then marked");
    }

    @Test
    void aTaskWhoseStreamsAllFinishedIdles() throws Exception {
        FakeSourceContext context = new FakeSourceContext(generatorConfig(2500));
        context.commit(SourceOffsets.streamPartition("gen.a"), SourceOffsets.streamOffset("{\"next_row\":2500}", true));
        context.commit(SourceOffsets.streamPartition("gen.b"), SourceOffsets.streamOffset(null, true));
        WasmSourceTask task = start(context);
        try {
            assertNull(task.poll());
            assertFalse(readerThreadAlive("gen.a") || readerThreadAlive("gen.b"));
        } finally {
            task.stop();
        }
    }

    @Test
    void aMalformedFinishedFlagFailsTheStartNamingIt() {
        FakeSourceContext context = new FakeSourceContext(generatorConfig(2500));
        context.commit(SourceOffsets.streamPartition("gen.a"), Map.of("finished", "yes"));
        WasmSourceTask task = new WasmSourceTask();
        task.initialize(context);
        ConnectException e = assertThrows(ConnectException.class, () -> task.start(context.configs()));
        assertTrue(e.getMessage().contains("gen.a") && e.getMessage().contains("\"finished\""), e.getMessage());
    }
}
