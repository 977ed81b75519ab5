package io.rapidbyte.it.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** Writes the configuration file a broker or worker process starts from. Stateless. */
final class PropertiesFile {
    private PropertiesFile() {
    }

    static void write(Path file, Map<String, String> props) {
        Properties p = new Properties();
        p.putAll(props);
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(w, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
