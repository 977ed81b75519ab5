package io.rapidbyte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.pipeline.KafkaTopics;
import io.rapidbyte.it.pipeline.PipelineWatch;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * An incremental stream (cursor {@code updated_at}, tie-breaker {@code id}) into an upsert
 * destination: rows inserted later arrive, updated rows replace their old version, and a
 * malformed record produced into the topic between two waves lands in the sink's dead-letter
 * topic with Connect's error headers while the second wave still arrives.
 */
class IncrementalUpsertIT {
    private static final String DB = "incremental";
    private static final Duration WAIT = Duration.ofMinutes(3);

    @Test
    void laterRowsAndUpdatesArriveAndAPoisonRecordIsDeadLettered() throws Exception {
        PostgresPipeline pipeline = SharedEnvironment.pipeline(DB, "public.events").withDeadLetters();
        pipeline.source().set("wasm.config.streams", "[{\"name\": \"public.events\", \"sync_mode\": \"incremental\","
                + " \"cursor_field\": \"updated_at\", \"tie_breaker\": [\"id\"]}]");
        pipeline.source().set("poll.interval.ms", "500");
        pipeline.sink().set("wasm.config.write_mode", "upsert");
        pipeline.sink().set("wasm.config.commit_interval", "{\"rows\": 0, \"bytes\": 0, \"seconds\": 0}");
        PostgresServer pg = SharedEnvironment.postgres();
        pg.execute(DB, """
                CREATE TABLE public.events (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL,
                                            payload text, amount numeric(10,2));
                INSERT INTO public.events
                  SELECT g, timestamptz '2024-01-01' + g * interval '1 second', 'v1 ' || g, g / 100.0
                  FROM generate_series(1, 2000) AS g;
                """);
        pipeline.deploy(SharedEnvironment.rest());
        PipelineWatch watch = new PipelineWatch(SharedEnvironment.rest(), pg,
                List.of(pipeline.source().name(), pipeline.sink().name()));
        watch.awaitRows(DB, "replica.events", 2000, WAIT, WAIT, null);
        watch.awaitEqual(DB, "public.events", "replica.events", WAIT);

        // Wave 2: a record no Rapidbyte source wrote, then new rows and updates of old ones.
        KafkaTopics.produce(SharedEnvironment.env().bootstrapServers(), pipeline.topic(), "public.events",
                "not an arrow stream");
        pg.execute(DB, """
                INSERT INTO public.events
                  SELECT g, now() + g * interval '1 millisecond', 'v1 ' || g, g / 100.0
                  FROM generate_series(2001, 3000) AS g;
                UPDATE public.events SET payload = 'v2 ' || id, amount = amount + 1, updated_at = now() + interval '1 hour'
                  WHERE id % 10 = 0 AND id <= 2000;
                """);
        watch.awaitRows(DB, "replica.events", 3000, WAIT, WAIT, null);
        watch.awaitEqual(DB, "public.events", "replica.events", WAIT);
        assertEquals(200, pg.queryLong(DB, "SELECT count(*) FROM replica.events WHERE payload LIKE 'v2 %'"),
                "updates replaced their rows");

        String dlq = pipeline.deadLetterTopic();
        List<ConsumerRecord<byte[], byte[]>> dead = KafkaTopics.read(SharedEnvironment.env().bootstrapServers(), dlq, 1,
                WAIT);
        assertEquals(1, dead.size(), "exactly the poison record is dead-lettered");
        ConsumerRecord<byte[], byte[]> poison = dead.get(0);
        assertEquals("not an arrow stream", new String(poison.value(), StandardCharsets.UTF_8));
        assertEquals(pipeline.topic(), KafkaTopics.header(poison, "__connect.errors.topic"));
        String reason = KafkaTopics.header(poison, "__connect.errors.exception.message");
        assertNotNull(reason, "Connect's error context headers are on the dead letter");
        assertTrue(reason.contains("not a Rapidbyte V3 Arrow frame"), reason);
        watch.failIfFailed();
        pipeline.undeploy(SharedEnvironment.rest());
    }
}
