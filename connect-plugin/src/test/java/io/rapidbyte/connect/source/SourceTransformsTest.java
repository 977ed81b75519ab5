package io.rapidbyte.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.json.PluginJson;
import io.rapidbyte.connect.records.FrameHeaders;
import io.rapidbyte.connect.testing.FakeSourceContext;
import io.rapidbyte.connect.testing.TestTransformModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * The source task with {@code wasm.transforms}: the example-generator's batches through the test
 * transform (connectors/test-transform), on the stream's thread, before the buffer.
 */
class SourceTransformsTest {
    private static final String ONE_STREAM = StreamSpec.toJson(List.of(new StreamSpec("gen.a", false)));

    private static Map<String, String> config(long rows, String... transformSettings) {
        List<String> extra = new ArrayList<>(List.of(SourceConfig.TASK_STREAMS, ONE_STREAM,
                "wasm.transforms", "t", "wasm.transforms.t.path", TestTransformModule.path().toString()));
        for (int i = 0; i < transformSettings.length; i += 2) {
            extra.add("wasm.transforms.t.config." + transformSettings[i]);
            extra.add(transformSettings[i + 1]);
        }
        return WasmSourceTaskTest.generatorConfig(rows, extra.toArray(String[]::new));
    }

    private static WasmSourceTask start(Map<String, String> props) {
        return WasmSourceTaskTest.start(new FakeSourceContext(props));
    }

    private static List<SourceRecord> untilFinished(WasmSourceTask task) throws InterruptedException {
        return WasmSourceTaskTest.pollUntilFinished(task, 1);
    }

    private static boolean isBatch(SourceRecord r) {
        return r.headers().lastWithName(FrameHeaders.FORMAT) != null;
    }

    private static long nextRow(SourceRecord r) {
        return PluginJson.parse((String) r.sourceOffset().get(SourceOffsets.CHECKPOINT)).get("next_row").asLong();
    }

    @Test
    void aPassThroughChainDeliversEveryBatchInOrderWithItsCheckpoint() throws Exception {
        WasmSourceTask task = start(config(2500));
        List<SourceRecord> records;
        try {
            records = untilFinished(task);
        } finally {
            task.stop();
        }
        List<SourceRecord> batches = records.stream().filter(SourceTransformsTest::isBatch).toList();
        assertEquals(List.of("1", "2", "3"), batches.stream().map(r -> FrameHeaders.text(r.headers(), FrameHeaders.SEQ))
                .toList());
        assertEquals(List.of(1000L, 2000L, 2500L), batches.stream().map(SourceTransformsTest::nextRow).toList());
        assertEquals(2, records.size() - batches.size() + 1, "only the finished marker besides the batches: "
                + records.size());
    }

    @Test
    void aCheckpointAfterDroppedBatchesIsReleasedOnItsOwnSoTheOffsetMoves() throws Exception {
        WasmSourceTask task = start(config(4500, "drop_every", "2"));
        List<SourceRecord> records;
        try {
            records = untilFinished(task);
        } finally {
            task.stop();
        }
        // Batches 2 and 4 are dropped; the generator checkpoints after every batch.
        List<String> kinds = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        for (SourceRecord r : records) {
            if (isBatch(r)) {
                kinds.add("batch " + FrameHeaders.text(r.headers(), FrameHeaders.SEQ));
            } else if (r.headers().lastWithName(SourceRecordFactory.CHECKPOINT_ONLY) != null) {
                kinds.add("checkpoint");
                assertEquals(Map.of(SourceOffsets.STREAM, "gen.a"), r.sourcePartition(), "the stream's own partition");
            } else {
                kinds.add("finished");
                continue;
            }
            positions.add(nextRow(r));
        }
        assertEquals(List.of("batch 1", "checkpoint", "batch 3", "checkpoint", "batch 5", "finished"), kinds);
        assertEquals(List.of(1000L, 2000L, 3000L, 4000L, 4500L), positions);
    }

    @Test
    void aTrappingTransformFailsTheTaskNamingItAfterTheBatchesBeforeIt() throws Exception {
        WasmSourceTask task = start(config(5000, "trap_after_batches", "2"));
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
            assertTrue(e.getMessage().contains("transform 't' failed") && e.getMessage().contains("GUEST_TRAP"),
                    e.getMessage());
        } finally {
            task.stop();
        }
        assertEquals(2, delivered.size(), "both batches before the trap were checkpointed");
    }

    @Test
    void aTransformErrorFailsTheTaskWithItsOwnMessageOnceRetriesAreSpent() throws Exception {
        Map<String, String> props = config(5000, "fail_after_batches", "1", "fail_retryable", "true");
        // Retried like the stream's own retryable errors (1 s, then 2 s), until the budget is spent.
        props.put(io.rapidbyte.connect.config.WasmConfig.RETRY_TIMEOUT_MS, "2500");
        WasmSourceTask task = start(props);
        try {
            ConnectException e = assertThrows(ConnectException.class, () -> {
                while (true) {
                    task.poll();
                }
            });
            assertTrue(e.getMessage().contains("transform 't' failed: test-transform: fail_after_batches=1"),
                    e.getMessage());
        } finally {
            task.stop();
        }
    }
}
