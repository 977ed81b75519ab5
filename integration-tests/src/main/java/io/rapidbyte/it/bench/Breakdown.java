package io.rapidbyte.it.bench;

import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.pipeline.PluginMetrics;
import java.io.PrintStream;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Where one run of the chain spent its time, from the moment it is deployed ({@link #deployed})
 * until the last row is committed ({@link #finish}, before the connectors are deleted): the
 * Rapidbyte task metrics of the source and the sink (guest code CPU, host-function wall and CPU
 * time per group, conversion CPU, commit waits; see connect-plugin's {@code TaskMetrics}), the
 * Kafka clients' transaction and commit times, PostgreSQL's server-side statement times
 * ({@link PgStatements}), the JIT and class loading of this JVM, a JFR profile
 * ({@link RunProfile}), and the time to the first record in Kafka and to the first row in the
 * target ({@link FirstArrivals}). Every figure is a total over the run, so on a machine shared
 * with other work the CPU figures are the robust ones. Not thread-safe; one per run.
 */
final class Breakdown {
    private final String name;
    private final String source;
    private final String sink;
    private final PostgresServer pg;
    private final String database;
    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    private final ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
    private long deployedNanos;
    private long compileMillisAtStart;
    private long classesAtStart;
    private boolean pgStatements;
    private RunProfile profile;
    private FirstArrivals arrivals;
    private Figures figures;

    /**
     * @param source the source connector's name, {@code sink} the sink's
     */
    Breakdown(String name, String source, String sink, PostgresServer pg, String database) {
        this.name = name;
        this.source = source;
        this.sink = sink;
        this.pg = pg;
        this.database = database;
    }

    /** Call right before {@code POST /connectors}: starts the clocks and watchers. */
    void deployed(String bootstrapServers, String topic, LongSupplier committedRows) {
        pgStatements = PgStatements.reset(pg);
        compileMillisAtStart = jit.getTotalCompilationTime();
        classesAtStart = classes.getTotalLoadedClassCount();
        profile = new RunProfile(name);
        arrivals = new FirstArrivals(bootstrapServers, topic, committedRows);
        deployedNanos = System.nanoTime();
    }

    /** The figures of one run, seconds unless named otherwise. */
    record Figures(String name, long rows, double chainSeconds,
                   double sourceGuestCpu, double sourceDbWait, double sourceHostCpu,
                   double sourceEmitWait, double sourceTxnCommit,
                   double sinkGuestCpu, double sinkDbWait, double sinkHostCpu, double sinkInputWait,
                   double sinkCommitWait, double sinkConsumerCommit,
                   PgStatements.Times server, double jitMillis, long classesLoaded,
                   double firstRecord, double firstRow, RunProfile.Summary profile) {
    }

    /** Call when the last row is committed, before the connectors are deleted. */
    Figures finish(long rows, double chainSeconds) {
        arrivals.close();
        RunProfile.Summary summary = profile.finish();
        profile.close();
        figures = new Figures(name, rows, chainSeconds,
                ms(source, "guest-code-cpu-ms-total"),
                wait(source, "socket-read") + wait(source, "socket-write") + ms(source, "host-connect-ms-total"),
                ms(source, "host-frame-cpu-ms-total") + ms(source, "host-emit-batch-cpu-ms-total")
                        + ms(source, "host-control-cpu-ms-total") + ms(source, "convert-cpu-ms-total"),
                wait(source, "emit-batch"),
                ClientMetrics.producerSeconds(source, "txn-commit-time-ns-total"),
                ms(sink, "guest-code-cpu-ms-total"),
                wait(sink, "socket-read") + wait(sink, "socket-write") + ms(sink, "host-connect-ms-total"),
                ms(sink, "host-frame-cpu-ms-total") + ms(sink, "host-next-batch-cpu-ms-total")
                        + ms(sink, "host-control-cpu-ms-total") + ms(sink, "convert-cpu-ms-total"),
                wait(sink, "next-batch"),
                ms(sink, "commit-wait-ms-total"),
                ClientMetrics.consumerSeconds(sink, "commit-sync-time-ns-total"),
                pgStatements ? PgStatements.read(pg, database) : PgStatements.Times.UNAVAILABLE,
                jit.getTotalCompilationTime() - compileMillisAtStart,
                classes.getTotalLoadedClassCount() - classesAtStart,
                since(arrivals.firstRecordNanos()), since(arrivals.firstRowNanos()), summary);
        return figures;
    }

    private double since(long nanos) {
        return nanos == 0 ? Double.NaN : (nanos - deployedNanos) / 1e9;
    }

    private static double ms(String connector, String metric) {
        return PluginMetrics.sum(connector, metric) / 1e3;
    }

    /** Wall minus CPU time of a host-function group: time the guest waited in it. */
    private static double wait(String connector, String group) {
        return Math.max(0, ms(connector, "host-" + group + "-ms-total") - ms(connector, "host-" + group + "-cpu-ms-total"));
    }

    /** Prints one run's figures. */
    static void print(PrintStream out, Figures f) {
        out.printf("%nwhere the time went: %s, %,d rows, chain %.1f s (POST /connectors to the last row committed)%n",
                f.name(), f.rows(), f.chainSeconds());
        out.println("| stage | figure | s | µs/row |");
        out.println("|---|---|---:|---:|");
        row(out, f, "source guest", "guest code CPU (run-read, minus host functions)", f.sourceGuestCpu());
        row(out, f, "source guest", "waiting for PostgreSQL (socket reads/writes, connect)", f.sourceDbWait());
        row(out, f, "source host", "conversion CPU (frame copies, batch checks, SourceRecords)", f.sourceHostCpu());
        row(out, f, "source → Kafka", "blocked in emit-batch (task buffer full: Kafka backpressure)", f.sourceEmitWait());
        row(out, f, "commit waits", "source: Kafka transaction commits (producer)", f.sourceTxnCommit());
        row(out, f, "sink host", "conversion CPU (records → frames, frame reads, checkpoints)", f.sinkHostCpu());
        row(out, f, "sink guest", "guest code CPU (run-write, minus host functions)", f.sinkGuestCpu());
        row(out, f, "Kafka → sink", "waiting for input (next-batch)", f.sinkInputWait());
        row(out, f, "sink guest", "waiting for PostgreSQL (socket reads/writes, connect)", f.sinkDbWait());
        row(out, f, "commit waits", "sink: preCommit waiting for the destination's commit", f.sinkCommitWait());
        row(out, f, "commit waits", "sink: consumer offset commits", f.sinkConsumerCommit());
        PgStatements.Times pg = f.server();
        if (pg.available()) {
            row(out, f, "PostgreSQL server", "COPY … TO STDOUT execution (source)", pg.copyOut());
            row(out, f, "PostgreSQL server", "COPY … FROM STDIN execution (sink)", pg.copyIn());
            row(out, f, "PostgreSQL server", "COMMIT statements (sink)", pg.commits());
            row(out, f, "PostgreSQL server", "other statements (catalog, watermarks, auth)", pg.other());
        } else {
            out.println("| PostgreSQL server | pg_stat_statements not loaded | n/a | |");
        }
        RunProfile.Summary p = f.profile();
        out.printf("| JIT | compile time, all classes (CompilationMXBean) | %.1f | |%n", f.jitMillis() / 1e3);
        out.printf("| JIT | of which guest classes (JFR: %,d of %,d compilations) | %.1f | |%n",
                p.guestCompilations(), p.compilations(), p.guestCompileSeconds());
        out.printf("| JVM | classes loaded during the run | %,d | |%n", f.classesLoaded());
        out.printf("| start-up | POST /connectors → first committed record in Kafka | %.2f | |%n", f.firstRecord());
        out.printf("| start-up | POST /connectors → first row committed in the target | %.2f | |%n", f.firstRow());
        p.print(out);
        p.printAllocationSites(out, f.rows());
    }

    private static void row(PrintStream out, Figures f, String stage, String what, double seconds) {
        out.printf("| %s | %s | %.2f | %.2f |%n", stage, what, seconds, seconds * 1e6 / Math.max(1, f.rows()));
    }
}
