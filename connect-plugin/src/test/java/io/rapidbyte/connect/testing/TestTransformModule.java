package io.rapidbyte.connect.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test transform ({@code io.rapidbyte:rapidbyte-test-transform}, connectors/test-transform:
 * pass-through, {@code drop_every}, {@code trap_after_batches}, {@code fail_after_batches})
 * written to a file, as a user's own {@code .wasm} on the worker's disk would be.
 */
public final class TestTransformModule {
    private static Path file;

    private TestTransformModule() {
    }

    public static synchronized Path path() {
        if (file == null) {
            try (InputStream in = TestTransformModule.class.getResourceAsStream("/guests/test-transform.wasm")) {
                if (in == null) {
                    throw new IllegalStateException("test-transform.wasm missing: install "
                            + "io.rapidbyte:rapidbyte-test-transform");
                }
                Path dir = Files.createTempDirectory("rapidbyte-test-transform");
                file = dir.resolve("test-transform.wasm");
                Files.write(file, in.readAllBytes());
                file.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }
}
