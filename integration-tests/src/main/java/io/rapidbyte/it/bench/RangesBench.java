package io.rapidbyte.it.bench;

import io.rapidbyte.it.data.SampleTable;
import io.rapidbyte.it.demo.DemoOptions;
import io.rapidbyte.it.env.ConnectEnvironment;
import io.rapidbyte.it.env.Environments;
import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.pipeline.ChainRun;
import io.rapidbyte.it.pipeline.PipelineWatch;
import io.rapidbyte.it.pipeline.PluginMetrics;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import io.rapidbyte.it.pipeline.Secrets;
import io.rapidbyte.it.rest.ConnectRest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parallel-snapshot benchmark (not a test; {@code mvn -B verify -Pranges-bench [-Dbench.rows=…
 * -Dbench.tasks=1,2,4]}): for each size and each {@code tasks.max} k, source-postgres splits the
 * sample table into k ctid ranges ({@code snapshot_ranges} = k) read by k source tasks into a
 * k-partition topic written by k sink tasks. Per k it times (a) the chain end to end into
 * dest-postgres, like {@link EndToEndBench} ({@link ChainRun}: from {@code POST /connectors} to the
 * last committed row), then (b) the source alone on the same table (another connector and topic, no
 * sink): from {@code POST /connectors} until every range's finished flag is in the committed offsets
 * (exactly-once: committed with the range's last records, so every record is in the topic). Prints
 * rows/s, the scaling factor against the first k and the core count, and the {@link CopyPipeReference}
 * baseline on the same table. Times come from 500 ms polls. Target and topic must hold exactly the
 * source's rows, or the run fails; speed is never judged. {@code -Dbench.warmup=false} skips the
 * unreported 50,000-row chain that first warms the JIT.
 */
public final class RangesBench {
    private static final long WARM_UP_ROWS = 50_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(60);

    private record Row(long rows, int tasks, double sourceSeconds, double chainSeconds) {
    }

    private RangesBench() {
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options = DemoOptions.parse(args);
        int[] tasks = parseTasks(System.getProperty("bench.tasks", "1,2,4"));
        int cores = Runtime.getRuntime().availableProcessors();
        String stamp = Long.toString(System.currentTimeMillis(), 36);
        List<Row> results = new ArrayList<>();
        List<String> references = new ArrayList<>();
        try (ConnectEnvironment env = Environments.start(options.pluginPath(), options.configDir())) {
            ConnectRest rest = new ConnectRest(env::restUrl);
            Secrets secrets = Secrets.create(Files.createTempDirectory("rapidbyte-ranges-bench"));
            System.out.println("environment: " + env.describe() + "; " + cores + " CPUs");
            if (Boolean.parseBoolean(System.getProperty("bench.warmup", "true"))) {
                chain(env, rest, secrets, options, "rwarmup_" + stamp, WARM_UP_ROWS, 1);
            }
            for (long rows : options.rows()) {
                for (int k : tasks) {
                    // Fresh names per run: Connect keeps a deleted connector's offsets (and range plan).
                    String db = "rbench_" + rows + "_t" + k + "_" + stamp;
                    double chainSeconds = chain(env, rest, secrets, options, db, rows, k);
                    double sourceSeconds = sourceAlone(env, rest, secrets, options, db + "_src", db, rows, k);
                    if (k == tasks[0]) {
                        env.postgres().execute(db, "CHECKPOINT");
                        double copy = CopyPipeReference.run(env.postgres(), db, SampleTable.TABLE, "reference.orders");
                        references.add(String.format("COPY pipe (pgjdbc, binary), %,d rows: %.2f s, %,.0f rows/s",
                                rows, copy, rows / copy));
                    }
                    results.add(new Row(rows, k, sourceSeconds, chainSeconds));
                    print(results, references, cores);
                }
            }
        }
        System.exit(0);
    }

    /** The chain with k ranges, tasks, partitions and sink tasks; fails unless the target equals the source. */
    private static double chain(ConnectEnvironment env, ConnectRest rest, Secrets secrets, DemoOptions options,
                                String db, long rows, int k) throws InterruptedException {
        PostgresServer pg = env.postgres();
        pg.createDatabase(db);
        PostgresPipeline p = ranged(PostgresPipeline.fromConfig(options.configDir(), pg, secrets).named(db), k);
        p.sink().set("tasks.max", Integer.toString(k));
        System.out.printf("-- %s: %,d rows, tasks.max %d, end to end%n", db, rows, k);
        ChainRun.Outcome outcome = ChainRun.run(rest, pg, p, db, rows, System.out);
        p.undeploy(rest);
        long source = pg.queryLong(db, "SELECT count(*) FROM " + SampleTable.TABLE);
        long target = pg.queryLong(db, "SELECT count(*) FROM " + ChainRun.TARGET_TABLE);
        if (!outcome.diff().equal() || source != rows || target != source) {
            throw new IllegalStateException(String.format("MISMATCH in %s: source %,d rows, target %,d rows, %s",
                    db, source, target, outcome.diff()));
        }
        System.out.printf("   end to end: %.2f s, %,.0f rows/s; target = source (%,d rows)%n", outcome.seconds(),
                outcome.rowsPerSecond(), target);
        return outcome.seconds();
    }

    /**
     * Only the source connector, on the table {@link #chain} left in {@code db}: seconds until all k
     * partitions are finished; fails unless its tasks moved exactly the table's rows.
     */
    private static double sourceAlone(ConnectEnvironment env, ConnectRest rest, Secrets secrets, DemoOptions options,
                                      String name, String db, long rows, int k) throws InterruptedException {
        PostgresServer pg = env.postgres();
        PostgresPipeline p = ranged(PostgresPipeline.fromConfig(options.configDir(), pg, secrets).named(name), k)
                .from(db, SampleTable.TABLE);
        String source = p.source().name();
        PipelineWatch watch = new PipelineWatch(rest, pg, List.of(source));
        System.out.printf("-- %s: %,d rows, tasks.max %d, source alone into %s%n", name, rows, k, p.topic());
        long start = System.nanoTime();
        rest.createConnector(p.source().json()).orThrow("creating " + source);
        // k = 1 reads the stream whole (one partition), otherwise one partition per range.
        watch.awaitCount(source + " finished partitions", () -> watch.finishedPartitions(source), k, TIMEOUT,
                Duration.ofSeconds(10), null);
        double seconds = (System.nanoTime() - start) / 1e9;
        // The task metrics live until the tasks stop: read them first.
        long moved = (long) PluginMetrics.sum(source, "rows-total");
        rest.deleteConnector(source);
        if (moved != rows) {
            throw new IllegalStateException(String.format("MISMATCH in %s: the source tasks moved %,d rows of %,d",
                    name, moved, rows));
        }
        System.out.printf("   source alone: %.2f s, %,.0f rows/s; %,d rows moved%n", seconds, rows / seconds, moved);
        return seconds;
    }

    /** k source tasks over k ranges, into a topic of k partitions. */
    private static PostgresPipeline ranged(PostgresPipeline p, int k) {
        p.source().set("tasks.max", Integer.toString(k));
        p.source().set("wasm.config.snapshot_ranges", Integer.toString(k));
        p.source().set("topic.creation.default.partitions", Integer.toString(k));
        return p;
    }

    private static int[] parseTasks(String value) {
        int[] tasks = Arrays.stream(value.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        if (tasks.length == 0 || Arrays.stream(tasks).anyMatch(t -> t < 1)) {
            throw new IllegalArgumentException("bench.tasks must be positive whole numbers (comma-separated), got "
                    + value);
        }
        return tasks;
    }

    private static void print(List<Row> results, List<String> references, int cores) {
        System.out.println();
        System.out.println("| rows | tasks.max (= ranges, partitions, sink tasks) | source alone s | source rows/s"
                + " | source scaling | end to end s | end to end rows/s | end to end scaling |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : results) {
            Row base = results.stream().filter(b -> b.rows() == r.rows()).findFirst().orElseThrow();
            System.out.printf("| %,d | %d | %.2f | %,.0f | %.2f× | %.2f | %,.0f | %.2f× |%n", r.rows(), r.tasks(),
                    r.sourceSeconds(), r.rows() / r.sourceSeconds(), base.sourceSeconds() / r.sourceSeconds(),
                    r.chainSeconds(), r.rows() / r.chainSeconds(), base.chainSeconds() / r.chainSeconds());
        }
        System.out.println("cores (availableProcessors): " + cores + "; scaling is against tasks.max "
                + results.get(0).tasks() + " of the same size");
        references.forEach(System.out::println);
        System.out.println();
    }
}
