package io.rapidbyte.connect.metrics;

import io.rapidbyte.host.frames.CopyCounter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;

/**
 * The per-task metrics a wasm task publishes through Connect's {@code pluginMetrics()} (group
 * {@code plugins}, tagged with connector and task by the worker): batches, rows and payload
 * bytes moved, payload bytes copied by the host, wall-clock time inside the guest, the guests'
 * linear-memory high-water mark, and the depth of the task's batch queue. Counters are updated
 * by stream threads and read by the metrics reporter; all are lock-free. {@link #close()}
 * unregisters them.
 */
public final class TaskMetrics implements AutoCloseable {
    private final PluginMetrics plugin;
    private final List<MetricName> registered = new ArrayList<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong guestNanos = new AtomicLong();
    private final AtomicLong guestMemoryMax = new AtomicLong();
    private final CopyCounter copies = new CopyCounter();

    /**
     * @param plugin     the task context's plugin metrics, or null (tests, older workers): then
     *                   nothing is registered but counters still work
     * @param queueDepth how many batches wait in the task's queue right now
     * @param guestNanosInFlight nanoseconds spent so far in guest calls that are still running
     */
    public TaskMetrics(PluginMetrics plugin, LongSupplier queueDepth, LongSupplier guestNanosInFlight) {
        this.plugin = plugin;
        gauge("batches-total", "Batches (Kafka records carrying one Arrow IPC stream) moved by the task.", batches::get);
        gauge("rows-total", "Rows in the batches moved by the task.", rows::get);
        gauge("bytes-total", "Payload bytes of the batches moved by the task.", bytes::get);
        gauge("bytes-copied-total", "Payload bytes the host copied across the wasm boundary (one copy per "
                + "boundary crossing by design).", copies::total);
        gauge("guest-time-ms-total", "Wall-clock milliseconds spent inside guest calls, host functions included.",
                () -> (guestNanos.get() + guestNanosInFlight.getAsLong()) / 1_000_000);
        gauge("queue-depth", "Batches waiting in the task's queue between Kafka and the guest.", queueDepth);
        gauge("dead-letter-records-total", "Records the task sent to a dead-letter queue.", deadLetters::get);
        gauge("guest-memory-max-bytes", "Largest linear memory of any of the task's guest instances so far "
                + "(wasm memory never shrinks: the high-water mark against wasm.memory.max.mb).", guestMemoryMax::get);
    }

    private void gauge(String name, String description, LongSupplier value) {
        if (plugin == null) {
            return;
        }
        MetricName metric = plugin.metricName(name, description, new LinkedHashMap<>());
        plugin.addMetric(metric, (Gauge<Long>) (config, now) -> value.getAsLong());
        registered.add(metric);
    }

    /** A batch of {@code rowCount} rows and {@code byteCount} bytes moved. */
    public void batch(long rowCount, long byteCount) {
        batches.incrementAndGet();
        rows.addAndGet(rowCount);
        bytes.addAndGet(byteCount);
    }

    public void deadLetter() {
        deadLetters.incrementAndGet();
    }

    /** Time of a finished guest call. */
    public void guestTime(long nanos) {
        guestNanos.addAndGet(nanos);
    }

    /** A guest instance's linear memory size right now (see {@code ConnectorInstance.memoryBytes}). */
    public void guestMemory(long bytes) {
        guestMemoryMax.accumulateAndGet(bytes, Math::max);
    }

    public long guestMemoryMax() {
        return guestMemoryMax.get();
    }

    /** The counter every instance of the task adds its copies to. */
    public CopyCounter copies() {
        return copies;
    }

    public long batches() {
        return batches.get();
    }

    public long rows() {
        return rows.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    @Override
    public void close() {
        if (plugin != null) {
            registered.forEach(plugin::removeMetric);
        }
        registered.clear();
    }
}
