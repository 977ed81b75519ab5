package io.rapidbyte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapidbyte.it.data.SampleTable;
import io.rapidbyte.it.data.TableDiff;
import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.pipeline.PipelineWatch;
import io.rapidbyte.it.pipeline.PluginMetrics;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import io.rapidbyte.it.rest.ConnectRest;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The Connect REST life cycle of both connectors on the cluster, each call followed by its
 * documented outcome (README, "Operating the connectors"):
 *
 * <ul>
 *   <li>pause / resume: connector and tasks PAUSED, then RUNNING, and the stream completes
 *       without a row lost or duplicated;</li>
 *   <li>restart with {@code includeTasks=true}: answered 202 with the connector and its tasks
 *       RESTARTING, then RUNNING, nothing lost; with {@code onlyFailed=true} it brings back a
 *       FAILED task once its cause is gone;</li>
 *   <li>stop: connector STOPPED without tasks; resuming a stopped source whose full refresh
 *       finished does not read the table again;</li>
 *   <li>source offsets: {@code GET} shows the stream's checkpoint and its finished flag;
 *       {@code PATCH} with a malformed partition is refused naming it; {@code PATCH} of the stream
 *       to {@code null} and {@code DELETE} each make the resumed source read the table again (the
 *       upsert target then has the rows changed meanwhile);</li>
 *   <li>sink offsets: {@code GET} shows the topic partition's committed position; {@code DELETE}
 *       and {@code PATCH} to offset 0 each make the resumed sink read the topic from the start,
 *       and dest-postgres' watermark skips every batch it already has: the append target keeps
 *       each row once; a negative offset is refused.</li>
 * </ul>
 */
class RestLifecycleIT {
    private static final long ROWS = 30_000;
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectRest rest = SharedEnvironment.rest();
    private final PostgresServer pg = SharedEnvironment.postgres();

    @Test
    void sourceLifeCycle() throws Exception {
        String db = "life_source";
        PostgresPipeline p = pipeline(db, "upsert");
        String source = p.source().name();
        String sink = p.sink().name();
        PipelineWatch watch = watch(p);

        // pause / resume while rows wait in the topic. The sink is paused before the source exists
        // rather than once rows arrive: 30,000 rows cross the whole chain faster than a REST call,
        // so "pause once the first rows are committed" raced the end of the stream. (Creating it
        // with initial_state PAUSED would not do: a connector created paused has no tasks yet.)
        rest.createConnector(p.sink().json()).orThrow("creating " + sink);
        awaitState(sink, "RUNNING");
        put("/connectors/" + sink + "/pause");
        awaitState(sink, "PAUSED");
        rest.createConnector(p.source().json()).orThrow("creating " + source);
        await(() -> PluginMetrics.sum(source, "rows-total") > 0, source + " sends the first rows");
        put("/connectors/" + source + "/pause");
        awaitState(source, "PAUSED");
        Thread.sleep(2_000); // time a paused sink that still wrote would have to show it
        assertEquals(0, watch.committedRows(db, "replica"), "a paused sink writes nothing");
        put("/connectors/" + source + "/resume");
        put("/connectors/" + sink + "/resume");
        awaitState(source, "RUNNING");
        awaitState(sink, "RUNNING");

        // restart with its tasks, while the rows still move
        restartIncludingTasks(source);
        awaitState(source, "RUNNING");
        awaitDelivered(watch, db, source);
        assertEqual(db, "after pause, resume and a restart with includeTasks");

        // stop: no tasks; the offsets say the full refresh finished
        stop(source);
        JsonNode offset = streamOffset(source);
        assertEquals("true", offset.path("finished").asText(), "the finished flag: " + offset);
        assertFalse(offset.path("checkpoint").asText().isEmpty(), "the last checkpoint: " + offset);

        // resume without a reset: the finished table is not read again
        changeSourceRows(db, "first");
        put("/connectors/" + source + "/resume");
        awaitState(source, "RUNNING");
        Thread.sleep(10_000); // time a wrong re-read would have to show up in the target
        TableDiff.Result notReread = TableDiff.compare(pg, db, SampleTable.TABLE, "replica.orders");
        assertEquals(ROWS / 10, notReread.onlyInLeft(), "only the rows changed after the finish differ: " + notReread);

        // a malformed PATCH is refused naming the partition
        stop(source);
        ConnectRest.Reply bad = rest.patch("/connectors/" + source + "/offsets",
                json("{\"offsets\": [{\"partition\": {\"table\": \"public.orders\"}, \"offset\": null}]}"));
        assertFalse(bad.ok(), "malformed partition accepted: " + bad);
        assertTrue(bad.body().toString().contains("unknown source partition"), bad.toString());

        // PATCH the stream to null, resume: read again, the changed rows arrive
        rest.patch("/connectors/" + source + "/offsets",
                json("{\"offsets\": [{\"partition\": {\"stream\": \"" + SampleTable.TABLE + "\"}, \"offset\": null}]}"))
                .orThrow("resetting the stream by PATCH");
        assertTrue(streamOffsetOrNull(source) == null, "the stream's offset is gone");
        put("/connectors/" + source + "/resume");
        awaitEqual(db, "after PATCH to null and resume");

        // DELETE the offsets, resume: read again once more
        stop(source);
        changeSourceRows(db, "second");
        rest.delete("/connectors/" + source + "/offsets").orThrow("deleting the source offsets");
        assertTrue(streamOffsetOrNull(source) == null, "no offsets after DELETE");
        put("/connectors/" + source + "/resume");
        awaitEqual(db, "after DELETE and resume");
        watch.failIfFailed();
        p.undeploy(rest);
    }

