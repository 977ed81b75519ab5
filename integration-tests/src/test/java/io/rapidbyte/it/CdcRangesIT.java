package io.rapidbyte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidbyte.it.data.TableDiff;
import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.pipeline.PipelineWatch;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import io.rapidbyte.it.rest.ConnectRest;
import io.rapidbyte.postgres.testkit.RandomChanges;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A cdc stream whose initial snapshot is read in ranges (source-postgres {@code snapshot_ranges} 4
 * over three source tasks) while a writer inserts, updates (TOASTed text rewritten or left
 * unchanged), deletes and re-keys rows; the source task holding ranges is restarted mid-snapshot.
 * The ranges' records share the stream's topic partition (three partitions, three sink tasks), ahead
 * of its changes, which stream from the slot's consistent point: the target must equal the source
 * ({@code EXCEPT ALL} both ways, same count), with one watermark row per range and one for the
 * changes.
 */
class CdcRangesIT {
    private static final String DB = "cdc_ranges";
    private static final int RANGES = 4;
    private static final Duration WAIT = Duration.ofMinutes(3);

    @Test
    void aRangedCdcSnapshotDuringChangesAndATaskRestartEndsEqualToTheSource() throws Exception {
        PostgresPipeline p = SharedEnvironment.pipeline(DB, "public.items");
        PostgresServer pg = SharedEnvironment.postgres();
        pg.execute(DB, """
                CREATE TABLE public.items (id int PRIMARY KEY, n int NOT NULL, note text, doc text);
                ALTER TABLE public.items ALTER doc SET STORAGE EXTERNAL;
                INSERT INTO public.items SELECT g, 0, repeat('v', 80) || g, NULL FROM generate_series(1, 80000) g;
                ANALYZE public.items;
                """);
        p.source().set("wasm.config.sync_mode", "cdc");
        p.source().set("wasm.config.cdc", "{\"flush_interval_ms\": 100, \"heartbeat_interval_ms\": 1000}");
        p.source().set("wasm.config.snapshot_ranges", Integer.toString(RANGES));
        p.source().set("wasm.config.max_batch_rows", "500");
        p.source().set("tasks.max", "3");
        p.source().set("topic.creation.default.partitions", "3");
        p.sink().set("tasks.max", "3");
        p.sink().set("wasm.config.commit_interval", "{\"rows\": 0, \"bytes\": 0, \"seconds\": 0}");
        ConnectRest rest = SharedEnvironment.rest();
        String source = p.source().name();
        PipelineWatch watch = new PipelineWatch(rest, pg, List.of(source, p.sink().name()));

        RandomChanges writer = new RandomChanges("cdc-ranges-writer", () -> pg.connect(DB), "public.items", 90_000, 7,
                400).start();
        p.deploy(rest);
        // Task 1 holds ranges 0 and 3 (dealt round-robin after the stream's own reader): restart it
        // once one of them has committed progress but not its end.
        await(() -> rangeInProgress(rest, source, Set.of("0", "3")), "range 0 or 3 to be half read", watch, writer);
        rest.restartTask(source, 1);
        await(() -> watch.finishedPartitions(source) == RANGES, "every range to finish", watch, writer);
        long atSnapshotEnd = writer.changes();
        await(() -> writer.changes() > atSnapshotEnd + 2_000, "changes after the snapshot", watch, writer);
        writer.stop();

        long deadline = System.nanoTime() + WAIT.toNanos();
        TableDiff.Result diff;
        do {
            watch.failIfFailed();
            diff = TableDiff.compare(pg, DB, "public.items", "replica.items");
            if (diff.equal()) {
                break;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        assertTrue(diff.equal(), "the target never caught up with the source: " + diff + "; " + writer);
        assertEquals(pg.queryLong(DB, "SELECT count(*) FROM public.items"), watch.countRows(DB, "replica.items"));
        assertEquals(RANGES, pg.queryLong(DB, "SELECT count(*) FROM replica._rapidbyte_watermarks WHERE stream LIKE "
                + "'public.items range %'"), "one watermark row per range");
        assertEquals(1, pg.queryLong(DB, "SELECT count(*) FROM replica._rapidbyte_watermarks WHERE stream = "
                + "'public.items'"), "and one for the changes");
        p.undeploy(rest);
        dropSlots(pg);
    }

    private static boolean rangeInProgress(ConnectRest rest, String source, Set<String> ranges) {
        JsonNode offsets = rest.get("/connectors/" + source + "/offsets").orThrow("offsets of " + source).body()
                .path("offsets");
        for (JsonNode e : offsets) {
            JsonNode offset = e.path("offset");
            if (ranges.contains(e.path("partition").path("range").asText()) && offset.has("checkpoint")
                    && !offset.has("finished")) {
                return true;
            }
        }
        return false;
    }

    private static void await(BooleanSupplier condition, String what, PipelineWatch watch, RandomChanges writer)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            watch.failIfFailed();
            writer.check();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; " + watch.statuses());
            }
            Thread.sleep(200);
        }
    }

    private static void dropSlots(PostgresServer pg) throws InterruptedException {
        String where = " FROM pg_replication_slots WHERE database = '" + DB + "'";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (pg.queryLong("postgres", "SELECT count(*)" + where + " AND active") > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the slot of " + DB + " stays active after the connectors were deleted");
            }
            Thread.sleep(200);
        }
        pg.execute("postgres", "SELECT pg_drop_replication_slot(slot_name)" + where);
    }
}
