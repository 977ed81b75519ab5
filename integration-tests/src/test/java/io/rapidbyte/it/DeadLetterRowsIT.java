package io.rapidbyte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.it.data.TableDiff;
import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.pipeline.KafkaTopics;
import io.rapidbyte.it.pipeline.PipelineWatch;
import io.rapidbyte.it.pipeline.PluginMetrics;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Rows, not batches, in the sink's dead-letter queue, on the cluster: the target refuses a few
 * rows of 1,000-row batches (a CHECK and a NOT NULL the source does not have). Each refused row
 * is one dead-letter record (a one-row Rapidbyte frame with column, SQLSTATE and message headers),
 * the rest of every batch is written, and {@code dead-letter-records-total} equals what the topic
 * holds. Once the table is fixed, the dead-letter records produced back into the pipeline's topic
 * as they are load (they are not taken for replays), and producing them a second time loads
 * nothing twice.
 */
class DeadLetterRowsIT {
    private static final String DB = "deadletters";
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final int ROWS = 12_000;

    @Test
    void eachRefusedRowIsOneRecordAndSentBackItLoadsOnce() throws Exception {
        PostgresPipeline pipeline = SharedEnvironment.pipeline(DB, "public.items");
        pipeline.source().set("wasm.batch.max.rows", "1000");
        pipeline.withDeadLetters().sink().set("wasm.config.on_data_error", "dlq");
        PostgresServer pg = SharedEnvironment.postgres();
        pg.execute(DB, "CREATE TABLE public.items (id bigint PRIMARY KEY, qty integer, note text);"
                + "INSERT INTO public.items SELECT g, CASE WHEN g % 997 = 0 THEN -g ELSE g % 50 END,"
                + " CASE WHEN g % 1499 = 0 THEN NULL ELSE 'item ' || g END FROM generate_series(1, " + ROWS + ") AS g;"
                + "CREATE SCHEMA replica;"
                + "CREATE TABLE replica.items (id bigint PRIMARY KEY,"
                + " qty integer CONSTRAINT qty_not_negative CHECK (qty >= 0), note text NOT NULL)");
        long badQty = pg.queryLong(DB, "SELECT count(*) FROM public.items WHERE qty < 0");
        long badNote = pg.queryLong(DB, "SELECT count(*) FROM public.items WHERE note IS NULL AND qty >= 0");
        long bad = pg.queryLong(DB, "SELECT count(*) FROM public.items WHERE qty < 0 OR note IS NULL");
        assertTrue(badQty > 5 && badNote > 3, "the table has refusable rows of both kinds");

        pipeline.deploy(SharedEnvironment.rest());
        PipelineWatch watch = new PipelineWatch(SharedEnvironment.rest(), pg,
                List.of(pipeline.source().name(), pipeline.sink().name()));
        String bootstrap = SharedEnvironment.env().bootstrapServers();
        watch.awaitRows(DB, "replica.items", ROWS - bad, WAIT, WAIT, null);
        // The sink commits an offset only after the dead letters of everything before it are written.
        KafkaTopics.awaitCaughtUp(bootstrap, "connect-" + pipeline.sink().name(), pipeline.topic(), WAIT);
        watch.failIfFailed();
        assertEquals(ROWS - bad, watch.countRows(DB, "replica.items"), "the rest of every batch is written");

        String dlqTopic = pipeline.deadLetterTopic();
        List<ConsumerRecord<byte[], byte[]>> dead = KafkaTopics.readAll(bootstrap, dlqTopic, WAIT);
        assertEquals(bad, dead.size(), "one dead-letter record per refused row");
        assertEquals((double) bad, PluginMetrics.sum(pipeline.sink().name(), "dead-letter-records-total"),
                "the counter equals the records in the topic");
        // What the guests report reaches the worker's metrics (JMX) too.
        assertEquals((double) (ROWS - bad), PluginMetrics.sum(pipeline.sink().name(), "guest.dest_postgres.rows_committed"));
        assertEquals((double) ROWS, PluginMetrics.sum(pipeline.source().name(), "guest.source_postgres.rows_read"));
        assertEquals(0.0, PluginMetrics.sum(pipeline.sink().name(), "leaked-frames-total"));
        Set<String> codes = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            assertEquals("1", KafkaTopics.header(r, "rapidbyte.rows"), "a one-row batch");
            assertEquals("application/vnd.apache.arrow.stream", KafkaTopics.header(r, "content-type"));
            assertEquals("public.items", new String(r.key(), StandardCharsets.UTF_8));
            assertEquals(pipeline.topic(), KafkaTopics.header(r, "__connect.errors.topic"));
            String code = KafkaTopics.header(r, "rapidbyte.dlq.error.code");
            assertEquals(code, KafkaTopics.header(r, "rapidbyte.dlq.error.sqlstate"));
            assertNotNull(KafkaTopics.header(r, "rapidbyte.dlq.error.message"));
            if ("23502".equals(code)) {
                assertEquals("note", KafkaTopics.header(r, "rapidbyte.dlq.error.column"));
            } else {
                assertEquals("23514", code, KafkaTopics.header(r, "rapidbyte.dlq.error.message"));
            }
            codes.add(code);
        }
        assertEquals(Set.of("23502", "23514"), codes);

        // Fix the table, send the dead letters back as they are: exactly the missing rows load.
        pg.execute(DB, "ALTER TABLE replica.items DROP CONSTRAINT qty_not_negative, ALTER COLUMN note DROP NOT NULL");
        KafkaTopics.resend(bootstrap, pipeline.topic(), dead, h -> h.startsWith("rapidbyte."));
        watch.awaitRows(DB, "replica.items", ROWS, WAIT, WAIT, null);
        KafkaTopics.awaitCaughtUp(bootstrap, "connect-" + pipeline.sink().name(), pipeline.topic(), WAIT);
        assertTrue(TableDiff.compare(pg, DB, "public.items", "replica.items").equal(),
                () -> TableDiff.compare(pg, DB, "public.items", "replica.items").toString());

        // Sent again: skipped as loaded, nothing doubles, nothing new in the dead-letter topic.
        KafkaTopics.resend(bootstrap, pipeline.topic(), dead, h -> h.startsWith("rapidbyte."));
        KafkaTopics.awaitCaughtUp(bootstrap, "connect-" + pipeline.sink().name(), pipeline.topic(), WAIT);
        watch.failIfFailed();
        TableDiff.Result diff = TableDiff.compare(pg, DB, "public.items", "replica.items");
        assertTrue(diff.equal(), diff.toString());
        assertEquals(bad, KafkaTopics.readAll(bootstrap, dlqTopic, WAIT).size());
        assertEquals(bad, pg.queryLong(DB, "SELECT count(*) FROM replica._rapidbyte_dead_letters "
                + "WHERE loaded_at IS NOT NULL"));
        pipeline.undeploy(SharedEnvironment.rest());
    }
}
