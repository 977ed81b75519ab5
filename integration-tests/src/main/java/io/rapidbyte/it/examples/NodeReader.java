package io.rapidbyte.it.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The README's Node.js reader ({@code integration-tests/examples/node-reader}) run the way the
 * README says: its files copied into a work directory, {@code npm ci} there (the locked
 * versions), then {@code node read-topic.mjs --brokers … --topic …}. Needs Node.js ≥ 20 with npm
 * on the PATH and the npm registry (or a warm npm cache) for {@code npm ci}. Not thread-safe.
 */
public final class NodeReader {
    public static final int MIN_NODE_MAJOR = 20;
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "read-topic.mjs");

    private final Path workDir;

    private NodeReader(Path workDir) {
        this.workDir = workDir;
    }

    /** What one command printed and how it ended. */
    public record Run(List<String> command, int exitCode, String stdout, String stderr) {
        public Run orThrow() {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + exitCode + "\nstdout:\n" + stdout
                        + "\nstderr:\n" + stderr);
            }
            return this;
        }
    }

    /** Copies the example from {@code exampleDir} into {@code workDir} and installs its locked dependencies. */
    public static NodeReader install(Path exampleDir, Path workDir) throws IOException, InterruptedException {
        requireNode();
        Files.createDirectories(workDir);
        for (String f : FILES) {
            Files.copy(exampleDir.resolve(f), workDir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        NodeReader reader = new NodeReader(workDir);
        reader.run(List.of("npm", "ci"), 300).orThrow();
        return reader;
    }

    /** {@code node read-topic.mjs --brokers <bootstrap> --topic <topic>} and then {@code extraArgs}. */
    public Run read(String bootstrap, String topic, List<String> extraArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "read-topic.mjs", "--brokers", bootstrap, "--topic", topic));
        command.addAll(extraArgs);
        return run(command, 120);
    }

    public Path workDir() {
        return workDir;
    }

    private Run run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p, true));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p, false));
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within " + timeoutSeconds + " s");
        }
        return new Run(command, p.exitValue(), out.join(), err.join());
    }

    private static String drain(Process p, boolean stdout) {
        try {
            return new String((stdout ? p.getInputStream() : p.getErrorStream()).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read the process output: " + e + ")";
        }
    }

    /** Fails with one sentence saying what to install when node or npm is missing or too old. */
    private static void requireNode() throws InterruptedException {
        String node = version("node");
        String npm = version("npm");
        String problem = node == null || npm == null ? (node == null ? "node" : "npm") + " was not found on the PATH"
                : major(node) < MIN_NODE_MAJOR ? "node " + node + " is too old" : null;
        if (problem != null) {
            throw new AssertionError(problem + ": the Node.js reader example needs Node.js >= " + MIN_NODE_MAJOR
                    + " with npm, and the npm registry (or a warm npm cache) for npm ci. Install Node.js (https://nodejs.org).");
        }
    }

    private static String version(String tool) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty() ? out : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static int major(String version) {
        String digits = version.startsWith("v") ? version.substring(1) : version;
        int dot = digits.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? digits : digits.substring(0, dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
