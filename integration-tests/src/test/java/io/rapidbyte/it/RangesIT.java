package io.rapidbyte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidbyte.it.data.TableDiff;
import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.pipeline.PipelineWatch;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import io.rapidbyte.it.rest.ConnectRest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parallel snapshot (source-postgres {@code snapshot_ranges}): two tables, one without a primary
 * key, are each split into ctid page ranges that three source tasks read, through a three-partition
 * topic, into three sink tasks appending with exactly-once watermarks (one per range); a source and
 * a sink task are restarted on the way. The targets must equal the sources exactly (EXCEPT ALL both
 * ways, and the count). Then the range plan must be fixed: the tables grow (so a new discover plans
 * other ranges), the source is stopped and resumed, and it keeps its stored plan and reads nothing
 * again; only resetting its offsets makes a new plan.
 */
class RangesIT {
    private static final String DB = "ranges";
    private static final int RANGES = 4;
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final List<String> TABLES = List.of("public.big", "public.nopk");

    @Test
    void rangesOverTasksCopyEveryRowOnceAndThePlanOutlivesARestartAfterTheTableGrew() throws Exception {
        PostgresPipeline p = SharedEnvironment.pipeline(DB, String.join(",", TABLES));
        PostgresServer pg = SharedEnvironment.postgres();
        pg.execute(DB, "CREATE TABLE public.big (id int PRIMARY KEY, note text);"
                + "INSERT INTO public.big SELECT g, repeat('b', 60) || g FROM generate_series(1, 20000) g;"
                + "CREATE TABLE public.nopk (k int, note text);"
                + "INSERT INTO public.nopk SELECT g % 500, repeat('n', 60) FROM generate_series(1, 8000) g;"
                + "ANALYZE public.big; ANALYZE public.nopk");
        p.source().set("tasks.max", "3");
        p.source().set("wasm.config.snapshot_ranges", Integer.toString(RANGES));
        p.source().set("wasm.config.max_batch_rows", "1000");
        p.source().set("topic.creation.default.partitions", "3");
        p.sink().set("tasks.max", "3");
        ConnectRest rest = SharedEnvironment.rest();
        String source = p.source().name();
        String sink = p.sink().name();
        PipelineWatch watch = new PipelineWatch(rest, pg, List.of(source, sink));
        p.deploy(rest);

        // Restart a source task and a sink task once rows arrive (ranges resume from their checkpoints).
        watch.awaitRows(DB, "replica.big", 1, WAIT, WAIT, null);
        rest.restartTask(source, 1);
        rest.restartTask(sink, 0);
        for (String t : TABLES) {
            watch.awaitEqual(DB, t, "replica." + t.substring("public.".length()), WAIT);
        }
        awaitAllRangesFinished(rest, source);
        assertEquals(20000, watch.countRows(DB, "replica.big"));
        assertEquals(8000, watch.countRows(DB, "replica.nopk"));
        assertEquals(2L * RANGES, pg.queryLong(DB, "SELECT count(*) FROM replica._rapidbyte_watermarks"
                + " WHERE stream LIKE '% range %'"), "one watermark row per range");
        Map<String, String> plans = plans(rest, source);
        assertEquals(2, plans.size(), plans.toString());

        // The tables grow (discover would now plan other ranges); stopped and resumed, the connector
        // keeps its plans, whose ranges are finished: nothing is read again.
        pg.execute(DB, "INSERT INTO public.big SELECT g, repeat('b', 60) || g FROM generate_series(20001, 50000) g;"
                + "INSERT INTO public.nopk SELECT g % 500, repeat('n', 60) FROM generate_series(1, 24000) g;"
                + "ANALYZE public.big; ANALYZE public.nopk");
        long pages = pg.queryLong(DB, "SELECT relpages FROM pg_class WHERE oid = 'public.big'::regclass");
        assertFalse(plans.get("public.big").contains("\"from_page\":" + pages / RANGES + ","),
                "the grown table would get another plan: " + pages + " pages, " + plans.get("public.big"));
        rest.put("/connectors/" + source + "/stop", null).orThrow("stopping " + source);
        awaitState(rest, source, "STOPPED");
        rest.put("/connectors/" + source + "/resume", null).orThrow("resuming " + source);
        awaitTasksRunning(rest, source);
        // Give wrongly re-read rows (if any) time to land before judging.
        Thread.sleep(5_000);
        watch.failIfFailed();
        assertEquals(plans, plans(rest, source), "the stored plans are kept");
        for (String t : TABLES) {
            TableDiff.Result diff = TableDiff.compare(pg, DB, "replica." + t.substring("public.".length()), t);
            assertEquals(0, diff.onlyInLeft(), t + ": rows read twice or foreign: " + diff);
        }
        assertEquals(20000, watch.countRows(DB, "replica.big"));
        assertEquals(8000, watch.countRows(DB, "replica.nopk"));

        // Resetting the offsets plans again (the sink goes first: its append target would refuse the re-read).
        rest.deleteConnector(sink);
        rest.put("/connectors/" + source + "/stop", null).orThrow("stopping " + source);
        awaitState(rest, source, "STOPPED");
        rest.delete("/connectors/" + source + "/offsets").orThrow("resetting the offsets of " + source);
        rest.put("/connectors/" + source + "/resume", null).orThrow("resuming " + source);
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, String> replanned = Map.of();
        while (System.nanoTime() < deadline && replanned.size() < 2) {
            Thread.sleep(500);
            replanned = plans(rest, source);
        }
        assertEquals(2, replanned.size(), "new plans after the reset: " + replanned);
        assertNotEquals(plans.get("public.big"), replanned.get("public.big"), "the reset made a new plan");
        assertTrue(replanned.get("public.big").contains("\"from_page\":" + pages * (RANGES - 1) / RANGES),
                "the new plan is sized from the grown table (" + pages + " pages): " + replanned.get("public.big"));
        p.undeploy(rest);
    }

    /** The stored range plan of each stream (GET offsets). */
    private static Map<String, String> plans(ConnectRest rest, String source) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode e : offsets(rest, source)) {
            if ("ranges".equals(e.path("partition").path("plan").asText())) {
                out.put(e.path("partition").path("stream").asText(), e.path("offset").path("ranges").asText());
            }
        }
        return out;
    }

    private static JsonNode offsets(ConnectRest rest, String source) {
        return rest.get("/connectors/" + source + "/offsets").orThrow("offsets of " + source).body().path("offsets");
    }

    /** Every range partition carries the finished flag (committed after the range's last records). */
    private static void awaitAllRangesFinished(ConnectRest rest, String source) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        PipelineWatch watch = new PipelineWatch(rest, SharedEnvironment.postgres(), List.of(source));
        long finished = 0;
        while (System.nanoTime() < deadline) {
            // Every stream here is read in ranges: its finished partitions are ranges.
            finished = watch.finishedPartitions(source);
            if (finished == 2 * RANGES) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(finished + " of " + 2 * RANGES + " ranges finished: " + offsets(rest, source));
    }

    private static void awaitState(ConnectRest rest, String name, String state) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = rest.status(name);
            if (state.equals(status.path("connector").path("state").asText()) && status.path("tasks").isEmpty()) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError(name + " is not " + state + ": " + rest.status(name));
    }

    private static void awaitTasksRunning(ConnectRest rest, String name) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode tasks = rest.status(name).path("tasks");
            boolean running = tasks.size() > 0;
            for (JsonNode t : tasks) {
                running &= "RUNNING".equals(t.path("state").asText());
            }
            if (running) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError(name + " did not run again: " + rest.status(name));
    }
}
