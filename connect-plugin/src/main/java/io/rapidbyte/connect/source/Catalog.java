package io.rapidbyte.connect.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidbyte.connect.json.PluginJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The streams a source connector's {@code discover} offers: {@code {"streams": [{"name": ...,
 * "sync_mode": "incremental" | "full_refresh", ...}, ...]}}. Only an entry's own
 * {@code sync_mode} (the mode the connector will use) makes a stream incremental (or cdc) here; lists of
 * supported modes ({@code sync_modes}, {@code supported_sync_modes}) say nothing about the mode
 * chosen, which {@link #withIncremental} adds from the configuration. An entry's {@code "ranges"}
 * is the range plan it offers ({@link RangePlans}). Immutable.
 */
public final class Catalog {
    private static final String INCREMENTAL = "incremental";
    /** Change data capture: one run-read that lasts for the life of the task, run again if it ends. */
    private static final String CDC = "cdc";

    private final Map<String, StreamSpec> streams;
    private final Map<String, String> plans;

    private Catalog(Map<String, StreamSpec> streams, Map<String, String> plans) {
        this.streams = streams;
        this.plans = plans;
    }

    /** @throws IllegalArgumentException if {@code discoverJson} is not a catalog */
    public static Catalog parse(String discoverJson) {
        JsonNode root = PluginJson.parse(discoverJson);
        JsonNode list = root.path("streams");
        if (!list.isArray()) {
            throw new IllegalArgumentException("discover result has no \"streams\" array");
        }
        Map<String, StreamSpec> out = new LinkedHashMap<>();
        Map<String, String> plans = new LinkedHashMap<>();
        for (JsonNode entry : list) {
            String name = entry.path("name").asText("");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("discover result has a stream without a name: " + entry);
            }
            out.put(name, new StreamSpec(name, repeated(entry.path("sync_mode").asText(""))));
            if (entry.has("ranges")) {
                if (RangePlans.parsePlan(entry.get("ranges")) == null) {
                    throw new IllegalArgumentException("stream " + name + ": \"ranges\" must be a non-empty array of "
                            + "objects with unique text ids: " + entry.get("ranges"));
                }
                plans.put(name, PluginJson.write(entry.get("ranges")));
            }
        }
        return new Catalog(out, plans);
    }

    /** Stream name to the range plan its entry offers (JSON array text, see {@link RangePlans}). */
    public Map<String, String> plans() {
        return Map.copyOf(plans);
    }

    public List<StreamSpec> streams() {
        return new ArrayList<>(streams.values());
    }

    /**
     * The streams named in {@code wanted} (all when empty), in catalog order.
     *
     * @throws IllegalArgumentException naming the streams the catalog does not offer
     */
    public List<StreamSpec> select(List<String> wanted) {
        if (wanted.isEmpty()) {
            return streams();
        }
        List<String> unknown = wanted.stream().filter(w -> !streams.containsKey(w)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the connector offers no stream named " + unknown + "; it offers "
                    + streams.keySet());
        }
        return streams.values().stream().filter(s -> wanted.contains(s.name())).toList();
    }

    /**
     * {@code streams} with the incremental ones marked: those the catalog marks, those listed in
     * {@value SourceConfig#INCREMENTAL_STREAMS}, and those the connector's own settings declare
     * incremental or cdc with the common convention {@code "streams": [{"name": ..., "sync_mode":
     * "incremental"}]} or for all streams with a top-level {@code "sync_mode"} (as source-postgres
     * does). A cdc stream is one long run-read; like an incremental one it is never finished.
     */
    public static List<StreamSpec> withIncremental(List<StreamSpec> streams, List<String> configured,
                                                   JsonNode connectorConfig) {
        java.util.Set<String> incremental = new java.util.HashSet<>(configured);
        for (JsonNode s : connectorConfig.path("streams")) {
            if (s.isObject() && repeated(s.path("sync_mode").asText(""))) {
                incremental.add(s.path("name").asText());
            }
        }
        boolean all = repeated(connectorConfig.path("sync_mode").asText(""));
        return streams.stream().map(s -> new StreamSpec(s.name(), all || s.incremental()
                || incremental.contains(s.name()))).toList();
    }

    /** Modes whose stream is read again and again (never recorded as finished). */
    private static boolean repeated(String syncMode) {
        return INCREMENTAL.equals(syncMode) || CDC.equals(syncMode);
    }

    /**
     * {@code streams} (streams and ranges) dealt round-robin into at most {@code maxTasks}
     * non-empty groups, so the ranges of one stream spread over the tasks.
     */
    public static List<List<StreamSpec>> split(List<StreamSpec> streams, int maxTasks) {
        int groups = Math.max(1, Math.min(maxTasks, streams.size()));
        List<List<StreamSpec>> out = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < streams.size(); i++) {
            out.get(i % groups).add(streams.get(i));
        }
        return out;
    }
}
