package io.rapidbyte.it.demo;

import io.rapidbyte.it.env.ConnectEnvironment;
import io.rapidbyte.it.env.Environments;
import io.rapidbyte.it.pipeline.ChainRun;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import io.rapidbyte.it.pipeline.Secrets;
import io.rapidbyte.it.rest.ConnectRest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The README's main job ({@code mvn -B verify -Pdemo}): PostgreSQL, a Kafka broker and a Connect
 * worker on localhost; a sample table; source-postgres and dest-postgres deployed through the REST
 * API from {@code config/}; progress; verification; throughput. Exit status 0 when the target
 * equals the source, 1 on a mismatch, 2 when the pipeline failed.
 */
public final class Demo {
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
        int status;
        ConnectEnvironment env = null;
        try {
            OUT.println("== Rapidbyte demo: PostgreSQL → source-postgres.wasm → Kafka → dest-postgres.wasm → PostgreSQL");
            OUT.println("starting PostgreSQL, a Kafka broker and a Connect worker (plugin.path " + options.pluginPath() + ") …");
            env = Environments.start(options.pluginPath(), options.configDir());
            OUT.println("environment: " + env.describe());
            OUT.println("Connect REST API: " + env.restUrl());
            ConnectRest rest = new ConnectRest(env::restUrl);
            Secrets secrets = Secrets.create(Files.createTempDirectory("rapidbyte-demo"));
            PostgresPipeline pipeline = PostgresPipeline.fromConfig(options.configDir(), env.postgres(), secrets);
            String database = pipeline.source().get("wasm.config.database");
            env.postgres().createDatabase(database);
            ChainRun.Outcome outcome = ChainRun.run(rest, env.postgres(), pipeline, database, options.rows()[0], OUT);
            status = report(outcome);
            if (options.keepRunning()) {
                explore(env, pipeline, database, status);
            }
        } catch (Exception e) {
            System.err.println("demo FAILED: " + e.getMessage());
            e.printStackTrace();
            status = 2;
        } finally {
            if (env != null) {
                OUT.println("stopping …");
                env.close();
            }
        }
        System.exit(status);
    }

    private static int report(ChainRun.Outcome o) {
        OUT.println();
        OUT.printf("rows:        %,d in %.2f s, source to target%n", o.rows(), o.seconds());
        OUT.printf("throughput:  %,.0f rows/s   %.1f MB/s of Arrow IPC through Kafka (%,.1f MB)   %.1f MB/s of source table (%,.1f MB)%n",
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

    private static void explore(ConnectEnvironment env, PostgresPipeline pipeline, String database, int status)
            throws InterruptedException {
        String url = env.restUrl();
        OUT.println();
        OUT.println("Everything keeps running; Ctrl-C stops it. Try:");
        OUT.println("  curl -s " + url + "/connectors?expand=status");
        OUT.println("  curl -s " + url + "/connectors/" + pipeline.source().name() + "/offsets");
        OUT.println("  curl -s " + url + "/connector-plugins");
        OUT.println("  PostgreSQL: " + env.postgres().jdbcUrl(database) + " (user postgres)   Kafka: " + env.bootstrapServers());
        // Ctrl-C: the JVM runs this hook; main never returns from the wait below. halt() keeps the
        // run's own status (a stop by Ctrl-C is not a failure).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            OUT.println("stopping …");
            env.close();
            Runtime.getRuntime().halt(status);
        }, "demo-stop"));
        new CountDownLatch(1).await();
    }
}
