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
 * then the whole worker is stopped and started again. Afterwards both targets must equal the
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
        append.deploy(rest);
        upsert.deploy(rest);

        // The sources have read part of the table: restart them.
        await(() -> PluginMetrics.sum(append.source().name(), "rows-total") > 0
                && PluginMetrics.sum(upsert.source().name(), "rows-total") > 0, "both sources started reading");
        double readBeforeRestart = PluginMetrics.sum(append.source().name(), "rows-total");
        for (PostgresPipeline p : both) {
            rest.restartTask(p.source().name(), 0);
        }
        assertTrue(readBeforeRestart < ROWS, "the source restart happened mid-stream (" + readBeforeRestart + " rows read)");

        // The sinks have committed part of it: restart them.
        await(() -> appendWatch.countRows("restart_append", "replica.orders") > 0
                && upsertWatch.countRows("restart_upsert", "replica.orders") > 0, "both targets have rows");
        long committedBeforeSinkRestart = appendWatch.countRows("restart_append", "replica.orders");
        for (PostgresPipeline p : both) {
            rest.restartTask(p.sink().name(), 0);
        }

        // Later again: the whole worker goes away and comes back.
        await(() -> appendWatch.countRows("restart_append", "replica.orders") > committedBeforeSinkRestart,
                "the append target grew after the sink restart");
        long beforeWorkerRestart = appendWatch.countRows("restart_append", "replica.orders");
        SharedEnvironment.env().restartWorker();

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
        assertTrue(beforeWorkerRestart < ROWS, "the worker restart happened mid-stream (" + beforeWorkerRestart + " rows)");
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
