package io.rapidbyte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.it.data.TableDiff;
import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.pipeline.PipelineWatch;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import io.rapidbyte.it.rest.ConnectRest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code wasm.transforms} through the whole chain: Postgres → source (+ the example filter: rows
 * and columns) → topic → sink (+ the pass-through test transform) → Postgres, through a source and
 * a sink task restart; the target must equal the projection computed independently in SQL, with
 * every row once. A trapping transform fails its task with a message naming it. A cdc stream whose
 * every batch a transform drops still confirms its replication slot (checkpoint-only records).
 */
class TransformsIT {
    private static final Duration WAIT = Duration.ofMinutes(3);

    private static String module(String file) {
        Path p = Path.of(SharedEnvironment.property("rapidbyte.transforms.dir"), file);
        assertTrue(Files.isRegularFile(p), p + " is missing (the pom copies it in package)");
        return p.toString();
    }

    private static String filterModule() {
        return module("rapidbyte-example-filter-transform.wasm");
    }

    private static String testTransform() {
        return module("rapidbyte-test-transform.wasm");
    }

    @Test
    void aSourceFilterAndASinkTransformCopyTheProjectionOnceThroughRestarts() throws Exception {
        String db = "xforms";
        PostgresPipeline p = SharedEnvironment.pipeline(db, "public.people");
        PostgresServer pg = SharedEnvironment.postgres();
        pg.execute(db, "CREATE TABLE public.people (id int PRIMARY KEY, name text, active boolean, score int);"
                + "INSERT INTO public.people SELECT g, 'person ' || g, g % 3 <> 0, (g * 7) % 1000"
                + " FROM generate_series(1, 30000) g;"
                // The expected target, computed by Postgres, not by the filter.
                + "CREATE VIEW public.expected AS SELECT id, name, score FROM public.people WHERE active");
        p.source().set("wasm.config.max_batch_rows", "500");
        p.source().set("wasm.transforms", "active");
        p.source().set("wasm.transforms.active.path", filterModule());
        p.source().set("wasm.transforms.active.config.columns", "[\"id\", \"name\", \"score\"]");
        p.source().set("wasm.transforms.active.config.filter", "{\"column\": \"active\", \"op\": \"eq\", \"value\": true}");
        p.sink().set("wasm.transforms", "same");
        p.sink().set("wasm.transforms.same.path", testTransform());
        ConnectRest rest = SharedEnvironment.rest();
        PipelineWatch watch = new PipelineWatch(rest, pg, List.of(p.source().name(), p.sink().name()));
        p.deploy(rest);

        watch.awaitRows(db, "replica.people", 1, WAIT, WAIT, null);
        rest.restartTask(p.source().name(), 0);
        rest.restartTask(p.sink().name(), 0);
        watch.awaitEqual(db, "public.expected", "replica.people", WAIT);
        TableDiff.Result diff = TableDiff.compare(pg, db, "replica.people", "public.expected");
        assertTrue(diff.equal(), "nothing lost, doubled or foreign: " + diff);
        assertEquals(20000, watch.countRows(db, "replica.people"));
        assertEquals(0, pg.queryLong(db, "SELECT count(*) FROM information_schema.columns WHERE table_schema = "
                + "'replica' AND table_name = 'people' AND column_name = 'active'"), "the projection dropped 'active'");
        watch.failIfFailed();
        p.undeploy(rest);
    }

    @Test
    void aTrappingTransformFailsItsTaskNamingIt() throws Exception {
        String db = "xforms_trap";
        PostgresPipeline p = SharedEnvironment.pipeline(db, "public.items");
        PostgresServer pg = SharedEnvironment.postgres();
        pg.execute(db, "CREATE TABLE public.items (id int PRIMARY KEY, name text);"
                + "INSERT INTO public.items SELECT g, 'item ' || g FROM generate_series(1, 3000) g");
        p.source().set("wasm.config.max_batch_rows", "500");
        p.sink().set("wasm.transforms", "boom");
        p.sink().set("wasm.transforms.boom.path", testTransform());
        p.sink().set("wasm.transforms.boom.config.trap_after_batches", "2");
        ConnectRest rest = SharedEnvironment.rest();
        PipelineWatch watch = new PipelineWatch(rest, pg, List.of(p.source().name(), p.sink().name()));
        p.deploy(rest);
        String trace = watch.awaitFailure(WAIT);
        assertTrue(trace.startsWith(p.sink().name()) && trace.contains("transform 'boom' failed")
                && trace.contains("GUEST_TRAP"), trace);
        assertTrue(watch.countRows(db, "replica.items") <= 1000, "nothing after the trap was written");
        p.undeploy(rest);
    }

    @Test
    void aCdcStreamWhoseBatchesAreAllDroppedStillConfirmsItsSlot() throws Exception {
        String db = "xforms_cdc";
        PostgresPipeline p = SharedEnvironment.pipeline(db, "public.events");
        PostgresServer pg = SharedEnvironment.postgres();
        pg.execute(db, "CREATE TABLE public.events (id bigserial PRIMARY KEY, payload text);"
                + "INSERT INTO public.events (payload) VALUES ('first')");
        p.source().set("wasm.config.sync_mode", "cdc");
        p.source().set("wasm.config.cdc", "{\"flush_interval_ms\": 100, \"heartbeat_interval_ms\": 1000}");
        p.source().set("wasm.transforms", "none");
        p.source().set("wasm.transforms.none.path", testTransform());
        p.source().set("wasm.transforms.none.config.drop_every", "1");
        ConnectRest rest = SharedEnvironment.rest();
        rest.createConnector(p.source().json()).orThrow("creating " + p.source().name());
        PipelineWatch watch = new PipelineWatch(rest, pg, List.of(p.source().name()));
        String slot = "rapidbyte_public_events";
        String active = "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "' AND active";
        watch.await(() -> pg.queryLong(db, active) == 1, "the task streaming from its slot", WAIT);
        for (int round = 0; round < 4; round++) {
            pg.execute(db, "INSERT INTO public.events (payload) SELECT repeat('e', 500) FROM generate_series(1, 4000)");
        }
        long end = pg.queryLong(db, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
        String passed = "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot
                + "' AND pg_wal_lsn_diff(confirmed_flush_lsn, '0/0')::bigint >= " + end;
        // Every change batch was dropped: only checkpoint-only records can have made them durable.
        watch.await(() -> pg.queryLong(db, passed) == 1, "the slot to be confirmed past the dropped changes", WAIT);
        watch.failIfFailed();
        rest.deleteConnector(p.source().name());
        watch.await(() -> pg.queryLong(db, active) == 0, "the deleted connector to let go of its slot", WAIT);
        pg.execute(db, "SELECT pg_drop_replication_slot('" + slot + "')");
    }
}
