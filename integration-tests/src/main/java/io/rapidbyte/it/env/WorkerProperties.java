package io.rapidbyte.it.env;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The worker configuration of {@code config/connect-distributed.properties}, as the environments
 * start their worker with it: only where the broker is, where the REST API listens and where the
 * plugin lies are replaced; everything else (exactly-once source support, config providers,
 * storage topics, client override policy) is the file's. Immutable.
 */
public final class WorkerProperties {
    public static final String FILE = "connect-distributed.properties";

    private final Map<String, String> props;

    private WorkerProperties(Map<String, String> props) {
        this.props = Map.copyOf(props);
    }

    /** Reads {@code <configDir>/connect-distributed.properties}. */
    public static WorkerProperties load(Path configDir) {
        Path file = configDir.resolve(FILE);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the worker properties " + file.toAbsolutePath(), e);
        }
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return new WorkerProperties(m);
    }

    /**
     * The properties with {@code plugin.path} replaced, and without {@code bootstrap.servers} and
     * {@code listeners}, which the environment sets for its own broker and a free port.
     */
    public Map<String, String> forEmbedding(Path pluginPath) {
        Map<String, String> m = new TreeMap<>(props);
        m.remove("bootstrap.servers");
        m.remove("listeners");
        m.put("plugin.path", pluginPath.toAbsolutePath().toString());
        return m;
    }

    public String get(String key) {
        return props.get(key);
    }
}
