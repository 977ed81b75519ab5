package io.rapidbyte.connect.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;

/** Records what a task registers, like the worker's PluginMetricsImpl; keyed by name and tags. Thread-safe. */
public final class RecordingPluginMetrics implements PluginMetrics {
    public final Map<String, MetricValueProvider<?>> metrics = new ConcurrentSkipListMap<>();

    @Override
    public MetricName metricName(String name, String description, LinkedHashMap<String, String> tags) {
        return new MetricName(name, "plugins", description, tags);
    }

    @Override
    public void addMetric(MetricName metricName, MetricValueProvider<?> provider) {
        if (metrics.putIfAbsent(key(metricName), provider) != null) {
            throw new IllegalArgumentException("metric " + key(metricName) + " registered twice");
        }
    }

    @Override
    public void removeMetric(MetricName metricName) {
        metrics.remove(key(metricName));
    }

    @Override
    public Sensor addSensor(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeSensor(String name) {
        throw new UnsupportedOperationException();
    }

    /** The value of metric {@code key} ({@code name} or {@code name{tag=value, ...}}), or null when not registered. */
    public Number value(String key) {
        MetricValueProvider<?> p = metrics.get(key);
        return p == null ? null : (Number) ((Gauge<?>) p).value(null, 0);
    }

    private static String key(MetricName m) {
        return m.tags().isEmpty() ? m.name() : m.name() + new java.util.TreeMap<>(m.tags());
    }
}
