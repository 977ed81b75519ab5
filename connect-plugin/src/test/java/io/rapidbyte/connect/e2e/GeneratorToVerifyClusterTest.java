package io.rapidbyte.connect.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.records.ArrowStreamInspector;
import io.rapidbyte.connect.records.FrameSummary;
import io.rapidbyte.host.frames.FramePayload;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.Test;

/**
 * Example-generator source → topic → example-verify destination with the source tasks crashing
 * mid-stream (a wasm trap) and being restarted, finished full refreshes not read again after a
 * restart, and a poison record going to the sink's dead-letter queue.
 */
class GeneratorToVerifyClusterTest extends ConnectClusterTestBase {
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

    private static ConsumerRecords<byte[], byte[]> readCommitted() {
        return readCommitted(TOPIC);
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
}