    @Test
    void sinkLifeCycle() throws Exception {
        String db = "life_sink";
        PostgresPipeline p = pipeline(db, "append");
        String source = p.source().name();
        String sink = p.sink().name();
        PipelineWatch watch = watch(p);
        p.deploy(rest);

        await(() -> watch.committedRows(db, "replica") > 0, "the first rows are committed");
        restartIncludingTasks(sink);
        awaitState(sink, "RUNNING");
        awaitDelivered(watch, db, source);
        assertEqual(db, "after a sink restart with includeTasks");

        // GET: the committed position of the topic's partition
        stop(sink);
        long committed = sinkOffset(sink, p.topic());
        assertTrue(committed > 0, "committed position " + committed);

        // DELETE, resume: the whole topic again, every batch skipped by the watermark
        rest.delete("/connectors/" + sink + "/offsets").orThrow("deleting the sink offsets");
        assertEquals(0, rest.get("/connectors/" + sink + "/offsets").orThrow("sink offsets").body()
                .path("offsets").size(), "no offsets after DELETE");
        put("/connectors/" + sink + "/resume");
        awaitReplayed(sink, committed, p.topic(), "after DELETE");
        assertEqual(db, "after the sink read the topic again (DELETE)");

        // PATCH: negative refused; 0 replays again
        stop(sink);
        ConnectRest.Reply bad = rest.patch("/connectors/" + sink + "/offsets", sinkOffsets(p.topic(), -1));
        assertFalse(bad.ok(), "negative offset accepted: " + bad);
        assertTrue(bad.body().toString().contains("must not be negative"), bad.toString());
        rest.patch("/connectors/" + sink + "/offsets", sinkOffsets(p.topic(), 0)).orThrow("PATCH to 0");
        assertEquals(0, sinkOffset(sink, p.topic()));
        put("/connectors/" + sink + "/resume");
        awaitReplayed(sink, committed, p.topic(), "after PATCH to 0");
        assertEqual(db, "after the sink read the topic again (PATCH)");

        // a FAILED task, its cause removed, restarted with onlyFailed=true
        stop(sink);
        rest.delete("/connectors/" + sink + "/offsets").orThrow("deleting the sink offsets");
        pg.execute("postgres", "ALTER DATABASE " + db + " ALLOW_CONNECTIONS false");
        try {
            put("/connectors/" + sink + "/resume");
            await(() -> PipelineWatch.failureTrace(rest.status(sink)).isPresent(), "the sink task fails");
            assertTrue(PipelineWatch.failureTrace(rest.status(sink)).orElseThrow().contains("55000"),
                    "the database refuses connections: " + rest.status(sink));
        } finally {
            pg.execute("postgres", "ALTER DATABASE " + db + " ALLOW_CONNECTIONS true");
        }
        JsonNode restarted = rest.post("/connectors/" + sink + "/restart?includeTasks=true&onlyFailed=true", null)
                .orThrow("restarting the failed task").body();
        assertEquals("RUNNING", restarted.path("connector").path("state").asText(), "only failed ones: " + restarted);
        assertEquals("RESTARTING", restarted.path("tasks").path(0).path("state").asText(), restarted.toString());
        awaitState(sink, "RUNNING");
        awaitReplayed(sink, committed, p.topic(), "after the restart of the failed task");
        assertEqual(db, "after the failed task was restarted");
        watch.failIfFailed();
        p.undeploy(rest);
    }

    private PostgresPipeline pipeline(String db, String writeMode) {
        PostgresPipeline p = SharedEnvironment.pipeline(db, SampleTable.TABLE);
        SampleTable.create(pg, db, ROWS);
        p.source().set("wasm.config.max_batch_rows", "1000");
        p.sink().set("wasm.config.write_mode", writeMode);
        p.sink().set("wasm.config.commit_interval", "{\"rows\": 5000}");
        return p;
    }

