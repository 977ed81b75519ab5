package io.rapidbyte.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.records.DeadLetterHeaders;
import io.rapidbyte.connect.records.FrameHeaders;
import io.rapidbyte.connect.testing.FakeSourceContext;
import io.rapidbyte.connect.testing.ProbeModule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * The source task with the probe guest loaded from a {@code .wasm} file (with a SHA-256 pin),
 * scripted to use the control-plane imports: dead-letter records, state and checkpoints.
 */
class ProbeSourceTaskTest {
    private static Map<String, String> probeConfig(String script, String... extra) {
        Map<String, String> props = new HashMap<>(Map.of(
                "name", "probe-src", "wasm.path", ProbeModule.path().toString(), "wasm.sha256", ProbeModule.sha256(),
                "topic", "data", "wasm.config.script", script,
                SourceConfig.TASK_STREAMS, StreamSpec.toJson(List.of(new StreamSpec("probe", false)))));
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return props;
    }

    private static WasmSourceTask start(Map<String, String> props) {
        return start(new FakeSourceContext(props));
    }

    private static WasmSourceTask start(FakeSourceContext context) {
        WasmSourceTask task = new WasmSourceTask();
        task.initialize(context);
        task.start(context.configs());
        return task;
    }

    private static List<SourceRecord> poll(WasmSourceTask task, int n) throws InterruptedException {
        List<SourceRecord> out = new ArrayList<>();
        while (out.size() < n) {
            List<SourceRecord> polled = task.poll();
            if (polled != null) {
                out.addAll(polled);
            }
        }
        return out;
    }

    /** Starts a task, polls {@code n} records and stops it. */
    private static List<SourceRecord> pollOnce(FakeSourceContext context, int n) throws InterruptedException {
        WasmSourceTask task = start(context);
        try {
            return poll(task, n);
        } finally {
            task.stop();
        }
    }

    @Test
    void deadLettersAndStateBecomeRecordsWithTheirOffsets() throws Exception {
        String script = """
                [{"op": "state-put", "scope": "stream", "key": "slot", "value": "rb_slot_1"},
                 {"op": "dlq", "stream": "probe", "record": {"id": 7}, "message": "value out of range", "category": "data"},
                 {"op": "checkpoint", "kind": "source", "payload": {"pos": 1}}]""";
        List<SourceRecord> records = pollOnce(new FakeSourceContext(probeConfig(script, "dlq.topic", "probe-dlq")), 2);
        SourceRecord state = records.get(0);
        assertEquals("probe-src.rapidbyte-state", state.topic());
        assertEquals(Map.of("value", "rb_slot_1"), state.sourceOffset());
        assertEquals("slot", state.sourcePartition().get(SourceOffsets.STATE_KEY));
        assertTrue(((String) state.sourcePartition().get(SourceOffsets.STATE_NAMESPACE)).endsWith("/stream/probe"));

        SourceRecord dead = records.get(1);
        assertEquals("probe-dlq", dead.topic());
        assertEquals("{\"id\":7}", new String((byte[]) dead.value(), StandardCharsets.UTF_8));
        assertEquals("value out of range", FrameHeaders.text(dead.headers(), DeadLetterHeaders.MESSAGE));
        assertEquals(Map.of("checkpoint", "{\"pos\":1}"), dead.sourceOffset(), "the checkpoint covers the dead letter");
    }

