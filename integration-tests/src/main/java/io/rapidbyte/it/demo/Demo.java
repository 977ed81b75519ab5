package io.rapidbyte.it.demo;

import io.rapidbyte.it.pipeline.ChainRun;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import io.rapidbyte.it.pipeline.TopicBytes;
import io.rapidbyte.it.process.ProcessCluster;
import io.rapidbyte.it.rest.ConnectRest;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * The README's main job ({@code mvn -B verify -Pdemo}): PostgreSQL, a Kafka broker and a plain
 * distributed Connect worker as processes on localhost ({@link DemoSession}); a sample table;
 * source-postgres and dest-postgres deployed through the REST API from {@code config/}; progress;
 * verification; throughput. Exit status 0 when the target equals the source, 1 on a mismatch, 2
 * when the pipeline failed; a stop by Ctrl-C while exploring ({@code --keep-running}) keeps the
 * run's status. Every way out removes what the run created.
 */
public final class Demo {
    /** Printed once everything runs for exploring ({@code --keep-running}); tests wait for it. */
    public static final String EXPLORING = "Everything keeps running; Ctrl-C stops it.";
    /** Prefix of the line that names the worker's REST API. */
    public static final String REST_LINE = "Connect REST API: ";

    private static final PrintStream OUT = System.out;

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(64);
            return;
        }
        System.exit(run(options));
    }

    private static int run(DemoOptions options) throws InterruptedException {
        DemoSession session = DemoSession.create(OUT);
        // Ctrl-C at any moment: the JVM runs this hook, which stops and removes everything.
        Thread stopOnExit = new Thread(session::close, "demo-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        int status;
        try {
            OUT.println("== Rapidbyte demo: PostgreSQL → source-postgres.wasm → Kafka → dest-postgres.wasm → PostgreSQL");
            OUT.println("starting PostgreSQL, a Kafka broker and a Connect worker as processes (plugin.path "
                    + options.pluginPath() + ", work directory " + session.dir() + ") …");
            ProcessCluster cluster = session.start(options.pluginPath(), options.configDir());
            OUT.println("environment: " + cluster.describe());
            OUT.println(REST_LINE + cluster.restUrl());
            ConnectRest rest = new ConnectRest(cluster::restUrl);
            PostgresPipeline pipeline = PostgresPipeline.fromConfig(options.configDir(), cluster.postgres(),
                    session.secrets());
            String database = pipeline.source().get("wasm.config.database");
            cluster.postgres().createDatabase(database);
            session.deployed(pipeline);
            ChainRun.Outcome outcome = ChainRun.run(rest, cluster.postgres(), pipeline, database, options.rows()[0], OUT,
                    watch -> { }, p -> TopicBytes.onBrokers(cluster.bootstrapServers(), p.topic()));
            status = report(outcome);
            if (options.keepRunning()) {
                explore(cluster, pipeline, database, status, stopOnExit);
            }
        } catch (RuntimeException e) {
            System.err.println("demo FAILED: " + e.getMessage());
            e.printStackTrace();
            status = 2;
        }
        session.close();
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
        return status;
    }

    private static int report(ChainRun.Outcome o) {
        OUT.println();
        OUT.printf("rows:        %,d in %.2f s, source to target%n", o.rows(), o.seconds());
        OUT.printf("throughput:  %,.0f rows/s   %.1f MB/s through Kafka (%,.1f MB of compressed Arrow IPC on the broker)"
                        + "   %.1f MB/s of source table (%,.1f MB)%n",
                o.rowsPerSecond(), o.arrowMegabytesPerSecond(), o.arrowBytes() / 1e6, o.tableMegabytesPerSecond(),
                o.tableBytes() / 1e6);
        OUT.println("verification: " + o.diff());
        if (o.diff().equal()) {
            OUT.println("RESULT: OK — the target equals the source (EXCEPT ALL both ways is empty, types equal)");
            return 0;
        }
        OUT.println("RESULT: MISMATCH — the target differs from the source");
        return 1;
    }

    private static void explore(ProcessCluster cluster, PostgresPipeline pipeline, String database, int status,
                                Thread stopOnExit) throws InterruptedException {
        String url = cluster.restUrl();
        OUT.println();
        OUT.println(EXPLORING + " Try (README, \"Your first hour\"):");
        OUT.println("  export CONNECT=" + url);
        OUT.println("  export PGURL=postgresql://postgres@" + cluster.postgres().host() + ":" + cluster.postgres().port()
                + "/" + database);
        OUT.println("  curl -s $CONNECT/connectors?expand=status");
        OUT.println("  curl -s $CONNECT/connector-plugins");
        OUT.println("  psql $PGURL -c 'SELECT count(*) FROM replica.orders'");
        OUT.println("  Kafka: " + cluster.bootstrapServers() + "   source connector: " + pipeline.source().name());
        OUT.flush();
        // Ctrl-C: the hook stops everything; halt() then ends with the run's own status (a stop by
        // Ctrl-C is not a failure). Replaces the plain hook registered at the start.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopOnExit.run();
            Runtime.getRuntime().halt(status);
        }, "demo-stop-exploring"));
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
        new CountDownLatch(1).await();
    }
}
