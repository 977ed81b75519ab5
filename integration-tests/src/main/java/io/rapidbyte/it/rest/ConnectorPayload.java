package io.rapidbyte.it.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A REST payload of {@code config/} ({@code {"name": ..., "config": {...}}}), loaded and then
 * adapted to where it runs: only what differs per environment (server, database, credentials,
 * topic and table names) is replaced, the rest is the file's. Not thread-safe; build one per use.
 */
public final class ConnectorPayload {
    public static final String SOURCE_FILE = "source-postgres.json";
    public static final String SINK_FILE = "dest-postgres.json";

    private final ObjectNode payload;

    private ConnectorPayload(ObjectNode payload) {
        this.payload = payload;
    }

    public static ConnectorPayload load(Path configDir, String file) {
        Path path = configDir.resolve(file);
        try {
            JsonNode node = new ObjectMapper().readTree(path.toFile());
            if (!node.path("config").isObject() || !node.path("name").isTextual()) {
                throw new IllegalArgumentException(path + " is not a {\"name\", \"config\"} REST payload");
            }
            return new ConnectorPayload((ObjectNode) node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path.toAbsolutePath(), e);
        }
    }

    public ConnectorPayload name(String name) {
        payload.put("name", name);
        return this;
    }

    public String name() {
        return payload.get("name").asText();
    }

    /** Sets (or, with a null value, removes) one config key. */
    public ConnectorPayload set(String key, String value) {
        ObjectNode config = (ObjectNode) payload.get("config");
        if (value == null) {
            config.remove(key);
        } else {
            config.put(key, value);
        }
        return this;
    }

    public String get(String key) {
        JsonNode v = payload.get("config").get(key);
        return v == null ? null : v.asText();
    }

    /** The connector config as a map (for {@code config/validate}). */
    public Map<String, String> config() {
        Map<String, String> m = new TreeMap<>();
        payload.get("config").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        m.put("name", name());
        return m;
    }

    public ObjectNode json() {
        return payload.deepCopy();
    }
}
