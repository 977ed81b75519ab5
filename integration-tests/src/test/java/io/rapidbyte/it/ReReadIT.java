package io.rapidbyte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.pipeline.KafkaTopics;
import io.rapidbyte.it.pipeline.PipelineWatch;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import io.rapidbyte.it.rest.ConnectRest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's "read everything again" recipe with the payloads of {@code config/} (append, a
 * table with a primary key) and the README's dead-letter opt-in ({@code errors.tolerance=all} with
 * a dead-letter topic; the shipped {@code errors.tolerance=none} fails every data error anyway),
 * over REST: resetting the source offsets while the sink still appends makes the re-read collide
 * with the rows already loaded, and the sink task fails naming the conflict and the fix, with
 * nothing dead-lettered even though a dead-letter queue is configured (before, whole batches, new
 * rows included, went to the dead-letter topic while both connectors stayed RUNNING). Switching the sink to upsert, as the failure says, loads every row, the new ones
 * included; the recipe as documented (sink in upsert, stop, reset, resume) then reads everything
 * again without losing or duplicating a row.
 */
class ReReadIT {
    private static final String DB = "reread";
    private static final Duration WAIT = Duration.ofMinutes(3);

    @Test
    void aReReadIntoAppendFailsLoudlyAndTheDocumentedRecipeLoadsEveryRow() throws Exception {
        // Dead letters opted in (errors.tolerance=all), so the test also proves a key conflict is
        // never dead-lettered; the shipped payload's errors.tolerance=none fails the task anyway.
        PostgresPipeline p = SharedEnvironment.pipeline(DB, "public.items").withDeadLetters();
        PostgresServer pg = SharedEnvironment.postgres();
        pg.execute(DB, "CREATE TABLE public.items (id int PRIMARY KEY, name text);"
                + "INSERT INTO public.items SELECT g, 'item ' || g FROM generate_series(1, 100) g");
        ConnectRest rest = SharedEnvironment.rest();
        p.deploy(rest);
        String source = p.source().name();
        String sink = p.sink().name();
        PipelineWatch watch = new PipelineWatch(rest, pg, List.of(source, sink));
        watch.awaitRows(DB, "replica.items", 100, WAIT, WAIT, null);

        // The old recipe with the sink still appending: a loud failure, nothing dead-lettered.
        pg.execute(DB, "INSERT INTO public.items SELECT g, 'new ' || g FROM generate_series(101, 103) g");
        readAgain(rest, source);
        String trace = watch.awaitFailure(WAIT);
        assertTrue(trace.startsWith(sink) && trace.contains("APPEND_KEY_CONFLICT") && trace.contains("write_mode upsert")
                && trace.contains("SQLSTATE 23505"), trace);
        String dlq = p.deadLetterTopic();
        assertEquals(0, KafkaTopics.read(SharedEnvironment.env().bootstrapServers(), dlq, 1, Duration.ofSeconds(5)).size(),
                "no batch went to the dead-letter topic");
        assertEquals(100, watch.countRows(DB, "replica.items"), "the failed batch was rolled back");

        // The fix the failure names: the sink upserts; the re-read batches, new rows included, load.
        p.sink().set("wasm.config.write_mode", "upsert");
        updateConfig(rest, p.sink().json());
        rest.restartConnectorAndTasks(sink, true);
        awaitTasksRunning(rest, sink);
        watch.awaitEqual(DB, "public.items", "replica.items", WAIT);
        assertEquals(103, watch.countRows(DB, "replica.items"));

        // The recipe as the README gives it, with the sink in upsert: every row once, the new ones too.
        pg.execute(DB, "INSERT INTO public.items SELECT g, 'newer ' || g FROM generate_series(104, 105) g;"
                + "UPDATE public.items SET name = 'changed' WHERE id = 1");
        readAgain(rest, source);
        watch.awaitEqual(DB, "public.items", "replica.items", WAIT);
        assertEquals(105, watch.countRows(DB, "replica.items"));
        watch.failIfFailed();
        p.undeploy(rest);
    }

    /** README: stop the source, reset its offsets (retried until the stop has taken effect), resume. */
    private static void readAgain(ConnectRest rest, String source) throws InterruptedException {
        rest.put("/connectors/" + source + "/stop", null).orThrow("stopping " + source);
        long deadline = System.nanoTime() + WAIT.toNanos();
        ConnectRest.Reply reset;
        do {
            Thread.sleep(500);
            reset = rest.delete("/connectors/" + source + "/offsets");
        } while (!reset.ok() && System.nanoTime() < deadline);
        reset.orThrow("resetting the offsets of " + source);
        rest.put("/connectors/" + source + "/resume", null).orThrow("resuming " + source);
    }

    private static void awaitTasksRunning(ConnectRest rest, String name) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            com.fasterxml.jackson.databind.JsonNode tasks = rest.status(name).path("tasks");
            boolean running = tasks.size() > 0;
            for (com.fasterxml.jackson.databind.JsonNode t : tasks) {
                running &= "RUNNING".equals(t.path("state").asText());
            }
            if (running) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(name + " did not run again: " + rest.status(name));
    }

    private static void updateConfig(ConnectRest rest, ObjectNode payload) {
        ObjectNode config = (ObjectNode) payload.get("config");
        config.put("name", payload.get("name").asText());
        rest.put("/connectors/" + payload.get("name").asText() + "/config", config).orThrow("updating the config");
    }
}
