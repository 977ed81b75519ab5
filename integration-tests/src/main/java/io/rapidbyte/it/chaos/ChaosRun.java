package io.rapidbyte.it.chaos;

import io.rapidbyte.it.env.WorkerProperties;
import io.rapidbyte.it.pipeline.Secrets;
import io.rapidbyte.it.process.Ports;
import io.rapidbyte.it.process.ProcessCluster;
import io.rapidbyte.it.process.WorkerProcess;
import io.rapidbyte.it.rest.ConnectRest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * One chaos run: start PostgreSQL, a broker and two Connect workers as processes; create one
 * pipeline per kind over REST; inject the planned faults while the rows move; wait until every
 * pipeline has delivered, let it settle, and compare each target with its source. Not
 * thread-safe; one run per instance.
 */
public final class ChaosRun {
    /**
     * Set on top of {@code config/connect-distributed.properties}. Failure detection is shortened
     * from Connect's production defaults so that the work of a killed worker moves within seconds:
     * the tasks of a worker that left the group wait {@code scheduled.rebalance.max.delay.ms}
     * (default 5 minutes) for it to come back before they are reassigned, and a sink task's
     * consumer holds its partitions for {@code session.timeout.ms} (default 45 s) after its JVM
     * died.
     */
    public static final Map<String, String> WORKER_OVERRIDES = Map.of(
            "scheduled.rebalance.max.delay.ms", "10000",
            "consumer.session.timeout.ms", "10000");
    static final int WORKERS = 2;
    /** After the last row arrived: longer than the workers' offset flush interval, so late replays would show. */
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final long POLL_MS = 500;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);
    /**
     * No row committed for this long while some pipeline still has rows to deliver (and no fault
     * is being injected): a task that will not recover on its own, reported instead of waiting for
     * the timeout. Far above a worker's rejoin and rebalance time after a kill.
     */
    static final Duration STALL = Duration.ofMinutes(3);

    private final ChaosOptions options;
    private final PrintStream out;
    private final Random random;
    private long start;
    private long nextProgressLine;
    private long lastCommitted = -1;
    private long lastMoveNanos;

    public ChaosRun(ChaosOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.random = new Random(options.seed());
    }

    public ChaosReport run() {
        Path dir = workDir();
        FaultPlan plan = FaultPlan.draw(random, options.faults(), options.faultKinds());
        say("== chaos run, seed " + options.seed() + ": " + String.format("%,d", options.rows()) + " rows per pipeline, "
                + "pipelines " + options.kinds().stream().map(ChainKind::name).toList() + ", " + options.faults()
                + " faults of " + options.faultKinds());
        say("work directory (configuration, data, one log per process): " + dir);
        Map<String, String> set = new TreeMap<>(ProcessCluster.WORKER_DEFAULTS);
        set.putAll(WORKER_OVERRIDES);
        say("worker properties: " + WorkerProperties.FILE + " with bootstrap.servers, listeners, plugin.path and " + set);
        ProcessCluster cluster = ProcessCluster.start(dir, options.pluginPath(), WorkerProperties.load(options.configDir()),
                WORKER_OVERRIDES, WORKERS);
        // Ctrl-C or a kill of this JVM must not leave PostgreSQL, the broker and the workers running.
        Thread stopOnExit = new Thread(cluster::close, "chaos-stop-processes");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            say("started " + cluster.describe());
            if (options.postgresKibPerSecond() > 0) {
                cluster.postgresProxy().limitBandwidth(options.postgresKibPerSecond() * 1024);
                say("bandwidth between the connectors and PostgreSQL: " + options.postgresKibPerSecond()
                        + " KiB/s each way");
            }
            return drive(cluster, plan, dir);
        } finally {
            say("stopping the processes …");
            cluster.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException e) {
                // the JVM is exiting already: the hook stops them (again, harmlessly)
            }
        }
    }

    private ChaosReport drive(ProcessCluster cluster, FaultPlan plan, Path dir) {
        ConnectRest rest = new ConnectRest(cluster::restUrl);
        Secrets secrets = Secrets.create(dir);
        List<Chain> chains = new ArrayList<>();
        for (ChainKind kind : options.kinds()) {
            chains.add(Chain.prepare(kind, options.rows(), cluster.postgres(), cluster.postgresProxy().port(), rest,
                    options.configDir(), secrets));
        }
        say("created the source tables; creating the connectors through POST /connectors");
        chains.forEach(c -> c.deploy(options));
        start = System.nanoTime();
        lastMoveNanos = start;
        long deadline = start + options.timeout().toNanos();
        FaultInjector injector = new FaultInjector(cluster, random);
        List<FaultEvent> events = new ArrayList<>();
        Optional<String> failure = Optional.empty();
        long lastFaultEnd = start;
        try {
            for (FaultPlan.Planned planned : plan.faults()) {
                failure = awaitMoment(chains, planned, lastFaultEnd, deadline);
                if (failure.isPresent()) {
                    break;
                }
                double progress = progress(chains);
                boolean midStream = !chains.stream().allMatch(Chain::caughtUp);
                long t0 = System.nanoTime();
                String detail = injector.inject(planned.kind());
                lastFaultEnd = System.nanoTime();
                lastMoveNanos = lastFaultEnd; // a fault's downtime is not a stall
                FaultEvent e = new FaultEvent(planned, seconds(t0), progress, midStream, (lastFaultEnd - t0) / 1e9,
                        detail);
                events.add(e);
                say("fault " + e);
            }
            if (failure.isEmpty()) {
                failure = awaitCaughtUp(chains, deadline);
            }
            if (failure.isEmpty()) {
                say("every pipeline delivered after " + Math.round(seconds(System.nanoTime())) + " s; settling for "
                        + SETTLE.toSeconds() + " s before comparing");
                failure = settle(chains);
            }
        } catch (RuntimeException | AssertionError e) {
            failure = Optional.of("the run itself failed: " + e);
        } finally {
            for (Chain c : chains) {
                try {
                    c.changes().stop();
                } catch (RuntimeException | AssertionError e) {
                    failure = failure.or(() -> Optional.of("the source writers failed: " + e));
                }
            }
        }
        failure.ifPresent(f -> chains.forEach(c -> say("status of " + c.kind().name() + ": " + c.statuses())));
        if (failure.isPresent()) {
            dumpThreads(cluster, dir);
        }
        chains.stream().filter(c -> c.changes() != SourceChanges.NONE)
                .forEach(c -> say("source changes of " + c.kind().name() + ": " + c.changes().summary()));
        List<ChaosReport.Outcome> outcomes = new ArrayList<>();
        for (Chain c : chains) {
            say("comparing " + c.kind().sourceTable() + " with " + c.kind().targetTable() + " in " + c.database()
                    + " (EXCEPT ALL both ways)");
            outcomes.add(new ChaosReport.Outcome(c.kind().name(), c.diff()));
        }
        return new ChaosReport(options.seed(), options.rows(), plan.faults().size(), events, outcomes, failure,
                seconds(System.nanoTime()));
    }

    /** Waits until {@code planned} is due; a failure (FAILED task, timeout) instead, if one comes first. */
    private Optional<String> awaitMoment(List<Chain> chains, FaultPlan.Planned planned, long lastFaultEnd, long deadline) {
        long notBefore = lastFaultEnd + planned.pauseMs() * 1_000_000;
        while (true) {
            Optional<String> failure = check(chains, deadline);
            if (failure.isPresent()) {
                return failure;
            }
            boolean due = progress(chains) >= planned.atProgress() || chains.stream().allMatch(Chain::caughtUp);
            if (due && System.nanoTime() >= notBefore) {
                return Optional.empty();
            }
            pause();
        }
    }

    private Optional<String> awaitCaughtUp(List<Chain> chains, long deadline) {
        while (!chains.stream().allMatch(Chain::caughtUp)) {
            Optional<String> failure = check(chains, deadline);
            if (failure.isPresent()) {
                return failure;
            }
            pause();
        }
        return Optional.empty();
    }

    private Optional<String> settle(List<Chain> chains) {
        long end = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < end) {
            Optional<String> failure = check(chains, Long.MAX_VALUE);
            if (failure.isPresent()) {
                return failure;
            }
            pause();
        }
        return Optional.empty();
    }

    /** A FAILED connector or task, or the deadline passed; prints a progress line now and then. */
    private Optional<String> check(List<Chain> chains, long deadline) {
        if (System.nanoTime() >= nextProgressLine) {
            StringBuilder line = new StringBuilder(String.format("  t=%6.1f s ", seconds(System.nanoTime())));
            for (Chain c : chains) {
                line.append(String.format("  %s %,d/%,d rows committed", c.kind().name(), c.committedRows(), c.rows()));
            }
            say(line.toString());
            nextProgressLine = System.nanoTime() + PROGRESS_EVERY.toNanos();
        }
        for (Chain c : chains) {
            Optional<String> f = c.failure();
            if (f.isPresent()) {
                return Optional.of("FAILED " + f.get());
            }
            c.changes().check();
        }
        long committed = chains.stream().mapToLong(Chain::committedRows).sum();
        long now = System.nanoTime();
        if (committed != lastCommitted) {
            lastCommitted = committed;
            lastMoveNanos = now;
        } else if (now - lastMoveNanos > STALL.toNanos() && !chains.stream().allMatch(Chain::caughtUp)) {
            return Optional.of("stalled: no row committed for " + STALL.toMinutes() + " minutes while rows are "
                    + "still to be delivered, with every task RUNNING (rows committed: "
                    + chains.stream().map(c -> c.kind().name() + " " + c.committedRows()).toList() + ")");
        }
        if (System.nanoTime() > deadline) {
            return Optional.of("timed out after " + options.timeout() + " (rows committed: "
                    + chains.stream().map(c -> c.kind().name() + " " + c.committedRows()).toList() + ")");
        }
        return Optional.empty();
    }

    /**
     * A thread dump of every worker ({@code jcmd <pid> Thread.print}) into the work directory:
     * after a stall it shows where a task or guest thread is blocked.
     */
    private void dumpThreads(ProcessCluster cluster, Path dir) {
        for (WorkerProcess w : cluster.workers()) {
            Path file = dir.resolve("threads-" + w.name() + ".txt");
            try {
                Process p = new ProcessBuilder("jcmd", Long.toString(w.process().pid()), "Thread.print")
                        .redirectErrorStream(true).redirectOutput(file.toFile()).start();
                if (p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    say("thread dump of " + w.name() + ": " + file);
                } else {
                    p.destroyForcibly();
                }
            } catch (IOException | RuntimeException e) {
                say("no thread dump of " + w.name() + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static double progress(List<Chain> chains) {
        return chains.stream().mapToDouble(Chain::progress).average().orElse(1);
    }

    private double seconds(long nanos) {
        return (nanos - start) / 1e9;
    }

    private Path workDir() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = options.workDir().toAbsolutePath().resolve("run-" + stamp + "-seed" + options.seed());
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static void pause() {
        Ports.pause(POLL_MS);
    }

    private void say(String line) {
        if (out != null) {
            out.println(line);
            out.flush();
        }
    }
}
