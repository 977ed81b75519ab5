package io.rapidbyte.connect.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.records.ArrowStreamInspector;
import io.rapidbyte.connect.records.DeadLetterHeaders;
import io.rapidbyte.connect.records.FrameHeaders;
import io.rapidbyte.connect.testing.ArrowStreams;
import io.rapidbyte.connect.testing.FakeSinkContext;
import io.rapidbyte.connect.testing.ProbeModule;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.state.InMemoryStateStore;
import io.rapidbyte.host.state.StateStore;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * Dead-letter rows ({@code emit-dlq-row}) through the sink task with the probe guest as the
 * destination: one record each, held until the destination confirms their batch.
 */
class ProbeSinkDeadLettersTest {
    private static final TopicPartition TP = new TopicPartition("batches", 0);
    private static final byte[] ROW = ArrowStreams.stream(Map.of("rapidbyte.stream", "probe",
            "rapidbyte.dlq.sync_run", "r1", "rapidbyte.dlq.seq", "1", "rapidbyte.dlq.row", "2"), 1);
    private static final String ROW_HEX = HexFormat.of().formatHex(ROW);

    private static final class TestSinkTask extends WasmSinkTask {
        @Override
        protected StateStore openStateStore(SinkConfig config) {
            return new InMemoryStateStore();
        }
    }

    private static Map<String, String> config(String script) {
        return new HashMap<>(Map.of("name", "probe-sink", "wasm.path", ProbeModule.destinationPath().toString(),
                "topics", TP.topic(), "wasm.config.script", script));
    }

    private static String refuse(String frame, String column, String code) {
        return "{\"op\":\"frame-new\",\"as\":\"" + frame + "\"},"
                + "{\"op\":\"frame-write\",\"frame\":\"" + frame + "\",\"hex\":\"" + ROW_HEX + "\"},"
                + "{\"op\":\"frame-seal\",\"frame\":\"" + frame + "\"},"
                + "{\"op\":\"dlq-row\",\"frame\":\"" + frame + "\"" + (column == null ? "" : ",\"column\":\"" + column + "\"")
                + ",\"code\":\"" + code + "\",\"message\":\"refused by the test\"}";
    }

    private static SinkRecord batchRecord(long offset) {
        byte[] value = ArrowStreams.stream(ArrowStreams.batchMetadata("probe", "r1", 1), 3);
        ConnectHeaders headers = new ConnectHeaders();
        FrameHeaders.addBatchHeaders(headers, "probe", ArrowStreamInspector.inspect(FramePayload.wrap(value)));
        return new SinkRecord(TP.topic(), TP.partition(), null, "probe", null, value, offset, null, null, headers);
    }

    private static TestSinkTask start(FakeSinkContext context) {
        TestSinkTask task = new TestSinkTask();
        task.initialize(context);
        task.start(context.configs());
        return task;
    }

    @Test
    void eachRefusedRowIsItsOwnRecordOnceItsBatchIsConfirmed() {
        String script = "[{\"op\":\"next-batch\",\"as\":\"b\"}," + refuse("r", "name", "23502") + ","
                + refuse("s", null, "INVALID_VALUE") + ",{\"op\":\"frame-drop\",\"frame\":\"b\"},"
                + "{\"op\":\"checkpoint\",\"kind\":\"dest\",\"payload\":{}}]";
        FakeSinkContext context = new FakeSinkContext(config(script), true);
        TestSinkTask task = start(context);
        try {
            task.put(List.of(batchRecord(5)));
            assertEquals(Map.of(TP, new OffsetAndMetadata(6)), task.preCommit(Map.of(TP, new OffsetAndMetadata(6))));
            assertEquals(2, context.reported.size(), context.reported.toString());
            SinkRecord first = context.reported.get(0).record();
            assertEquals(TP.topic(), first.topic());
            assertEquals(5, first.kafkaOffset());
            assertEquals("probe", first.key());
            assertArrayEquals(ROW, (byte[]) first.value());
            assertEquals("name", FrameHeaders.text(first.headers(), DeadLetterHeaders.COLUMN));
            assertEquals("23502", FrameHeaders.text(first.headers(), DeadLetterHeaders.CODE));
            assertEquals("23502", FrameHeaders.text(first.headers(), DeadLetterHeaders.SQLSTATE));
            assertEquals("refused by the test", FrameHeaders.text(first.headers(), DeadLetterHeaders.MESSAGE));
            assertEquals("probe-sink", FrameHeaders.text(first.headers(), DeadLetterHeaders.CONNECTOR));
            // a V3 frame of its own: it can be produced back into the topic as it is
            assertEquals("1", FrameHeaders.text(first.headers(), FrameHeaders.ROWS));
            FrameHeaders.requireV3ArrowFrame(first.headers());
            assertEquals("application/vnd.apache.arrow.stream", FrameHeaders.text(first.headers(), FrameHeaders.CONTENT_TYPE));
            assertTrue(context.reported.get(0).error().getMessage().contains("column \"name\""));

            SinkRecord second = context.reported.get(1).record();
            assertNull(FrameHeaders.text(second.headers(), DeadLetterHeaders.COLUMN));
            assertEquals("INVALID_VALUE", FrameHeaders.text(second.headers(), DeadLetterHeaders.CODE));
            assertNull(FrameHeaders.text(second.headers(), DeadLetterHeaders.SQLSTATE));
        } finally {
            task.stop();
        }
    }

    @Test
    void rowsOfABatchThatIsNeverConfirmedAreNotSent() {
        String script = "[{\"op\":\"next-batch\",\"as\":\"b\"}," + refuse("r", "name", "23502")
                + ",{\"op\":\"fail\",\"category\":\"internal\",\"code\":\"BROKEN\",\"message\":\"gave up\"}]";
        FakeSinkContext context = new FakeSinkContext(config(script), true);
        TestSinkTask task = start(context);
        try {
            task.put(List.of(batchRecord(0)));
            Map<TopicPartition, OffsetAndMetadata> commit = task.preCommit(Map.of(TP, new OffsetAndMetadata(1)));
            assertEquals(Map.of(TP, new OffsetAndMetadata(0)), commit, "nothing was confirmed");
            ConnectException e = assertThrows(ConnectException.class, () -> task.put(List.of()));
            assertTrue(e.getMessage().contains("BROKEN"), e.getMessage());
            assertEquals(List.of(), context.reported);
        } finally {
            task.stop();
        }
    }

    @Test
    void aRowThatIsNotOneArrowRowIsRefusedToTheGuest() {
        String script = "[{\"op\":\"next-batch\",\"as\":\"b\"},{\"op\":\"frame-new\",\"as\":\"r\"},"
                + "{\"op\":\"frame-write\",\"frame\":\"r\",\"text\":\"not arrow\"},{\"op\":\"frame-seal\",\"frame\":\"r\"},"
                + "{\"op\":\"dlq-row\",\"frame\":\"r\",\"code\":\"X\"},"
                + "{\"op\":\"frame-drop\",\"frame\":\"b\"},{\"op\":\"checkpoint\",\"kind\":\"dest\",\"payload\":{}}]";
        FakeSinkContext context = new FakeSinkContext(config(script), true);
        TestSinkTask task = start(context);
        try {
            task.put(List.of(batchRecord(0)));
            assertEquals(Map.of(TP, new OffsetAndMetadata(1)), task.preCommit(Map.of(TP, new OffsetAndMetadata(1))));
            assertEquals(List.of(), context.reported);
        } finally {
            task.stop();
        }
    }
}
