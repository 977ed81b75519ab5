package io.rapidbyte.it.demo;

import io.rapidbyte.it.env.WorkerProperties;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import io.rapidbyte.it.pipeline.Secrets;
import io.rapidbyte.it.process.ProcessCluster;
import io.rapidbyte.it.rest.ConnectRest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything one demo run creates, and its removal: a work directory under the temp folder
 * holding the secrets file, PostgreSQL's data directory, the broker's log directory, the worker's
 * properties and one log file per process; PostgreSQL, a KRaft broker and one plain distributed
 * Connect worker as OS processes ({@link ProcessCluster}, the chaos runner's), the worker seeing
 * only the plugin archive on its {@code plugin.path}; the two connectors.
 *
 * <p>{@link #close()} stops in dependency order, so nothing complains about a peer already gone:
 * the connectors are deleted (their tasks stop while the broker and PostgreSQL still answer), then
 * the worker, the broker, PostgreSQL; then the work directory is deleted. Thread-safe: the owner
 * and a shutdown hook (Ctrl-C) may both call {@link #close()}; the second call does nothing.
 */
public final class DemoSession implements AutoCloseable {
    /** Temp-folder entries of a demo run start with this. */
    public static final String DIR_PREFIX = "rapidbyte-demo-";

    private final Path dir;
    private final PrintStream out;
    private volatile ProcessCluster cluster;
    private volatile PostgresPipeline deployed;
    private final Set<Path> zonkyProbes = new HashSet<>();
    private boolean closed;

    private DemoSession(Path dir, PrintStream out) {
        this.dir = dir;
        this.out = out;
    }

    /** A new work directory (owner-only) under the temp folder; nothing started yet. */
    public static DemoSession create(PrintStream out) {
        try {
            return new DemoSession(Files.createTempDirectory(DIR_PREFIX), out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo's work directory", e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Starts PostgreSQL, the broker and the worker in the work directory. */
    public synchronized ProcessCluster start(Path pluginPath, Path configDir) {
        if (closed) {
            throw new IllegalStateException("the demo is stopping");
        }
        Set<Path> probesBefore = zonkyProbes();
        try {
            cluster = ProcessCluster.start(dir, pluginPath, WorkerProperties.load(configDir), Map.of(), 1);
        } finally {
            Set<Path> created = new HashSet<>(zonkyProbes());
            created.removeAll(probesBefore);
            zonkyProbes.addAll(created);
        }
        return cluster;
    }

    /** Random connector passwords in a file of the work directory (removed with it). */
    public Secrets secrets() {
        return Secrets.create(dir);
    }

    /** Remembers {@code pipeline} so that {@link #close()} deletes its connectors first. */
    public void deployed(PostgresPipeline pipeline) {
        this.deployed = pipeline;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        say("stopping: connectors, then the worker, the broker and PostgreSQL …");
        try {
            ProcessCluster c = cluster;
            if (c != null) {
                try {
                    PostgresPipeline p = deployed;
                    if (p != null) {
                        p.undeploy(new ConnectRest(c::restUrl));
                    }
                } catch (RuntimeException e) {
                    say("deleting the connectors failed (" + e.getMessage() + "); stopping the worker anyway");
                } finally {
                    c.close();
                }
            }
        } finally {
            delete(dir);
            for (Path probe : zonkyProbes) {
                delete(probe);
            }
        }
        say("stopped; removed " + dir + " (secrets, PostgreSQL data, Kafka logs, process logs)");
    }

    /**
     * The embedded PostgreSQL library writes a shell script probing the Linux distribution into
     * the temp folder when it first starts a server, and leaves its removal to
     * {@code deleteOnExit}, which a JVM stopped by {@code Runtime.halt} (the demo's Ctrl-C path)
     * never runs: the demo removes the ones its start created.
     */
    private static Set<Path> zonkyProbes() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("detect_linux_distribution_") && n.endsWith(".sh");
            }).collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }

    private static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }
}