    private PipelineWatch watch(PostgresPipeline p) {
        return new PipelineWatch(rest, pg, List.of(p.source().name(), p.sink().name()));
    }

    /** The target has every row and the source recorded its full refresh as finished. */
    private void awaitDelivered(PipelineWatch watch, String db, String source) throws InterruptedException {
        watch.awaitCount("replica.orders", () -> watch.committedRows(db, "replica"), ROWS, WAIT, WAIT, null);
        await(() -> {
            JsonNode o = streamOffsetOrNull(source);
            return o != null && "true".equals(o.path("finished").asText());
        }, source + " records its full refresh as finished");
    }

    private void awaitEqual(String db, String when) throws InterruptedException {
        await(() -> TableDiff.compare(pg, db, SampleTable.TABLE, "replica.orders").equal(),
                "the target equals the source " + when);
    }

    private void assertEqual(String db, String when) {
        TableDiff.Result diff = TableDiff.compare(pg, db, SampleTable.TABLE, "replica.orders");
        assertTrue(diff.equal(), "target differs from source " + when + ": " + diff);
    }

    /**
     * The resumed or restarted sink task delivered the whole topic again (its rows-total counts
     * every batch it confirmed, skipped ones included) and committed back to where it was.
     */
    private void awaitReplayed(String sink, long committed, String topic, String when) throws InterruptedException {
        await(() -> PluginMetrics.sum(sink, "rows-total") >= ROWS, sink + " replays every batch " + when);
        await(() -> {
            JsonNode body = rest.get("/connectors/" + sink + "/offsets").body();
            return offsetOf(body, topic) == committed;
        }, sink + " commits back to offset " + committed + " " + when);
    }

    private void changeSourceRows(String db, String tag) {
        pg.execute(db, "UPDATE " + SampleTable.TABLE + " SET note = '" + tag + " change of ' || id WHERE id % 10 = 0");
    }

    private void restartIncludingTasks(String name) {
        ConnectRest.Reply r = rest.post("/connectors/" + name + "/restart?includeTasks=true&onlyFailed=false", null)
                .orThrow("restarting " + name);
        assertEquals(202, r.status(), r.toString());
        assertEquals("RESTARTING", r.body().path("connector").path("state").asText(), r.toString());
        for (JsonNode task : r.body().path("tasks")) {
            assertEquals("RESTARTING", task.path("state").asText(), r.toString());
        }
    }

    private void stop(String name) throws InterruptedException {
        put("/connectors/" + name + "/stop");
        await(() -> {
            JsonNode s = rest.status(name);
            return "STOPPED".equals(s.path("connector").path("state").asText()) && s.path("tasks").isEmpty();
        }, name + " STOPPED without tasks");
    }

    private void put(String path) {
        rest.put(path, null).orThrow("PUT " + path);
    }

    private void awaitState(String name, String state) throws InterruptedException {
        new PipelineWatch(rest, pg, List.of(name)).awaitState(name, state, WAIT);
    }

    private JsonNode streamOffset(String source) {
        JsonNode o = streamOffsetOrNull(source);
        assertTrue(o != null, "no offset for stream " + SampleTable.TABLE + " of " + source);
        return o;
    }

    private JsonNode streamOffsetOrNull(String source) {
        for (JsonNode entry : rest.get("/connectors/" + source + "/offsets").orThrow("source offsets").body()
                .path("offsets")) {
            if (SampleTable.TABLE.equals(entry.path("partition").path("stream").asText())) {
                return entry.path("offset");
            }
        }
        return null;
    }

    private long sinkOffset(String sink, String topic) {
        return offsetOf(rest.get("/connectors/" + sink + "/offsets").orThrow("sink offsets").body(), topic);
    }

    private static long offsetOf(JsonNode body, String topic) {
        for (JsonNode entry : body.path("offsets")) {
            if (topic.equals(entry.path("partition").path("kafka_topic").asText())
                    && entry.path("partition").path("kafka_partition").asInt(-1) == 0) {
                return entry.path("offset").path("kafka_offset").asLong();
            }
        }
        return -1;
    }

    private static JsonNode sinkOffsets(String topic, long offset) {
        return json("{\"offsets\": [{\"partition\": {\"kafka_topic\": \"" + topic + "\", \"kafka_partition\": 0}, "
                + "\"offset\": {\"kafka_offset\": " + offset + "}}]}");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT + " waiting until " + what);
            }
            Thread.sleep(250);
        }
    }
}
