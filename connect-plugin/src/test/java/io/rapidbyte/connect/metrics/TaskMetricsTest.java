package io.rapidbyte.connect.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.junit.jupiter.api.Test;

class TaskMetricsTest {
    /** Records what the task registers, like the worker's PluginMetricsImpl. */
    private static final class RecordingPluginMetrics implements PluginMetrics {
        final Map<String, MetricValueProvider<?>> metrics = new TreeMap<>();

        @Override
        public MetricName metricName(String name, String description, LinkedHashMap<String, String> tags) {
            return new MetricName(name, "plugins", description, tags);
        }

        @Override
        public void addMetric(MetricName metricName, MetricValueProvider<?> provider) {
            metrics.put(metricName.name(), provider);
        }

        @Override
        public void removeMetric(MetricName metricName) {
            metrics.remove(metricName.name());
        }

        @Override
        public Sensor addSensor(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeSensor(String name) {
            throw new UnsupportedOperationException();
        }

        long value(String name) {
            return ((Gauge<Long>) metrics.get(name)).value(null, 0);
        }
    }

    @Test
    void everyMetricIsRegisteredReportsLiveValuesAndIsRemovedOnClose() {
        RecordingPluginMetrics plugin = new RecordingPluginMetrics();
        long[] depth = {3};
        TaskMetrics m = new TaskMetrics(plugin, () -> depth[0], () -> 2_000_000);
        assertEquals(java.util.Set.of("batches-total", "rows-total", "bytes-total", "bytes-copied-total",
                "guest-time-ms-total", "queue-depth", "dead-letter-records-total", "guest-memory-max-bytes"),
                plugin.metrics.keySet());
        m.batch(100, 4096);
        m.batch(50, 1024);
        m.copies().addGuestToHost(5120);
        m.guestTime(8_000_000);
        m.deadLetter();
        assertEquals(2, plugin.value("batches-total"));
        assertEquals(150, plugin.value("rows-total"));
        assertEquals(5120, plugin.value("bytes-total"));
        assertEquals(5120, plugin.value("bytes-copied-total"));
        assertEquals(10, plugin.value("guest-time-ms-total"), "finished plus running calls");
        assertEquals(3, plugin.value("queue-depth"));
        depth[0] = 0;
        assertEquals(0, plugin.value("queue-depth"));
        assertEquals(1, plugin.value("dead-letter-records-total"));
        m.guestMemory(22 << 20);
        m.guestMemory(16 << 20);
        assertEquals(22 << 20, plugin.value("guest-memory-max-bytes"), "the largest instance seen, not the last");
        m.close();
        assertTrue(plugin.metrics.isEmpty());
    }
}
