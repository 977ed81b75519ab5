package io.rapidbyte.connect.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidbyte.connect.json.PluginJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;

/**
 * What a guest reports through {@code metric} (ABI.md section 5), as plugin metrics of its task:
 * {@code {"name": n, "value": v}} becomes metric {@code guest.<n>} (characters other than letters,
 * digits, {@code . _ -} become {@code _}); its other string members (e.g. {@code "stream"}) are
 * tags, so each stream gets a metric of its own. {@code "kind": "counter"} adds each value to a
 * running total; anything else is a gauge holding the last value. Payloads without a string
 * name or a numeric value are not metrics and are ignored. A task registers at most
 * {@value #MAX_METRICS} guest metrics, so a guest cannot flood the worker's registry; later new
 * ones are dropped (and reported once through {@code onDropped}).
 *
 * <p>Thread-safe: stream threads record, the metrics reporter reads.
 */
public final class GuestMetrics {
    public static final String PREFIX = "guest.";
    public static final int MAX_METRICS = 64;

    private final PluginMetrics plugin;
    private final Consumer<String> onDropped;
    private final Map<String, Value> values = new ConcurrentHashMap<>();
    private final List<MetricName> registered = new ArrayList<>();
    private boolean droppedReported;

    /** One metric's current value. */
    private static final class Value {
        private final boolean counter;
        private double value;

        Value(boolean counter) {
            this.counter = counter;
        }

        synchronized void record(double v) {
            value = counter ? value + v : v;
        }

        synchronized double get() {
            return value;
        }
    }

    /**
     * @param plugin    the task's plugin metrics, or null (then values are kept but not published)
     * @param onDropped told about the first metric refused because of {@link #MAX_METRICS}
     */
    GuestMetrics(PluginMetrics plugin, Consumer<String> onDropped) {
        this.plugin = plugin;
        this.onDropped = onDropped;
    }

    /** Records one {@code metric} payload (well-formed JSON, checked by the host). */
    public void record(String payloadJson) {
        JsonNode p;
        try {
            p = PluginJson.parse(payloadJson);
        } catch (RuntimeException e) {
            return;
        }
        if (!p.isObject() || !p.path("name").isTextual() || !p.path("value").isNumber()) {
            return;
        }
        String name = PREFIX + sanitize(p.get("name").asText());
        boolean counter = "counter".equals(p.path("kind").asText(""));
        TreeMap<String, String> tags = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isTextual() && !f.getKey().equals("name") && !f.getKey().equals("kind")) {
                tags.put(sanitize(f.getKey()), f.getValue().asText());
            }
        }
        String key = name + tags;
        Value v = values.get(key);
        if (v == null) {
            v = register(key, name, tags, counter);
            if (v == null) {
                return;
            }
        }
        v.record(p.get("value").asDouble());
    }

    /** The current value of {@code guest.<name>} with {@code tags}, or null when never reported. */
    public Double value(String name, Map<String, String> tags) {
        Value v = values.get(PREFIX + sanitize(name) + new TreeMap<>(tags));
        return v == null ? null : v.get();
    }

    private synchronized Value register(String key, String name, TreeMap<String, String> tags, boolean counter) {
        Value existing = values.get(key);
        if (existing != null) {
            return existing;
        }
        if (values.size() >= MAX_METRICS) {
            if (!droppedReported) {
                droppedReported = true;
                onDropped.accept(name + tags);
            }
            return null;
        }
        Value v = new Value(counter);
        if (plugin != null) {
            MetricName metric = plugin.metricName(name, counter ? "Total of the values the guest reported."
                    : "Last value the guest reported.", new LinkedHashMap<>(tags));
            try {
                plugin.addMetric(metric, (Gauge<Double>) (config, now) -> v.get());
                registered.add(metric);
            } catch (IllegalArgumentException e) {
                // Still held by an earlier instance of this task (see TaskMetrics.gauge): the value
                // is kept but not published by this instance.
            }
        }
        values.put(key, v);
        return v;
    }

    /** Unregisters every guest metric. */
    synchronized void close() {
        if (plugin != null) {
            registered.forEach(plugin::removeMetric);
        }
        registered.clear();
        values.clear();
    }

    static String sanitize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-';
            sb.append(ok ? c : '_');
        }
        return sb.toString();
    }
}
