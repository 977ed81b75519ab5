package io.rapidbyte.it.process;

import io.rapidbyte.it.env.ConnectEnvironment;
import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.env.WorkerProperties;
import io.rapidbyte.postgres.testkit.TcpProxy;
import io.rapidbyte.postgres.testkit.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * PostgreSQL, a Kafka broker and N distributed Connect workers, each its own OS process on
 * localhost, so each can be killed for real: PostgreSQL 17 (zonky binaries, restarted with its
 * own {@code pg_ctl}), a KRaft broker ({@link BrokerProcess}) and workers ({@link WorkerProcess})
 * started from {@code config/connect-distributed.properties}, the plugin only on their
 * {@code plugin.path}. Connectors reach PostgreSQL through {@link #postgresProxy()} and every
 * Kafka client reaches the broker through its client proxy; this JVM's own SQL (set-up,
 * progress, verification) goes to PostgreSQL directly. Not thread-safe: one owner drives it
 * ({@link #close()} may also come from a shutdown hook).
 */
public final class ProcessCluster implements ConnectEnvironment {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /**
     * Set on every worker, under the caller's overrides: {@code plugin.discovery=service_load} finds
     * plugins by their service manifests (the Rapidbyte plugin ships them) instead of scanning every
     * class of the class path and the plugin, which takes a worker 35-45 s of CPU on this machine at
     * every start.
     */
    public static final Map<String, String> WORKER_DEFAULTS = Map.of("plugin.discovery", "service_load");

    private final TestPostgres pg;
    private final TcpProxy pgProxy;
    private final PostgresServer postgres;
    private final BrokerProcess broker;
    private final List<WorkerProcess> workers;
    private boolean closed;

    private ProcessCluster(TestPostgres pg, TcpProxy pgProxy, BrokerProcess broker, List<WorkerProcess> workers) {
        this.pg = pg;
        this.pgProxy = pgProxy;
        this.postgres = new PostgresServer(pg.host(), pg.port(), "postgres", null);
        this.broker = broker;
        this.workers = workers;
    }

    /**
     * Starts everything under {@code dir} (data directories, configuration files, one log file per
     * process).
     *
     * @param workerOverrides worker properties set on top of the file's and {@link #WORKER_DEFAULTS}
     *                        (besides broker, listener and plugin path)
     */
    public static ProcessCluster start(Path dir, Path pluginPath, WorkerProperties workerFile,
                                       Map<String, String> workerOverrides, int workerCount) {
        TestPostgres pg = TestPostgres.start(dir.resolve("pgdata"), Ports.free());
        TcpProxy pgProxy = null;
        BrokerProcess broker = null;
        List<WorkerProcess> workers = new ArrayList<>();
        try {
            pgProxy = new TcpProxy("postgres", 0, pg.port());
            broker = BrokerProcess.start(dir, START_TIMEOUT);
            Map<String, String> fileProps = new java.util.TreeMap<>(workerFile.forEmbedding(pluginPath));
            fileProps.putAll(WORKER_DEFAULTS);
            for (int i = 1; i <= workerCount; i++) {
                workers.add(WorkerProcess.create("worker-" + i, dir, fileProps, broker.bootstrapServers(),
                        workerOverrides));
            }
            // Started side by side: each JVM start is seconds of CPU.
            CompletableFuture.allOf(workers.stream()
                    .map(w -> CompletableFuture.runAsync(() -> w.startAndAwait(START_TIMEOUT)))
                    .toArray(CompletableFuture[]::new)).join();
            return new ProcessCluster(pg, pgProxy, broker, List.copyOf(workers));
        } catch (RuntimeException e) {
            workers.forEach(WorkerProcess::close);
            if (broker != null) {
                broker.close();
            }
            if (pgProxy != null) {
                pgProxy.close();
            }
            pg.close();
            throw e;
        }
    }

    /** The REST API of the first worker that answers (any worker serves the whole cluster). */
    @Override
    public String restUrl() {
        for (WorkerProcess w : workers) {
            if (w.answers()) {
                return w.restUrl();
            }
        }
        return workers.get(0).restUrl();
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** PostgreSQL for this JVM's own SQL (direct, never cut). */
    @Override
    public PostgresServer postgres() {
        return postgres;
    }

    /** The relay the connectors' PostgreSQL connections go through (point {@code wasm.config.port} at it). */
    public TcpProxy postgresProxy() {
        return pgProxy;
    }

    public TestPostgres postgresServer() {
        return pg;
    }

    public BrokerProcess broker() {
        return broker;
    }

    public List<WorkerProcess> workers() {
        return workers;
    }

    /** Stops the first worker gracefully (SIGTERM) and starts it again. */
    @Override
    public void restartWorker() {
        WorkerProcess w = workers.get(0);
        w.close();
        w.startAndAwait(START_TIMEOUT);
    }

    @Override
    public String describe() {
        return "processes on localhost: PostgreSQL 17 on port " + pg.port() + " (connectors via " + pgProxy
                + "), a KRaft broker (clients via " + broker.clientProxy() + "), " + workers.size()
                + " Connect workers " + workers.stream().map(WorkerProcess::restUrl).toList();
    }

    /**
     * Stops the workers, the broker and PostgreSQL (SIGTERM, SIGKILL after a grace period).
     * Idempotent, and safe from a shutdown hook while the owner closes too.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            CompletableFuture.allOf(workers.stream()
                    .map(w -> CompletableFuture.runAsync(w::close))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            try {
                broker.close();
            } finally {
                pgProxy.close();
                pg.close();
            }
        }
    }
}
