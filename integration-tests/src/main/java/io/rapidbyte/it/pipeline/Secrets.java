package io.rapidbyte.it.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The connectors' passwords, kept where {@code config/}'s payloads expect them: a properties file
 * read by the worker's {@code FileConfigProvider} ({@code ${file:<path>:source.password}}), so
 * they never appear in a connector config, the REST API or the config topic. Immutable.
 */
public record Secrets(Path file, String sourcePassword, String destPassword) {
    /** The path the payloads in {@code config/} reference; replaced by {@link #file()} here. */
    public static final String CONFIGURED_PATH = "/etc/kafka-connect/rapidbyte-secrets.properties";

    /** Random passwords written to a new file (owner-only) in {@code dir}. */
    public static Secrets create(Path dir) {
        SecureRandom random = new SecureRandom();
        String source = "src-" + HexFormat.of().formatHex(random.generateSeed(12));
        String dest = "dst-" + HexFormat.of().formatHex(random.generateSeed(12));
        try {
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, "rapidbyte-secrets", ".properties");
            Files.writeString(file, "source.password=" + source + "\ndest.password=" + dest + "\n", StandardCharsets.UTF_8);
            return new Secrets(file, source, dest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the secrets file in " + dir, e);
        }
    }

    /** {@code value} with the configured secrets path replaced by this file's. */
    public String resolvePath(String value) {
        return value == null ? null : value.replace(CONFIGURED_PATH, file.toAbsolutePath().toString());
    }
}
