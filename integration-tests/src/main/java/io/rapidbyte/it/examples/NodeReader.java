package io.rapidbyte.it.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The README's Node.js reader ({@code integration-tests/examples/node-reader}) run the way the
 * README says: its files copied into a work directory, {@code npm ci} there (the locked
 * versions), then the README's {@code node read-topic.mjs …} line with this cluster's values. Needs Node.js ≥ 20 with npm
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

    /**
     * Copies the example from {@code exampleDir} into {@code workDir} and installs its locked
     * dependencies, after {@code requireNodeJava} checked that node and npm are there.
     */
    public static NodeReader install(Path exampleDir, Path workDir, Path requireNodeJava)
            throws IOException, InterruptedException {
        requireNode(requireNodeJava);
        Files.createDirectories(workDir);
        for (String f : FILES) {
            Files.copy(exampleDir.resolve(f), workDir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        NodeReader reader = new NodeReader(workDir);
        reader.run(List.of("npm", "ci"), 300).orThrow();
        return reader;
    }

    /**
     * Runs {@code command} (a README line such as {@code node read-topic.mjs --brokers localhost:9092 …},
     * split at spaces) in the work directory, with the value after each option of {@code values}
     * replaced (e.g. {@code --brokers} by this cluster's bootstrap servers). Fails when the command is
     * not {@code node read-topic.mjs …} or lacks one of those options.
     */
    public Run read(String command, Map<String, String> values) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(command.trim().split(" +")));
        if (args.size() < 2 || !args.get(0).equals("node") || !args.get(1).equals("read-topic.mjs")) {
            throw new AssertionError("not a node read-topic.mjs command: " + command);
        }
        for (Map.Entry<String, String> v : values.entrySet()) {
            int at = args.indexOf(v.getKey());
            if (at < 0 || at + 1 >= args.size()) {
                throw new AssertionError("the command has no " + v.getKey() + " value: " + command);
            }
            args.set(at + 1, v.getValue());
        }
        return run(args, 120);
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

    /**
     * Fails with the one sentence of {@code connectors/abi-check/RequireNode.java} (the build's
     * check before it runs npm) when node or npm is missing or too old.
     */
    private static void requireNode(Path requireNodeJava) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        new NodeReader(requireNodeJava.getParent()).run(List.of(java, requireNodeJava.toString(),
                Integer.toString(MIN_NODE_MAJOR), "The Node.js reader example (NodeReaderIT)",
                "leave NodeReaderIT out"), 120).orThrow();
    }
}
