package io.rapidbyte.it.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java main class run as its own OS process ({@code java -cp ... Main args}), with stdout and
 * stderr appended to one log file, so that it can be killed for real ({@link #kill()}: SIGKILL)
 * and started again with the same command. Not thread-safe: one owner starts, kills and stops it.
 */
public final class JvmProcess {
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);

    private final String name;
    private final List<String> command;
    private final Path log;
    private Process process;
    private int starts;

    /**
     * @param name      for messages, e.g. {@code worker-1}
     * @param heap      the {@code -Xmx} value, e.g. {@code 768m}
     * @param jvmFlags  further JVM flags ({@code -Dkey=value} ...)
     * @param mainClass the class whose {@code main} runs
     * @param args      its arguments
     * @param log       file that collects the process's output (appended across restarts)
     */
    public JvmProcess(String name, String heap, List<String> jvmFlags, String mainClass, List<String> args, Path log) {
        this.name = name;
        this.log = log;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.addAll(jvmFlags);
        cmd.add("-cp");
        cmd.add(ClassPath.forChildJvm());
        cmd.add(mainClass);
        cmd.addAll(args);
        this.command = List.copyOf(cmd);
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** Starts the process (again, after a kill or stop). */
    public void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "\n==== start #" + (++starts) + " of " + name + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            File out = log.toFile();
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting " + name + " failed", e);
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The OS process id of the running JVM; -1 when none runs. */
    public long pid() {
        return isAlive() ? process.pid() : -1;
    }

    /** SIGKILL ({@link Process#destroyForcibly()}) and wait until the process is gone. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(process, Duration.ofSeconds(60));
    }

    /** SIGTERM (the JVM runs its shutdown hooks), then SIGKILL if it has not exited in 30 s. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the command to completion (a one-off tool, e.g. formatting storage) and returns its exit code. */
    public int runToCompletion(Duration timeout) {
        start();
        if (!awaitExit(process, timeout)) {
            kill();
            throw new IllegalStateException(name + " did not finish within " + timeout + "; see " + log);
        }
        return process.exitValue();
    }

    /** Fails with the log's location when the process has exited (for start-up waits). */
    public void checkAlive() {
        if (!isAlive()) {
            throw new IllegalStateException(name + " exited" + (process == null ? "" : " with " + process.exitValue())
                    + "; see " + log);
        }
    }

    private static boolean awaitExit(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
