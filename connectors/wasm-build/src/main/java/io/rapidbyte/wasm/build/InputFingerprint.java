package io.rapidbyte.wasm.build;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 over everything a build depends on: the options, every file of the connector's class path
 * (path, size, modification time; directories walked), the manifest's bytes and the helper's own
 * class path (TeaVM version changes). The output itself is left out: it is usually written into the
 * connector's class directory. Equal fingerprints mean the previous output can be reused.
 * Stateless and thread-safe.
 */
final class InputFingerprint {
    private InputFingerprint() {
    }

    static String of(BuildOptions options) throws IOException {
        MessageDigest digest = sha256();
        update(digest, String.join("\u0000", options.mainClass(), String.valueOf(options.minHeap()),
                String.valueOf(options.maxHeap()), String.valueOf(options.arenaSize()),
                options.optimization().name(), String.valueOf(options.debug())));
        Path output = options.output().toAbsolutePath().normalize();
        for (File entry : options.classPath()) {
            addTree(digest, entry.toPath(), output);
        }
        digest.update(Files.readAllBytes(options.manifest()));
        if (options.coldFunctions() != null && Files.exists(options.coldFunctions())) {
            digest.update(Files.readAllBytes(options.coldFunctions()));
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                addTree(digest, Path.of(entry), output);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** True if {@code stamp} holds {@code fingerprint} and {@code output} exists. */
    static boolean upToDate(Path stamp, Path output, String fingerprint) throws IOException {
        return Files.isRegularFile(stamp) && Files.isRegularFile(output)
                && Files.readString(stamp, StandardCharsets.UTF_8).trim().equals(fingerprint);
    }

    static void record(Path stamp, String fingerprint) throws IOException {
        Path dir = stamp.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Files.writeString(stamp, fingerprint + "\n", StandardCharsets.UTF_8);
    }

    private static void addTree(MessageDigest digest, Path root, Path output) throws IOException {
        if (!Files.exists(root)) {
            update(digest, "missing:" + root);
            return;
        }
        if (Files.isRegularFile(root)) {
            addFile(digest, root);
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.toAbsolutePath().normalize().equals(output)).sorted().toList();
        }
        for (Path file : files) {
            addFile(digest, file);
        }
    }

    private static void addFile(MessageDigest digest, Path file) throws IOException {
        update(digest, file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis());
    }

    private static void update(MessageDigest digest, String value) {
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
