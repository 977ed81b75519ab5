package io.rapidbyte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Two pipelines run side by side through restarts: exactly-once append (source with
 * {@code exactly.once.support=required}, the file's default, into dest-postgres' append mode with
 * its watermark) and upsert. Mid-stream, the source tasks are restarted, then the sink tasks,
 * then the whole worker is stopped and started again; each restart happens while the connectors it
 * hits are paused, and that it is mid-stream is asserted on the held state (the source's full
 * refresh not recorded as finished; fewer rows committed than the table has). Afterwards both targets must equal the
 * source exactly: no row lost, none duplicated ({@code EXCEPT ALL} counts multiplicity).
 */
class RestartsIT {
    private static final long ROWS = 300_000;
    private static final Duration WAIT = Duration.ofMinutes(8);

    @Test
    void noRowIsLostOrDuplicatedAcrossTaskAndWorkerRestarts() throws Exception {
        PostgresServer pg = SharedEnvironment.postgres();
        ConnectRest rest = SharedEnvironment.rest();
        PostgresPipeline append = pipeline("restart_append", "append");
        PostgresPipeline upsert = pipeline("restart_upsert", "upsert");
        List<PostgresPipeline> both = List.of(append, upsert);
        PipelineWatch appendWatch = watch(append);
        PipelineWatch upsertWatch = watch(upsert);
        // Every restart below happens with the chain held by pauses, as in RestLifecycleIT: what
        // "mid-stream" means is asserted on the held state, not on a count still moving. The
        // sinks wait, paused, before the sources exist.
        for (PostgresPipeline p : both) {
            rest.createConnector(p.sink().json()).orThrow("creating " + p.sink().name());
            watch(p).awaitState(p.sink().name(), "RUNNING", WAIT);
            put("/connectors/" + p.sink().name() + "/pause");
            watch(p).awaitState(p.sink().name(), "PAUSED", WAIT);
        }
        for (PostgresPipeline p : both) {
            rest.createConnector(p.source().json()).orThrow("creating " + p.source().name());
        }

        // The sources have read part of the table: pause them there and restart their tasks.
        await(() -> PluginMetrics.sum(append.source().name(), "rows-total") > 0
                && PluginMetrics.sum(upsert.source().name(), "rows-total") > 0, "both sources started reading");
        for (PostgresPipeline p : both) {
            put("/connectors/" + p.source().name() + "/pause");
            watch(p).awaitState(p.source().name(), "PAUSED", WAIT);
            assertEquals(0, watch(p).finishedPartitions(p.source().name()),
                    p.source().name() + " is restarted mid-stream: its full refresh is not recorded as finished");
            rest.restartTask(p.source().name(), 0);
            watch(p).awaitState(p.source().name(), "PAUSED", WAIT);
            put("/connectors/" + p.source().name() + "/resume");
        }

        // The sinks have committed part of it: pause them there and restart their tasks.
        for (PostgresPipeline p : both) {
            put("/connectors/" + p.sink().name() + "/resume");
        }
        await(() -> appendWatch.countRows("restart_append", "replica.orders") > 0
                && upsertWatch.countRows("restart_upsert", "replica.orders") > 0, "both targets have rows");
        long committedBeforeSinkRestart = pauseSinks(both, appendWatch);
        assertTrue(committedBeforeSinkRestart < ROWS, "the sink restart happens mid-stream ("
                + committedBeforeSinkRestart + " rows committed)");
        for (PostgresPipeline p : both) {
            rest.restartTask(p.sink().name(), 0);
            watch(p).awaitState(p.sink().name(), "PAUSED", WAIT);
            put("/connectors/" + p.sink().name() + "/resume");
        }

        // Later again: the whole worker goes away and comes back, the sinks paused meanwhile.
        await(() -> appendWatch.countRows("restart_append", "replica.orders") > committedBeforeSinkRestart,
                "the append target grew after the sink restart");
        long beforeWorkerRestart = pauseSinks(both, appendWatch);
        assertTrue(beforeWorkerRestart < ROWS, "the worker restart happens mid-stream (" + beforeWorkerRestart
                + " rows committed)");
        SharedEnvironment.env().restartWorker();
        for (PostgresPipeline p : both) {
            // The paused state is in the config topic: the restarted worker brings the sinks back paused.
            watch(p).awaitState(p.sink().name(), "PAUSED", WAIT);
            put("/connectors/" + p.sink().name() + "/resume");
        }

        appendWatch.awaitRows("restart_append", "replica.orders", ROWS, WAIT, WAIT, null);
        upsertWatch.awaitRows("restart_upsert", "replica.orders", ROWS, WAIT, WAIT, null);
        // Give replays (if any were wrongly applied) time to land before judging.
        Thread.sleep(5_000);
        for (PostgresPipeline p : both) {
            String db = p.source().get("wasm.config.database");
            TableDiff.Result diff = TableDiff.compare(pg, db, SampleTable.TABLE, "replica.orders");
            assertEquals(0, diff.onlyInLeft(), db + " lost rows: " + diff);
            assertEquals(0, diff.onlyInRight(), db + " has duplicated or foreign rows: " + diff);
            assertEquals(ROWS, diff.rightRows(), db + ": " + diff);
        }
        appendWatch.failIfFailed();
        upsertWatch.failIfFailed();
        for (PostgresPipeline p : both) {
            p.undeploy(rest);
        }
    }

    private static PostgresPipeline pipeline(String db, String writeMode) {
        PostgresPipeline p = SharedEnvironment.pipeline(db, SampleTable.TABLE);
        SampleTable.create(SharedEnvironment.postgres(), db, ROWS);
        // Small batches and commits: many checkpoints and commits for the restarts to land between.
        p.source().set("wasm.config.max_batch_rows", "1000");
        p.sink().set("wasm.config.write_mode", writeMode);
        p.sink().set("wasm.config.commit_interval", "{\"rows\": 10000}");
        if (writeMode.equals("upsert")) {
            p.source().set("exactly.once.support", "requested");
        }
        return p;
    }

    /** Pauses both sinks and returns the append target's rows once they are paused (it holds still then). */
    private static long pauseSinks(List<PostgresPipeline> both, PipelineWatch appendWatch) throws InterruptedException {
        for (PostgresPipeline p : both) {
            put("/connectors/" + p.sink().name() + "/pause");
            watch(p).awaitState(p.sink().name(), "PAUSED", WAIT);
        }
        return appendWatch.countRows("restart_append", "replica.orders");
    }

    private static void put(String path) {
        SharedEnvironment.rest().put(path, null).orThrow("PUT " + path);
    }

    private static PipelineWatch watch(PostgresPipeline p) {
        return new PipelineWatch(SharedEnvironment.rest(), SharedEnvironment.postgres(),
                List.of(p.source().name(), p.sink().name()));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
