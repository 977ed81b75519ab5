package io.rapidbyte.connect.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The probe guest ({@code io.rapidbyte:rapidbyte-test-guests}, see connectors/test-guests/PROBE.md)
 * written to a file, as a user's own {@code .wasm} on the worker's disk would be.
 */
public final class ProbeModule {
    private static Path file;

    private ProbeModule() {
    }

    public static synchronized Path path() {
        if (file == null) {
            try (InputStream in = ProbeModule.class.getResourceAsStream("/guests/probe.wasm")) {
                if (in == null) {
                    throw new IllegalStateException("probe.wasm missing: install io.rapidbyte:rapidbyte-test-guests");
                }
                file = Files.createTempFile("probe", ".wasm");
                file.toFile().deleteOnExit();
                Files.write(file, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    public static String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
