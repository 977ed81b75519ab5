package io.rapidbyte.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.it.data.TableDiff;
import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.pipeline.PipelineWatch;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import io.rapidbyte.it.rest.ConnectRest;
import io.rapidbyte.postgres.testkit.RandomChanges;
import io.rapidbyte.postgres.testkit.TestPostgres;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.replication.PGReplicationStream;

/**
 * Change data capture through the whole chain (source-postgres {@code sync_mode: cdc} → Kafka with
 * exactly-once source → dest-postgres applying changes): concurrent writers make a random mix of
 * inserts, updates (some of large TOASTed text, some leaving it unchanged), deletes, re-inserts and
 * key changes while the source task, the sink task and then the whole worker are restarted; at the
 * end the target equals the source ({@code EXCEPT ALL} both ways). An idle captured table beside a
 * busy one keeps its slot confirmed near the WAL end, and each check of the source is refused over
 * REST with its fix (no key, table not in its publication, no REPLICATION attribute, slot in use,
 * wal_level not logical, a malformed setting). Each scenario drops its slots at the end. {@code -Dcdc.it.changes} sets the workload (default 100000).
 */
class CdcIT {
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final long CHANGES = Long.getLong("cdc.it.changes", 100_000);
    private static final int KEYS = 5_000;

    private static PostgresPipeline cdcPipeline(String db, String table) {
        PostgresPipeline p = SharedEnvironment.pipeline(db, table);
        p.source().set("wasm.config.sync_mode", "cdc");
        p.source().set("wasm.config.cdc", "{\"flush_interval_ms\": 100, \"heartbeat_interval_ms\": 1000}");
        p.sink().set("wasm.config.commit_interval", "{\"rows\": 0, \"bytes\": 0, \"seconds\": 0}");
        return p;
    }

