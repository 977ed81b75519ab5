package io.rapidbyte.connect.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.testing.RecordingPluginMetrics;
import org.junit.jupiter.api.Test;

class TaskMetricsTest {
    @Test
    void everyMetricIsRegisteredReportsLiveValuesAndIsRemovedOnClose() {
        RecordingPluginMetrics plugin = new RecordingPluginMetrics();
        java.util.function.ToLongFunction<String> value = n -> plugin.value(n).longValue();
        long[] depth = {3};
        TaskMetrics m = new TaskMetrics(plugin, () -> depth[0], () -> 2_000_000);
        java.util.Set<String> expected = new java.util.TreeSet<>(java.util.Set.of("batches-total", "rows-total",
                "bytes-total", "bytes-copied-total", "guest-time-ms-total", "queue-depth", "dead-letter-records-total", "leaked-frames-total",
                "leaked-sockets-total", "guest-memory-max-bytes",
                "guest-cpu-ms-total", "guest-code-cpu-ms-total", "convert-cpu-ms-total", "commit-wait-ms-total"));
        for (String group : new String[] {"socket-read", "socket-write", "connect", "emit-batch", "next-batch", "frame",
            "control"}) {
            expected.add("host-" + group + "-ms-total");
            expected.add("host-" + group + "-cpu-ms-total");
        }
        assertEquals(expected, plugin.metrics.keySet());
        m.batch(100, 4096);
        m.batch(50, 1024);
        m.copies().addGuestToHost(5120);
        m.guestTime(8_000_000);
        m.deadLetter();
        m.teardown(2, 0);
        m.teardown(1, 1);
        assertEquals(2, value.applyAsLong("batches-total"));
        assertEquals(150, value.applyAsLong("rows-total"));
        assertEquals(5120, value.applyAsLong("bytes-total"));
        assertEquals(5120, value.applyAsLong("bytes-copied-total"));
        assertEquals(10, value.applyAsLong("guest-time-ms-total"), "finished plus running calls");
        assertEquals(3, value.applyAsLong("queue-depth"));
        depth[0] = 0;
        assertEquals(0, value.applyAsLong("queue-depth"));
        assertEquals(1, value.applyAsLong("dead-letter-records-total"));
        assertEquals(3, value.applyAsLong("leaked-frames-total"));
        assertEquals(1, value.applyAsLong("leaked-sockets-total"));
        m.guest().record("{\"name\": \"rows\", \"value\": 5}");
        assertEquals(5, plugin.value("guest.rows").intValue());
        m.convertCpu(3_000_000);
        m.commitWait(4_000_000);
        assertEquals(3, value.applyAsLong("convert-cpu-ms-total"));
        assertEquals(4, value.applyAsLong("commit-wait-ms-total"));
        m.guestMemory(22 << 20);
        m.guestMemory(16 << 20);
        assertEquals(22 << 20, value.applyAsLong("guest-memory-max-bytes"), "the largest instance seen, not the last");
        m.close();
        assertTrue(plugin.metrics.isEmpty());
    }

    /** Regression (chaos runner): Connect restarted a task whose previous instance never finished stopping. */
    @Test
    void aNewInstanceStartsWhileAnAbandonedOneStillHoldsItsMetrics() {
        RecordingPluginMetrics plugin = new RecordingPluginMetrics();
        TaskMetrics abandoned = new TaskMetrics(plugin, () -> 0, () -> 0);
        abandoned.batch(1, 10);
        TaskMetrics current = new TaskMetrics(plugin, () -> 7, () -> 0);
        current.batch(3, 30);
        current.close();
        assertEquals(1, plugin.value("rows-total").longValue(), "the earlier instance's metrics stay its own");
        abandoned.close();
        assertTrue(plugin.metrics.isEmpty());
    }
}
