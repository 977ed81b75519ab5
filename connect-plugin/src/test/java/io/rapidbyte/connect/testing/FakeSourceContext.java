package io.rapidbyte.connect.testing;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** A source task context over an in-memory offset store, standing in for the worker. */
public final class FakeSourceContext implements SourceTaskContext {
    private final Map<String, String> configs;
    private final Map<Map<String, Object>, Map<String, Object>> offsets = new HashMap<>();
    /** What the task registers through {@link #pluginMetrics()}. */
    public final RecordingPluginMetrics metrics = new RecordingPluginMetrics();

    public FakeSourceContext(Map<String, String> configs) {
        this.configs = configs;
    }

    /** Stores {@code offset} for {@code partition}, as a committed offset would be. */
    @SuppressWarnings("unchecked")
    public void commit(Map<String, ?> partition, Map<String, ?> offset) {
        offsets.put((Map<String, Object>) partition, (Map<String, Object>) offset);
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return offsets.get(partition);
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
                partitions.forEach(p -> out.put(p, offsets.get(p)));
                return out;
            }
        };
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return metrics;
    }
}