    @Test
    void randomConcurrentChangesThroughRestartsArriveExactlyOnce() throws Exception {
        String db = "cdc_chain";
        PostgresPipeline pipeline = cdcPipeline(db, "public.items");
        PostgresServer pg = SharedEnvironment.postgres();
        pg.execute(db, """
                CREATE TABLE public.items (id int PRIMARY KEY, n int NOT NULL, note text, doc text);
                ALTER TABLE public.items ALTER doc SET STORAGE EXTERNAL;
                INSERT INTO public.items SELECT g, 0, 'v' || g, NULL FROM generate_series(1, 2000) g;
                """);
        ConnectRest rest = SharedEnvironment.rest();
        pipeline.deploy(rest);
        PipelineWatch watch = new PipelineWatch(rest, pg, List.of(pipeline.source().name(), pipeline.sink().name()));

        // The writers start with the connector: their first changes race the slot and its snapshot.
        List<RandomChanges> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            writers.add(new RandomChanges("cdc-writer-" + w, () -> pg.connect(db), "public.items", KEYS, 42 + w, 0)
                    .start());
        }
        LongSupplier done = () -> writers.stream().mapToLong(RandomChanges::changes).sum();
        BooleanSupplier writersOk = () -> {
            writers.forEach(RandomChanges::check);
            return true;
        };
        await(() -> writersOk.getAsBoolean() && done.getAsLong() > CHANGES / 4, "a quarter of the workload", watch);
        rest.restartTask(pipeline.source().name(), 0);
        await(() -> writersOk.getAsBoolean() && done.getAsLong() > CHANGES / 2, "half of the workload", watch);
        rest.restartTask(pipeline.sink().name(), 0);
        await(() -> writersOk.getAsBoolean() && done.getAsLong() > CHANGES * 3 / 4, "three quarters of the workload",
                watch);
        SharedEnvironment.env().restartWorker();
        await(() -> writersOk.getAsBoolean() && done.getAsLong() >= CHANGES, "the whole workload", watch);
        for (RandomChanges w : writers) {
            w.stop();
        }
        assertTrue(done.getAsLong() >= CHANGES, "the writers made " + done.getAsLong() + " changes");
        awaitEqual(pg, db, "public.items", "replica.items", watch);
        watch.failIfFailed();
        pipeline.undeploy(rest);
        dropSlots(pg, db);
    }

    /**
     * {@code PUT /connectors/{name}/stop} ends the cdc task's replication stream (its slot goes
     * inactive) in the two states a stream waits in: on the replication socket of a quiet table,
     * and in {@code emit-batch} with the task's buffer toward Kafka full (the connector paused,
     * so nothing is polled, while more changes than {@code wasm.buffer.max.bytes} arrive). Resumed,
     * it delivers everything once.
     */
    @Test
    void aStoppedCdcTaskLetsGoOfItsSlotWhenQuietAndWhenItsBufferIsFull() throws Exception {
        String db = "cdc_stop";
        PostgresPipeline pipeline = cdcPipeline(db, "public.docs");
        pipeline.source().set("wasm.buffer.max.bytes", Integer.toString(1 << 20));
        PostgresServer pg = SharedEnvironment.postgres();
        pg.execute(db, "CREATE TABLE public.docs (id int PRIMARY KEY, doc text); INSERT INTO public.docs VALUES (1, 'a')");
        ConnectRest rest = SharedEnvironment.rest();
        String source = pipeline.source().name();
        pipeline.deploy(rest);
        PipelineWatch watch = new PipelineWatch(rest, pg, List.of(source, pipeline.sink().name()));
        watch.awaitRows(db, "replica.docs", 1, WAIT, WAIT, null);
        String active = "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'rapidbyte_public_docs' AND active";
        await(() -> pg.queryLong(db, active) == 1, "the task streaming from its slot", watch);

        rest.put("/connectors/" + source + "/stop", null).orThrow("stopping " + source);
        await(() -> pg.queryLong(db, active) == 0, "the stopped task (quiet table) to let go of its slot", watch);

        rest.put("/connectors/" + source + "/resume", null).orThrow("resuming " + source);
        await(() -> pg.queryLong(db, active) == 1, "the resumed task streaming again", watch);
        rest.put("/connectors/" + source + "/pause", null).orThrow("pausing " + source);
        await(() -> "PAUSED".equals(rest.status(source).path("tasks").path(0).path("state").asText()),
                "the source task paused", watch);
        // About 10 MB of changes for a 1 MiB buffer that nobody polls: the guest ends up blocked in emit-batch.
        pg.execute(db, "INSERT INTO public.docs SELECT g, repeat(md5(g::text), 100) FROM generate_series(2, 3001) g");
        Thread.sleep(3_000);
        rest.put("/connectors/" + source + "/stop", null).orThrow("stopping " + source);
        await(() -> pg.queryLong(db, active) == 0, "the stopped task (buffer full) to let go of its slot", watch);

        rest.put("/connectors/" + source + "/resume", null).orThrow("resuming " + source);
        awaitEqual(pg, db, "public.docs", "replica.docs", watch);
        watch.failIfFailed();
        pipeline.undeploy(rest);
        dropSlots(pg, db);
    }

    @Test
    void anIdleCapturedTableBesideABusyOneKeepsItsSlotNearTheWalEnd() throws Exception {
        String db = "cdc_idle";
        PostgresPipeline pipeline = cdcPipeline(db, "public.quiet");
        PostgresServer pg = SharedEnvironment.postgres();
        pg.execute(db, "CREATE TABLE public.quiet (id int PRIMARY KEY, v text); INSERT INTO public.quiet VALUES (1, 'a');"
                + "CREATE TABLE public.busy (id bigserial PRIMARY KEY, payload text)");
        ConnectRest rest = SharedEnvironment.rest();
        pipeline.deploy(rest);
        PipelineWatch watch = new PipelineWatch(rest, pg, List.of(pipeline.source().name(), pipeline.sink().name()));
        watch.awaitRows(db, "replica.quiet", 1, WAIT, WAIT, null);
        String slot = "rapidbyte_public_quiet";
        long start = pg.queryLong(db, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
        for (int round = 0; round < 8; round++) {
            pg.execute(db, "INSERT INTO public.busy (payload) SELECT repeat('w', 1000) FROM generate_series(1, 8000)");
        }
        String lag = "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint "
                + "FROM pg_replication_slots WHERE slot_name = '" + slot + "'";
        long written = pg.queryLong(db, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint") - start;
        assertTrue(written > 32L << 20, "the busy table wrote " + written + " bytes of WAL");
        await(() -> pg.queryLong(db, lag) < 4L << 20, "the slot to follow the WAL end", watch);
        watch.failIfFailed();
        pipeline.undeploy(rest);
        dropSlots(pg, db);
    }

    @Test
    void eachCheckIsRefusedOverRestWithItsFix() throws Exception {
        String db = "cdc_checks";
        PostgresPipeline pipeline = cdcPipeline(db, "public.nokey");
        PostgresServer pg = SharedEnvironment.postgres();
        pg.execute(db, "CREATE TABLE public.nokey (a int, b text);"
                + "CREATE TABLE public.keyed (id int PRIMARY KEY);"
                + "CREATE PUBLICATION rapidbyte_public_keyed FOR TABLE public.nokey;"
                + "CREATE TABLE public.held (id int PRIMARY KEY);");
        pg.execute("postgres", "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cdc_plain') THEN "
                + "CREATE ROLE cdc_plain LOGIN; END IF; END$$; ALTER ROLE cdc_plain PASSWORD '"
                + SharedEnvironment.secrets().sourcePassword().replace("'", "''") + "'");
        pg.execute(db, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO cdc_plain");
        assertRefused(pipeline, Map.of(), "CDC_NO_KEY", "REPLICA IDENTITY FULL");
        assertRefused(pipeline, Map.of("wasm.config.streams", "[{\"name\": \"public.keyed\"}]"),
                "CDC_TABLE_NOT_IN_PUBLICATION", "ALTER PUBLICATION rapidbyte_public_keyed ADD TABLE");
        assertRefused(pipeline, Map.of("wasm.config.streams", "[{\"name\": \"public.keyed\"}]",
                "wasm.config.user", "cdc_plain"), "CDC_NO_REPLICATION_PRIVILEGE", "user cdc_plain may not use replication");
        assertRefused(pipeline, Map.of("wasm.config.cdc", "{\"slot_prefix\": \"Bad-Prefix\"}"),
                "slot_prefix", "wasm.config.cdc");

        // Another consumer streams from the slot the stream would use.
        pg.execute(db, "CREATE PUBLICATION rapidbyte_public_held FOR TABLE public.held");
        try (Connection c = pg.connectForReplication(db)) {
            PGConnection replication = c.unwrap(PGConnection.class);
            replication.getReplicationAPI().createReplicationSlot().logical().withSlotName("rapidbyte_public_held")
                    .withOutputPlugin("pgoutput").make();
            try (PGReplicationStream held = replication.getReplicationAPI().replicationStream().logical()
                    .withSlotName("rapidbyte_public_held").withSlotOption("proto_version", "1")
                    .withSlotOption("publication_names", "rapidbyte_public_held").start()) {
                assertRefused(pipeline, Map.of("wasm.config.streams", "[{\"name\": \"public.held\"}]"),
                        "CDC_SLOT_IN_USE", "replication slot rapidbyte_public_held is in use");
            }
        }
        dropSlots(pg, db);

        // A server without logical decoding.
        try (TestPostgres plain = TestPostgres.start(Map.of("wal_level", "replica"))) {
            PostgresServer other = new PostgresServer(plain.host(), plain.port(), "postgres", null);
            other.createLoginRole(PostgresPipeline.SOURCE_ROLE, SharedEnvironment.secrets().sourcePassword());
            other.createDatabase(db);
            other.execute(db, "CREATE TABLE public.keyed (id int PRIMARY KEY)");
            assertRefused(pipeline, Map.of("wasm.config.host", other.host(), "wasm.config.port",
                    Integer.toString(other.port()), "wasm.config.streams", "[{\"name\": \"public.keyed\"}]"),
                    "CDC_WAL_LEVEL", "cdc needs wal_level = logical");
        }
    }

    /** Drops the slots of {@code db} once no task streams from them (what the README asks after a delete). */
    private static void dropSlots(PostgresServer pg, String db) throws InterruptedException {
        String where = " FROM pg_replication_slots WHERE database = '" + db + "'";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (pg.queryLong("postgres", "SELECT count(*)" + where + " AND active") > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the slots of " + db + " stay active after the connectors were deleted");
            }
            Thread.sleep(200);
        }
        pg.execute("postgres", "SELECT pg_drop_replication_slot(slot_name)" + where);
    }

    private static void assertRefused(PostgresPipeline pipeline, Map<String, String> overrides, String code,
            String fix) {
        Map<String, String> config = new TreeMap<>(pipeline.source().config());
        config.putAll(overrides);
        String answer = SharedEnvironment.rest().validate("WasmSourceConnector", config).toString();
        assertTrue(answer.contains(fix), "validation of " + overrides + " should say " + fix + ": " + answer);
        assertTrue(answer.contains(code), "validation of " + overrides + " should name " + code + ": " + answer);
    }

    private static void await(BooleanSupplier condition, String what, PipelineWatch watch) throws InterruptedException {
        watch.await(condition, what, WAIT);
    }

    private static void awaitEqual(PostgresServer pg, String db, String left, String right, PipelineWatch watch)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        TableDiff.Result diff;
        do {
            watch.failIfFailed();
            diff = TableDiff.compare(pg, db, left, right);
            if (diff.equal()) {
                return;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the target never caught up with the source: " + diff);
    }
}
