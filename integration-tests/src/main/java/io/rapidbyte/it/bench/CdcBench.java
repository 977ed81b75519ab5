package io.rapidbyte.it.bench;

import io.rapidbyte.it.demo.DemoOptions;
import io.rapidbyte.it.env.ConnectEnvironment;
import io.rapidbyte.it.env.Environments;
import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.pipeline.PipelineWatch;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import io.rapidbyte.it.pipeline.Secrets;
import io.rapidbyte.it.rest.ConnectRest;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cdc benchmark (not a test; {@code mvn -B verify -Pcdc-bench [-Dbench.changes=… -Dbench.writers=…
 * -Dbench.keys=… -Dbench.pgoutputFormat=auto|binary|text]}): the snapshot of {@code bench.keys} rows (default 100,000), then an update-heavy
 * workload (transactions of 10 single-row updates from 2 writers over those rows) through
 * source-postgres (cdc) → Kafka (exactly-once) → dest-postgres while it runs. Prints the snapshot's
 * rows/s (from {@code POST /connectors} to the last row at the target), then
 * changes/s from the first update to the last one applied at the target, commit-to-target latency
 * p50/p99 (a trigger on the target stamps when each applied update landed; the source row carries
 * when it was written, so the figure includes the writer's own commit; updates of a key superseded
 * within one batch are applied once, so the sample is of the updates that were applied), and the worker JVM's CPU
 * seconds per 100k changes (the embedded broker runs in it too; PostgreSQL does not).
 */
public final class CdcBench {
    private static final int KEYS = Integer.getInteger("bench.keys", 100_000);
    /** {@code cdc.pgoutput_format} of the source ({@code auto}, {@code binary}, {@code text}); empty: the default. */
    private static final String PGOUTPUT_FORMAT = System.getProperty("bench.pgoutputFormat", "").trim();

    private CdcBench() {
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options = DemoOptions.parse(args);
        long changes = Long.getLong("bench.changes", 200_000);
        int writers = Integer.getInteger("bench.writers", 2);
        try (ConnectEnvironment env = Environments.start(options.pluginPath(), options.configDir())) {
            ConnectRest rest = new ConnectRest(env::restUrl);
            Secrets secrets = Secrets.create(Files.createTempDirectory("rapidbyte-cdc-bench"));
            PostgresServer pg = env.postgres();
            String db = "cdc_bench_" + Long.toString(System.currentTimeMillis(), 36);
            pg.createDatabase(db);
            pg.execute(db, "CREATE TABLE public.hot (id int PRIMARY KEY, n bigint NOT NULL, written timestamptz NOT "
                    + "NULL, payload text); INSERT INTO public.hot SELECT g, 0, clock_timestamp(), repeat('p', 100) "
                    + "FROM generate_series(1, " + KEYS + ") g;"
                    + "CREATE SCHEMA replica; CREATE TABLE replica.hot (id int PRIMARY KEY, n bigint, written "
                    + "timestamptz, payload text);"
                    + "CREATE TABLE replica.applied (written timestamptz, applied timestamptz);"
                    + "CREATE FUNCTION replica.stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "INSERT INTO replica.applied VALUES (NEW.written, clock_timestamp()); RETURN NEW; END $$;"
                    + "CREATE TRIGGER stamp AFTER UPDATE ON replica.hot FOR EACH ROW EXECUTE FUNCTION replica.stamp()");
            PostgresPipeline p = PostgresPipeline.fromConfig(options.configDir(), pg, secrets).named(db)
                    .from(db, "public.hot").to(db, "replica");
            p.source().set("wasm.config.sync_mode", "cdc");
            if (!PGOUTPUT_FORMAT.isEmpty()) {
                p.source().set("wasm.config.cdc", "{\"pgoutput_format\": \"" + PGOUTPUT_FORMAT + "\"}");
            }
            p.sink().set("wasm.config.commit_interval", "{\"rows\": 0, \"bytes\": 0, \"seconds\": 0}");
            long s0 = System.nanoTime();
            p.deploy(rest);
            PipelineWatch watch = new PipelineWatch(rest, pg, List.of(p.source().name(), p.sink().name()));
            watch.awaitRows(db, "replica.hot", KEYS, Duration.ofMinutes(10), Duration.ofSeconds(30), null);
            double snapshotSeconds = (System.nanoTime() - s0) / 1e9;
            System.out.printf("cdc snapshot: %d rows applied %.1f s after POST /connectors: %.0f rows/s; then %d "
                    + "updates from %d writers (pgoutput_format %s)%n", KEYS, snapshotSeconds, KEYS / snapshotSeconds,
                    changes, writers, PGOUTPUT_FORMAT.isEmpty() ? "default" : PGOUTPUT_FORMAT);
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            AtomicLong done = new AtomicLong();
            Thread[] threads = new Thread[writers];
            for (int w = 0; w < writers; w++) {
                long seed = w;
                threads[w] = new Thread(() -> update(pg, db, seed, changes / writers, done));
                threads[w].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            long made = done.get();
            // Superseded updates of a key inside one batch are not applied one by one: wait for equality.
            watch.awaitCount("rows caught up", () -> pg.queryLong(db, "SELECT count(*) FROM public.hot s JOIN "
                    + "replica.hot t USING (id) WHERE s.n = t.n"), KEYS, Duration.ofMinutes(10), Duration.ofSeconds(30),
                    null);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            String q = "SELECT (1000 * extract(epoch FROM percentile_cont(%s) WITHIN GROUP (ORDER BY applied - "
                    + "written)))::bigint FROM replica.applied";
            long p50 = pg.queryLong(db, String.format(q, "0.5"));
            long p99 = pg.queryLong(db, String.format(q, "0.99"));
            long diff = pg.queryLong(db, "SELECT count(*) FROM ((SELECT * FROM public.hot EXCEPT ALL SELECT * FROM "
                    + "replica.hot) UNION ALL (SELECT * FROM replica.hot EXCEPT ALL SELECT * FROM public.hot)) d");
            System.out.printf("cdc: %d changes, writers done in %.1f s, target caught up after %.1f s: %.0f changes/s;"
                    + " commit-to-target latency p50 %d ms, p99 %d ms; worker JVM CPU %.1f s (%.2f s per 100k "
                    + "changes); rows differing %d%n", made, writeSeconds, seconds, made / seconds, p50, p99, cpu,
                    cpu * 100_000 / made, diff);
            p.undeploy(rest);
            if (diff != 0) {
                System.exit(1);
            }
        }
    }

    private static void update(PostgresServer pg, String db, long seed, long count, AtomicLong done) {
        Random random = new Random(seed);
        try (Connection c = pg.connect(db)) {
            c.setAutoCommit(false);
            PreparedStatement s = c.prepareStatement("UPDATE public.hot SET n = n + 1, written = clock_timestamp() "
                    + "WHERE id = ?");
            long mine = 0;
            while (mine < count) {
                for (int i = 0; i < 10; i++) {
                    // Each writer owns half the keys: no lock waits between writers.
                    s.setInt(1, 1 + (int) (seed + 2L * random.nextInt(KEYS / 2)) % KEYS);
                    s.addBatch();
                }
                s.executeBatch();
                c.commit();
                mine += 10;
                done.addAndGet(10);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("writer failed: " + e.getMessage(), e);
        }
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
