package io.rapidbyte.connect.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.rapidbyte.connect.metrics.TaskMetrics;
import io.rapidbyte.connect.records.ArrowStreamInspector;
import io.rapidbyte.connect.records.DeadLetterHeaders;
import io.rapidbyte.connect.records.FrameHeaders;
import io.rapidbyte.connect.testing.ArrowStreams;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.imports.DlqRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class SourceRecordFactoryTest {
    private final TaskMetrics metrics = new TaskMetrics(null, () -> 0, () -> 0);

    private static SourceConfig config(String... extra) {
        Map<String, String> props = new java.util.HashMap<>(Map.of("name", "pg-src", "wasm.connector", "x",
                "topic.prefix", "cdc.", "dlq.topic", "pg-src.dlq"));
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return new SourceConfig(props);
    }

    private static SourceEvent.Batch batch(byte[] ipc) {
        FramePayload p = FramePayload.wrap(ipc);
        return new SourceEvent.Batch(p, ArrowStreamInspector.inspect(p));
    }

    @Test
    void aBatchBecomesARecordWithoutCopyingItsBytes() {
        byte[] ipc = ArrowStreams.stream(ArrowStreams.batchMetadata("public.orders", "run", 4), 25);
        SourceRecord r = new SourceRecordFactory(config(), metrics, List.of()).toRecords(List.of(
                new Release.Events("public.orders", List.of(batch(ipc)), "{\"pos\":1}", "{\"pos\":2}"))).get(0);
        assertSame(ipc, r.value(), "the frame's array is the record value");
        assertEquals(Schema.BYTES_SCHEMA, r.valueSchema());
        assertEquals("public.orders", r.key());
        assertEquals(Schema.STRING_SCHEMA, r.keySchema());
        assertEquals("cdc.public.orders", r.topic());
        assertNull(r.kafkaPartition(), "the key decides the partition, so a stream stays in order");
        assertEquals(Map.of("stream", "public.orders"), r.sourcePartition());
        assertEquals(Map.of("checkpoint", "{\"pos\":2}"), r.sourceOffset());
        assertEquals("arrow-ipc-stream", FrameHeaders.text(r.headers(), FrameHeaders.FORMAT));
        assertEquals("application/vnd.apache.arrow.stream", FrameHeaders.text(r.headers(), "content-type"));
        assertEquals("3", FrameHeaders.text(r.headers(), FrameHeaders.TRANSPORT_VERSION));
        assertEquals("public.orders", FrameHeaders.text(r.headers(), FrameHeaders.STREAM));
        assertEquals("25", FrameHeaders.text(r.headers(), FrameHeaders.ROWS));
        assertEquals("4", FrameHeaders.text(r.headers(), FrameHeaders.SEQ));
        assertEquals(ArrowStreamInspector.inspect(FramePayload.wrap(ipc)).fingerprint(),
                FrameHeaders.text(r.headers(), FrameHeaders.SCHEMA_FINGERPRINT));
        assertEquals(1, metrics.batches());
        assertEquals(25, metrics.rows());
        assertEquals(0, metrics.copies().total());
    }

    @Test
    void onlyTheLastRecordOfAGroupCarriesTheCoveringCheckpoint() {
        byte[] ipc = ArrowStreams.stream(ArrowStreams.batchMetadata("s", "r", 1), 1);
        DlqRecord dead = new DlqRecord("s", "{\"id\":3}", "bad date", "data");
        List<SourceRecord> records = new SourceRecordFactory(config(), metrics, List.of()).toRecords(List.of(
                new Release.Events("s", List.of(batch(ipc), new SourceEvent.DeadLetter(dead), batch(ipc)), null,
                        "{\"pos\":9}")));
        assertEquals(3, records.size());
        assertNull(records.get(0).sourceOffset(), "before the stream's first checkpoint there is no position");
        assertNull(records.get(1).sourceOffset());
        assertEquals(Map.of("checkpoint", "{\"pos\":9}"), records.get(2).sourceOffset());
    }

    @Test
    void anUncoveredGroupKeepsThePreviousCheckpoint() {
        byte[] ipc = ArrowStreams.stream(ArrowStreams.batchMetadata("s", "r", 1), 1);
        List<SourceRecord> records = new SourceRecordFactory(config(), metrics, List.of()).toRecords(List.of(
                new Release.Events("s", List.of(batch(ipc), batch(ipc)), "{\"pos\":1}", null)));
        records.forEach(r -> assertEquals(Map.of("checkpoint", "{\"pos\":1}"), r.sourceOffset()));
    }

    @Test
    void aDeadLetterGoesToTheDlqTopicWithItsReason() {
        DlqRecord dead = new DlqRecord("public.orders", "{\"id\":3}", "invalid date 2024-02-30", "data");
        SourceRecord r = new SourceRecordFactory(config(), metrics, List.of()).toRecords(List.of(
                new Release.Events("public.orders", List.of(new SourceEvent.DeadLetter(dead)), "{}", "{}"))).get(0);
        assertEquals("pg-src.dlq", r.topic());
        assertArrayEquals("{\"id\":3}".getBytes(StandardCharsets.UTF_8), (byte[]) r.value());
        assertEquals("invalid date 2024-02-30", FrameHeaders.text(r.headers(), DeadLetterHeaders.MESSAGE));
        assertEquals("application/json", FrameHeaders.text(r.headers(), "content-type"), "the value is the record JSON");
        assertEquals("data", FrameHeaders.text(r.headers(), DeadLetterHeaders.CATEGORY));
        assertEquals("public.orders", FrameHeaders.text(r.headers(), DeadLetterHeaders.STREAM));
        assertEquals("pg-src", FrameHeaders.text(r.headers(), DeadLetterHeaders.CONNECTOR));
        assertEquals(1, metrics.deadLetters());
    }

    @Test
    void aStateChangeIsCarriedInItsOwnSourceOffset() {
        SourceRecord r = new SourceRecordFactory(config(), metrics, List.of()).toRecords(List.of(
                new Release.StateChange("pipeline/p", "slot", "{\"lsn\":5}"))).get(0);
        assertEquals("pg-src.rapidbyte-state", r.topic());
        assertEquals(SourceOffsets.statePartition("pipeline/p", "slot"), r.sourcePartition());
        assertEquals(Map.of("value", "{\"lsn\":5}"), r.sourceOffset());
    }

    @Test
    void aFinishedStreamIsCarriedOnTheStateTopicInTheStreamsOwnPartition() {
        byte[] ipc = ArrowStreams.stream(ArrowStreams.batchMetadata("public.orders", "r", 1), 1);
        List<SourceRecord> records = new SourceRecordFactory(config(), metrics, List.of()).toRecords(List.of(
                new Release.Events("public.orders", List.of(batch(ipc)), null, "{\"pos\":3}"),
                new Release.StreamFinished("public.orders", "{\"pos\":3}")));
        SourceRecord last = records.get(0);
        SourceRecord done = records.get(1);
        assertEquals("pg-src.rapidbyte-state", done.topic());
        assertEquals(last.sourcePartition(), done.sourcePartition(), "committed in order with the stream's data");
        assertEquals(Map.of("checkpoint", "{\"pos\":3}", "finished", "true"), done.sourceOffset());
        assertEquals("stream/public.orders", done.key());
        assertEquals("public.orders", FrameHeaders.text(done.headers(), SourceRecordFactory.STREAM_FINISHED));
        assertNull(done.headers().lastWithName(FrameHeaders.FORMAT), "not a batch: sinks must not take it for one");
        assertNull(done.headers().lastWithName(FrameHeaders.CONTENT_TYPE), "not an Arrow stream");
        assertEquals(1, metrics.batches(), "the marker is no batch");

        SourceRecord neverCheckpointed = new SourceRecordFactory(config(), metrics, List.of()).toRecords(List.of(
                new Release.StreamFinished("s", null))).get(0);
        assertEquals(Map.of("finished", "true"), neverCheckpointed.sourceOffset());
    }

    @Test
    void aSingleTopicTakesEveryStream() {
        byte[] ipc = ArrowStreams.stream(ArrowStreams.batchMetadata("a", "r", 1), 1);
        SourceConfig c = new SourceConfig(Map.of("name", "n", "wasm.connector", "x", "topic", "all-batches"));
        assertEquals("all-batches", new SourceRecordFactory(c, metrics, List.of()).toRecords(List.of(
                new Release.Events("a", List.of(batch(ipc)), null, "{}"))).get(0).topic());
    }
}
