package io.rapidbyte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.it.data.SampleTable;
import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.pipeline.KafkaTopics;
import io.rapidbyte.it.pipeline.PipelineWatch;
import io.rapidbyte.it.pipeline.PluginMetrics;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import io.rapidbyte.it.pipeline.TopicBytes;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The shipped payloads compress what crosses Kafka (zstd record compression), and a plain Java
 * reader — Kafka's own consumer and Arrow Java, nothing of Rapidbyte — reads the topic exactly:
 * every row once, the values the source has, the {@code rapidbyte.rows} header true. The broker
 * stores well under the Arrow bytes the source produced.
 */
class CompressedTopicIT {
    private static final String DB = "compressed";
    private static final long ROWS = 30_000;

    @Test
    void aPlainJavaReaderReadsTheCompressedTopicExactly() throws Exception {
        PostgresPipeline pipeline = SharedEnvironment.pipeline(DB, SampleTable.TABLE);
        PostgresServer pg = SharedEnvironment.postgres();
        SampleTable.create(pg, DB, ROWS);
        pipeline.deploy(SharedEnvironment.rest());
        PipelineWatch watch = new PipelineWatch(SharedEnvironment.rest(), pg,
                List.of(pipeline.source().name(), pipeline.sink().name()));
        watch.awaitRows(DB, "replica.orders", ROWS, Duration.ofMinutes(5), Duration.ofSeconds(10), null);
        double arrowBytes = PluginMetrics.sum(pipeline.source().name(), "bytes-total");
        int batches = (int) PluginMetrics.sum(pipeline.source().name(), "batches-total");
        pipeline.undeploy(SharedEnvironment.rest());

        String bootstrap = SharedEnvironment.env().bootstrapServers();
        long stored = TopicBytes.onBrokers(bootstrap, pipeline.topic());
        assertTrue(stored < arrowBytes / 2, "the broker stores " + stored + " bytes of " + (long) arrowBytes
                + " Arrow bytes: the shipped payload compresses");

        BitSet ids = new BitSet();
        long rows = 0;
        BigDecimal amounts = BigDecimal.ZERO;
        long statusChars = 0;
        List<ConsumerRecord<byte[], byte[]>> records =
                KafkaTopics.read(bootstrap, pipeline.topic(), batches, Duration.ofMinutes(2));
        assertEquals(batches, records.size(), "one record per batch the source task sent");
        try (BufferAllocator allocator = new RootAllocator()) {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                long inRecord = 0;
                try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(record.value()), allocator)) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    while (reader.loadNextBatch()) {
                        BigIntVector id = (BigIntVector) root.getVector("id");
                        DecimalVector amount = (DecimalVector) root.getVector("amount");
                        VarCharVector status = (VarCharVector) root.getVector("status");
                        for (int i = 0; i < root.getRowCount(); i++) {
                            long v = id.get(i);
                            assertTrue(v >= 1 && v <= ROWS && !ids.get((int) v), "id " + v + " read once, in range");
                            ids.set((int) v);
                            if (!amount.isNull(i)) {
                                amounts = amounts.add(amount.getObject(i));
                            }
                            statusChars += status.getObject(i).toString().length();
                        }
                        inRecord += root.getRowCount();
                    }
                }
                assertEquals(Long.toString(inRecord), KafkaTopics.header(record, "rapidbyte.rows"));
                assertEquals("application/vnd.apache.arrow.stream", KafkaTopics.header(record, "content-type"),
                        "the media type any Arrow-aware consumer can go by");
                rows += inRecord;
            }
        }
        assertEquals(ROWS, rows, "every row of the table, once");
        assertEquals(ROWS, ids.cardinality());
        assertEquals(pg.queryLong(DB, "SELECT sum(amount * 100)::bigint FROM " + SampleTable.TABLE),
                amounts.movePointRight(2).longValueExact(), "amounts (cents) as the source has them");
        assertEquals(pg.queryLong(DB, "SELECT sum(length(status)) FROM " + SampleTable.TABLE), statusChars);
    }
}
