package io.rapidbyte.connect.metrics;

import io.rapidbyte.host.frames.CopyCounter;
import io.rapidbyte.host.timing.GuestClock;
import io.rapidbyte.host.timing.HostCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-task metrics a wasm task publishes through Connect's {@code pluginMetrics()} (group
 * {@code plugins}, tagged with connector and task by the worker): batches, rows and payload
 * bytes moved, payload bytes copied by the host, wall-clock time inside the guest, the guests'
 * linear-memory high-water mark, the depth of the task's batch queue, dead letters, frames and
 * sockets guests leaked, and the guests' own
 * {@code metric} reports ({@link GuestMetrics}); and where the time goes ({@link GuestClock}: CPU of
 * guest code, wall and CPU time per group of host functions, e.g. waiting for the database in
 * socket reads or for Kafka in {@code emit-batch}/{@code next-batch}), CPU of the task's own record
 * conversion, and the sink's waits for the destination to commit. Counters are updated by stream
 * threads and read by the metrics reporter; all are lock-free. {@link #close()} unregisters them.
 */
public final class TaskMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskMetrics.class);

    private final PluginMetrics plugin;
    private final List<MetricName> registered = new ArrayList<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong guestNanos = new AtomicLong();
    private final AtomicLong leakedFrames = new AtomicLong();
    private final AtomicLong leakedSockets = new AtomicLong();
    private final AtomicLong guestMemoryMax = new AtomicLong();
    private final CopyCounter copies = new CopyCounter();
    private final GuestClock clock = new GuestClock();
    private final AtomicLong convertCpuNanos = new AtomicLong();
    private final AtomicLong commitWaitNanos = new AtomicLong();
    private final GuestMetrics guest;

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
        gauge("guest-cpu-ms-total", "Thread CPU milliseconds of guest calls, host functions included.",
                () -> clock.exportCpuNanos() / 1_000_000);
        gauge("guest-code-cpu-ms-total", "Thread CPU milliseconds of the guests' own code (guest calls minus "
                + "the host functions they called).", () -> clock.guestCodeCpuNanos() / 1_000_000);
        for (HostCall call : HostCall.values()) {
            String group = call.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            gauge("host-" + group + "-ms-total", "Wall-clock milliseconds guests spent in " + group
                    + " host functions (see HostCall)", () -> clock.hostWallNanos(call) / 1_000_000);
            gauge("host-" + group + "-cpu-ms-total", "Thread CPU milliseconds of " + group + " host functions.",
                    () -> clock.hostCpuNanos(call) / 1_000_000);
        }
        gauge("convert-cpu-ms-total", "Thread CPU milliseconds the task spent turning batches into Connect records "
                + "(source poll) or records into frames (sink put).", () -> convertCpuNanos.get() / 1_000_000);
        gauge("commit-wait-ms-total", "Wall-clock milliseconds preCommit waited for the destination to commit and "
                + "confirm what it was given (sink).", () -> commitWaitNanos.get() / 1_000_000);
        gauge("leaked-frames-total", "Frames guests still held when their instance was torn down (the host freed "
                + "them).", leakedFrames::get);
        gauge("leaked-sockets-total", "Sockets guests still held open when their instance was torn down (the host "
                + "closed them).", leakedSockets::get);
        this.guest = new GuestMetrics(plugin, dropped -> LOG.warn("the guest reports more than {} metrics; {} and "
                + "later new ones are not published", GuestMetrics.MAX_METRICS, dropped));
        gauge("guest-memory-max-bytes", "Largest linear memory of any of the task's guest instances so far "
                + "(wasm memory never shrinks: the high-water mark against wasm.memory.max.mb).", guestMemoryMax::get);
    }

    private void gauge(String name, String description, LongSupplier value) {
        if (plugin == null) {
            return;
        }
        MetricName metric = plugin.metricName(name, description, new LinkedHashMap<>());
        try {
            plugin.addMetric(metric, (Gauge<Long>) (config, now) -> value.getAsLong());
        } catch (IllegalArgumentException e) {
            // The worker's registry outlives a task instance: when Connect gave up waiting for the
            // previous instance's stop (task.shutdown.graceful.timeout.ms, seen under the chaos
            // runner), that instance still holds this name, and only it may remove it. Failing
            // here would leave the task FAILED; it runs without this metric instead.
            LOG.warn("metric {} is still held by an earlier instance of this task; not published by this one",
                    name);
            return;
        }
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

    /** An instance was torn down holding {@code frames} frames and {@code sockets} sockets. */
    public void teardown(int frames, int sockets) {
        leakedFrames.addAndGet(frames);
        leakedSockets.addAndGet(sockets);
    }

    /** The guests' own metrics ({@code metric} calls). */
    public GuestMetrics guest() {
        return guest;
    }

    /** Time of a finished guest call. */
    public void guestTime(long nanos) {
        guestNanos.addAndGet(nanos);
    }

    /** The clock every instance of the task books its guest and host-function time on. */
    public GuestClock clock() {
        return clock;
    }

    /** CPU time the task thread spent converting between records and batches. */
    public void convertCpu(long nanos) {
        convertCpuNanos.addAndGet(nanos);
    }

    /** Wall time a commit waited for the destination's confirmation. */
    public void commitWait(long nanos) {
        commitWaitNanos.addAndGet(nanos);
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

    public long leakedFrames() {
        return leakedFrames.get();
    }

    @Override
    public void close() {
        guest.close();
        if (plugin != null) {
            registered.forEach(plugin::removeMetric);
        }
        registered.clear();
    }
}
