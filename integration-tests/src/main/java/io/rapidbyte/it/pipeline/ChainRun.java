package io.rapidbyte.it.pipeline;

import io.rapidbyte.it.data.SampleTable;
import io.rapidbyte.it.data.TableDiff;
import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.rest.ConnectRest;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * One timed run of the chain on the sample table: create {@code public.orders} with N rows,
 * deploy source-postgres and dest-postgres (target schema {@code replica} of the same database,
 * so the two can be compared with {@code EXCEPT}), wait for every row, verify. Used by the demo
 * and the end-to-end benchmark. Not thread-safe.
 */
public final class ChainRun {
    public static final String TARGET_SCHEMA = "replica";
    public static final String TARGET_TABLE = TARGET_SCHEMA + ".orders";
    private static final Duration TIMEOUT = Duration.ofMinutes(60);

    /**
     * @param seconds    from the first {@code POST /connectors} to the last row committed in the target
     * @param arrowBytes bytes the run put through Kafka, as the caller measured them (by default the
     *                   Arrow IPC bytes of the source task's {@code bytes-total} metric)
     * @param tableBytes the source table's size on disk ({@code pg_table_size}, heap + TOAST)
     */
    public record Outcome(long rows, double seconds, double arrowBytes, long tableBytes, TableDiff.Result diff) {
        public double rowsPerSecond() {
            return rows / seconds;
        }

        public double arrowMegabytesPerSecond() {
            return arrowBytes / 1e6 / seconds;
        }

        public double tableMegabytesPerSecond() {
            return tableBytes / 1e6 / seconds;
        }
    }

    private ChainRun() {
    }

    /**
     * @param pipeline the payloads to deploy (names and topic already chosen); pointed here at
     *                 {@code database} ({@code public.orders} → {@code replica.orders})
     * @param out      progress and phase lines (null: silent)
     */
    public static Outcome run(ConnectRest rest, PostgresServer pg, PostgresPipeline pipeline, String database, long rows,
                              PrintStream out) throws InterruptedException {
        return run(rest, pg, pipeline, database, rows, out, watch -> { });
    }

    /**
     * {@link #run(ConnectRest, PostgresServer, PostgresPipeline, String, long, PrintStream)} that calls
     * {@code beforeDeploy} with the run's watch right before {@code POST /connectors}, once the table
     * is ready (a benchmark starts its clocks there).
     */
    public static Outcome run(ConnectRest rest, PostgresServer pg, PostgresPipeline pipeline, String database, long rows,
                              PrintStream out, Consumer<PipelineWatch> beforeDeploy) throws InterruptedException {
        // The task metrics are JMX beans of the worker, which runs in this JVM for these callers.
        return run(rest, pg, pipeline, database, rows, out, beforeDeploy,
                p -> PluginMetrics.sum(p.source().name(), "bytes-total"));
    }

    /**
     * The run, with {@code kafkaBytes} measuring what went through Kafka once every row arrived
     * (for a worker in another process, whose metrics this JVM cannot read).
     */
    public static Outcome run(ConnectRest rest, PostgresServer pg, PostgresPipeline pipeline, String database, long rows,
                              PrintStream out, Consumer<PipelineWatch> beforeDeploy, KafkaBytes kafkaBytes)
            throws InterruptedException {
        long t0 = System.nanoTime();
        SampleTable.create(pg, database, rows);
        pg.execute(database, "DROP SCHEMA IF EXISTS " + TARGET_SCHEMA + " CASCADE");
        long tableBytes = pg.queryLong(database, "SELECT pg_table_size('" + SampleTable.TABLE + "')");
        say(out, String.format("created %s with %,d rows (%,.1f MB) in %.1f s", SampleTable.TABLE, rows,
                tableBytes / 1e6, (System.nanoTime() - t0) / 1e9));

        pg.execute(database, "CHECKPOINT");
        pipeline.from(database, SampleTable.TABLE).to(database, TARGET_SCHEMA);
        PipelineWatch watch = new PipelineWatch(rest, pg, List.of(pipeline.source().name(), pipeline.sink().name()));
        beforeDeploy.accept(watch);
        long start = System.nanoTime();
        pipeline.deploy(rest);
        say(out, "deployed " + pipeline.source().name() + " (source-postgres) and " + pipeline.sink().name()
                + " (dest-postgres) through " + "POST /connectors; topic " + pipeline.topic());
        // Progress from the watermark table: count(*) on a growing million-row table every poll would
        // compete with the pipeline for the same CPUs.
        watch.awaitCount(TARGET_TABLE, () -> watch.committedRows(database, TARGET_SCHEMA), rows, TIMEOUT,
                Duration.ofSeconds(2), count -> {
            double s = (System.nanoTime() - start) / 1e9;
            say(out, String.format("  %,12d / %,d rows in %s (%3.0f%%)  %6.1f s  %,10.0f rows/s", count, rows,
                    TARGET_TABLE, 100.0 * count / rows, s, count / Math.max(s, 1e-9)));
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        double arrowBytes = kafkaBytes.of(pipeline);
        watch.failIfFailed();
        say(out, "verifying: EXCEPT ALL both ways between " + SampleTable.TABLE + " and " + TARGET_TABLE);
        TableDiff.Result diff = TableDiff.compare(pg, database, SampleTable.TABLE, TARGET_TABLE);
        return new Outcome(rows, seconds, arrowBytes, tableBytes, diff);
    }

    /** What a run put through Kafka, in bytes. */
    @FunctionalInterface
    public interface KafkaBytes {
        double of(PostgresPipeline pipeline) throws InterruptedException;
    }

    private static void say(PrintStream out, String line) {
        if (out != null) {
            out.println(line);
            out.flush();
        }
    }
}