    @Test
    void guestMetricsAndLeakedFramesBecomePluginMetrics() throws Exception {
        String script = """
                [{"op": "metric", "payload": {"name": "probe.rows", "value": 5, "kind": "counter", "stream": "probe"}},
                 {"op": "metric", "payload": {"name": "probe.rows", "value": 7, "kind": "counter", "stream": "probe"}},
                 {"op": "metric", "payload": {"name": "probe.memory_bytes", "value": 1024}},
                 {"op": "frame-new", "as": "kept"}, {"op": "frame-new", "as": "also kept"},
                 {"op": "dlq", "stream": "probe", "record": {"id": 1}, "message": "m", "category": "data"},
                 {"op": "checkpoint", "kind": "source", "payload": {"pos": 1}}]""";
        FakeSourceContext context = new FakeSourceContext(probeConfig(script, "dlq.topic", "probe-dlq"));
        WasmSourceTask task = start(context);
        try {
            poll(task, 2);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (context.metrics.value("leaked-frames-total").longValue() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20); // the instance is torn down when its run is over
            }
            assertEquals(2L, context.metrics.value("leaked-frames-total"));
            assertEquals(0L, context.metrics.value("leaked-sockets-total"));
            assertEquals(12.0, context.metrics.value("guest.probe.rows{stream=probe}"));
            assertEquals(1024.0, context.metrics.value("guest.probe.memory_bytes"));
        } finally {
            task.stop();
        }
        assertNull(context.metrics.value("guest.probe.rows{stream=probe}"), "stop() unregisters them");
    }

    @Test
    void withoutADlqTopicARejectedRecordFailsTheTaskWithTheConnectorsReason() throws Exception {
        String script = """
                [{"op": "dlq", "stream": "probe", "record": {"id": 7}, "message": "value out of range", "category": "data"}]""";
        WasmSourceTask task = start(probeConfig(script));
        try {
            ConnectException e = assertThrows(ConnectException.class, () -> poll(task, 1));
            assertTrue(e.getMessage().contains("value out of range"), e.getMessage());
            assertTrue(e.getMessage().contains("dlq.topic"), e.getMessage());
        } finally {
            task.stop();
        }
    }

    @Test
    void stopCancelsAGuestThatNeverReturns() throws Exception {
        WasmSourceTask task = start(probeConfig("[{\"op\": \"spin\"}]"));
        assertEquals(null, task.poll(), "the spinning guest emits nothing");
        task.stop();
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("rapidbyte-source-probe-src")), "the stream thread ended");
    }

    @Test
    void aWrongPinIsRefusedBeforeTheModuleIsUsed() {
        Map<String, String> props = probeConfig("[]", "wasm.sha256", "ab".repeat(32));
        ConnectException e = assertThrows(ConnectException.class, () -> start(props));
        assertTrue(e.getMessage().contains("wasm.sha256"), e.getMessage());
    }

    @Test
    void anIncrementalStreamIsReadAgainOnThePollInterval() throws Exception {
        String script = """
                [{"op": "dlq", "stream": "probe", "record": {"pass": 1}, "message": "m", "category": "data"},
                 {"op": "checkpoint", "kind": "source", "payload": {"pos": 1}}]""";
        WasmSourceTask task = start(probeConfig(script, "dlq.topic", "probe-dlq", "poll.interval.ms", "10",
                SourceConfig.TASK_STREAMS, StreamSpec.toJson(List.of(new StreamSpec("probe", true)))));
        try {
            // One dead letter per pass; a poll may return several passes' records (how many
            // passes run between two polls depends on the machine), so only their kind is exact.
            List<SourceRecord> records = poll(task, 3);
            assertTrue(records.size() >= 3, "the stream keeps being read");
            records.forEach(r -> assertEquals("probe-dlq", r.topic(), "only the passes' dead letters"));
        } finally {
            task.stop();
        }
    }

    @Test
    void aFullRefreshIsMarkedFinishedAfterItsLastRecord() throws Exception {
        String script = """
                [{"op": "dlq", "stream": "probe", "record": {"id": 1}, "message": "m", "category": "data"},
                 {"op": "checkpoint", "kind": "source", "payload": {"pos": 1}}]""";
        List<SourceRecord> records = pollOnce(new FakeSourceContext(probeConfig(script, "dlq.topic", "probe-dlq")), 2);
        assertEquals("probe-dlq", records.get(0).topic());
        SourceRecord marker = records.get(1);
        assertEquals("probe-src.rapidbyte-state", marker.topic());
        assertEquals(Map.of("stream", "probe"), marker.sourcePartition());
        assertEquals(Map.of("checkpoint", "{\"pos\":1}", "finished", "true"), marker.sourceOffset());
    }

    @Test
    void anIncrementalStreamIgnoresTheFinishedFlagAndResumes() throws Exception {
        String script = """
                [{"op": "dlq", "stream": "probe", "record": {"pass": 1}, "message": "m", "category": "data"},
                 {"op": "checkpoint", "kind": "source", "payload": {"pos": 2}}]""";
        FakeSourceContext context = new FakeSourceContext(probeConfig(script, "dlq.topic", "probe-dlq",
                "poll.interval.ms", "10", SourceConfig.TASK_STREAMS,
                StreamSpec.toJson(List.of(new StreamSpec("probe", true)))));
        context.commit(SourceOffsets.streamPartition("probe"), SourceOffsets.streamOffset("{\"pos\":1}", true));
        List<SourceRecord> records = pollOnce(context, 2);
        assertEquals("probe-dlq", records.get(0).topic(), "read although flagged finished");
        records.forEach(r -> assertEquals(Map.of("checkpoint", "{\"pos\":2}"), r.sourceOffset(),
                "an incremental stream is never marked finished"));
    }

    @Test
    void aFullRefreshFlaggedFinishedIsNotRead() throws Exception {
        String script = """
                [{"op": "dlq", "stream": "probe", "record": {"id": 1}, "message": "m", "category": "data"},
                 {"op": "checkpoint", "kind": "source", "payload": {"pos": 2}}]""";
        FakeSourceContext context = new FakeSourceContext(probeConfig(script, "dlq.topic", "probe-dlq"));
        context.commit(SourceOffsets.streamPartition("probe"), SourceOffsets.streamOffset("{\"pos\":1}", true));
        WasmSourceTask task = start(context);
        try {
            assertNull(task.poll());
            assertFalse(Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().startsWith("rapidbyte-source-probe-src")), "no stream thread");
        } finally {
            task.stop();
        }
    }
}
