package io.rapidbyte.it.chaos;

import io.rapidbyte.it.process.Ports;
import io.rapidbyte.it.process.ProcessCluster;
import io.rapidbyte.it.process.WorkerProcess;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Does one fault to a {@link ProcessCluster} and brings the process back: a killed process stays
 * down for a random moment (up to {@value #MAX_DOWN_MS} ms) before it is started again, and the
 * call returns once it answers again. Its choices (which worker, how long down) come from the
 * run's seeded {@link Random}. Not thread-safe.
 */
final class FaultInjector {
    private static final long MAX_DOWN_MS = 3_000;
    private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(3);

    private final ProcessCluster cluster;
    private final Random random;

    FaultInjector(ProcessCluster cluster, Random random) {
        this.cluster = cluster;
        this.random = random;
    }

    /** Does {@code kind}; returns what was done, for the report. */
    String inject(FaultKind kind) {
        return switch (kind) {
            case WORKER_KILL -> killWorker();
            case BROKER_KILL -> killBroker();
            case POSTGRES_CRASH -> crashPostgres();
            case CUT_POSTGRES -> "reset " + cluster.postgresProxy().cutAll() + " connector connections to PostgreSQL";
            case CUT_KAFKA -> "reset " + cluster.broker().clientProxy().cutAll() + " client connections to the broker";
        };
    }

    private String killWorker() {
        List<WorkerProcess> workers = cluster.workers();
        WorkerProcess w = workers.get(random.nextInt(workers.size()));
        long pid = w.process().pid();
        w.kill();
        long down = downtime();
        long t0 = System.nanoTime();
        w.startAndAwait(RESTART_TIMEOUT);
        return String.format("SIGKILL %s (pid %d), down %.1f s, REST answering %.1f s after its start", w.name(), pid,
                down / 1e3, (System.nanoTime() - t0) / 1e9);
    }

    private String killBroker() {
        long pid = cluster.broker().process().pid();
        cluster.broker().kill();
        long down = downtime();
        long t0 = System.nanoTime();
        cluster.broker().startAndAwait(RESTART_TIMEOUT);
        return String.format("SIGKILL broker (pid %d), down %.1f s, answering %.1f s after its start", pid, down / 1e3,
                (System.nanoTime() - t0) / 1e9);
    }

    private String crashPostgres() {
        long t0 = System.nanoTime();
        cluster.postgresServer().restartImmediately(RESTART_TIMEOUT);
        return String.format("pg_ctl stop -m immediate + start: accepting connections after %.1f s",
                (System.nanoTime() - t0) / 1e9);
    }

    private long downtime() {
        long ms = (long) (random.nextDouble() * MAX_DOWN_MS);
        Ports.pause(ms);
        return ms;
    }
}
