package io.rapidbyte.it.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Heap allocation, CPU time and GC of one chain run, per group of threads, for a worker that runs
 * in this JVM (the embedded environment). A daemon thread samples every live thread's allocated
 * bytes and CPU time ({@code com.sun.management.ThreadMXBean}) every {@value #SAMPLE_MS} ms and
 * keeps each thread's last values, so threads that start and end during the run are counted up to
 * their last sample. The JVM's total allocation ({@code getTotalThreadAllocatedBytes}, which
 * includes ended threads) is measured too, and whatever no group claims is reported as the rest
 * (broker, worker herder, bench), so nothing is hidden.
 *
 * <p>Allocation figures are robust on a loaded machine (they count bytes, not time); CPU figures
 * are thread CPU time, not wall clock. Thread-safe; one probe per run.
 */
final class AllocationProbe implements AutoCloseable {
    private static final long SAMPLE_MS = 20;
    private static final int TOP_REST = 6;

    /** Thread groups of a chain, in report order. */
    enum Group {
        SOURCE_STREAM("source stream threads (guest + host calls)"),
        SOURCE_TASK("source task thread (poll, records, producer send)"),
        SINK_TASK("sink task thread (consumer poll, put)"),
        SINK_STREAM("sink stream threads (guest + host calls)"),
        KAFKA_CLIENTS("Kafka client threads of the connectors"),
        REST("rest of the JVM (broker, worker, bench)");

        final String label;

        Group(String label) {
            this.label = label;
        }
    }

    /** What one run cost, per row and in total. */
    record Report(long rows, Map<Group, Long> allocated, Map<Group, Long> cpuNanos, long totalAllocated,
                  long processCpuNanos, long gcCount, long gcPauseMillis, Map<String, Long> topRestThreads) {
        double allocatedPerRow(Group g) {
            return (double) allocated.getOrDefault(g, 0L) / rows;
        }

        /** Host allocation of the chain itself: every group but the rest of the JVM. */
        long chainAllocated() {
            return allocated.entrySet().stream().filter(e -> e.getKey() != Group.REST).mapToLong(Map.Entry::getValue).sum();
        }
    }

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final String source;
    private final String sink;
    private final Map<Long, ThreadSample> baseline = new HashMap<>();
    private final Map<Long, ThreadSample> latest = new HashMap<>();
    private final long totalStart;
    private final long cpuStart;
    private final long gcCountStart;
    private final long gcMillisStart;
    private final Thread sampler;
    private volatile boolean running = true;

    private record ThreadSample(String name, long allocated, long cpuNanos) {
    }

    /** Starts sampling; {@code source} and {@code sink} are the connector names of the run. */
    AllocationProbe(String source, String sink) {
        this.source = source;
        this.sink = sink;
        threads.setThreadAllocatedMemoryEnabled(true);
        threads.setThreadCpuTimeEnabled(true);
        synchronized (this) {
            sampleInto(baseline);
            latest.putAll(baseline);
        }
        totalStart = threads.getTotalThreadAllocatedBytes();
        cpuStart = os.getProcessCpuTime();
        gcCountStart = gcCount();
        gcMillisStart = gcPauseMillis();
        sampler = new Thread(this::sampleLoop, "allocation-probe");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sampleLoop() {
        while (running) {
            synchronized (this) {
                sampleInto(latest);
            }
            try {
                Thread.sleep(SAMPLE_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sampleInto(Map<Long, ThreadSample> into) {
        Thread[] live = new Thread[Thread.activeCount() * 2 + 16];
        int n = rootGroup().enumerate(live, true);
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = live[i].getId();
        }
        long[] allocated = threads.getThreadAllocatedBytes(ids);
        long[] cpu = threads.getThreadCpuTime(ids);
        for (int i = 0; i < n; i++) {
            if (allocated[i] >= 0) {
                into.put(ids[i], new ThreadSample(live[i].getName(), allocated[i], Math.max(0, cpu[i])));
            }
        }
    }

    private static ThreadGroup rootGroup() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) {
            g = g.getParent();
        }
        return g;
    }

    /** Stops sampling and attributes what was allocated since the start to {@code rows} rows. */
    Report finish(long rows) {
        close();
        Map<Group, Long> allocated = new LinkedHashMap<>();
        Map<Group, Long> cpu = new LinkedHashMap<>();
        for (Group g : Group.values()) {
            allocated.put(g, 0L);
            cpu.put(g, 0L);
        }
        long attributed = 0;
        Map<String, Long> rest = new HashMap<>();
        synchronized (this) {
            sampleInto(latest);
            for (Map.Entry<Long, ThreadSample> e : latest.entrySet()) {
                ThreadSample now = e.getValue();
                ThreadSample before = baseline.get(e.getKey());
                long bytes = now.allocated() - (before == null ? 0 : before.allocated());
                long nanos = now.cpuNanos() - (before == null ? 0 : before.cpuNanos());
                Group g = groupOf(now.name());
                if (g != Group.REST) {
                    allocated.merge(g, bytes, Long::sum);
                    attributed += bytes;
                } else {
                    rest.merge(now.name().replaceAll("[0-9]+", "N"), bytes, Long::sum);
                }
                cpu.merge(g, nanos, Long::sum);
            }
        }
        long total = threads.getTotalThreadAllocatedBytes() - totalStart;
        allocated.put(Group.REST, Math.max(0, total - attributed));
        Map<String, Long> top = new LinkedHashMap<>();
        rest.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP_REST)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return new Report(rows, allocated, cpu, total, os.getProcessCpuTime() - cpuStart, gcCount() - gcCountStart,
                gcPauseMillis() - gcMillisStart, top);
    }

    /**
     * Which group a thread belongs to, by the names Connect and the plugin give their threads:
     * {@code rapidbyte-source-<connector>:<stream>} and {@code rapidbyte-sink-…} (the plugin's
     * stream threads), {@code task-thread-<connector>-<task>} (Connect's task threads), and
     * Kafka clients' threads, whose names carry the connector's client id.
     */
    Group groupOf(String thread) {
        if (thread.startsWith("rapidbyte-source-" + source + ":")) {
            return Group.SOURCE_STREAM;
        }
        if (thread.startsWith("rapidbyte-sink-" + sink + ":")) {
            return Group.SINK_STREAM;
        }
        if (thread.startsWith("task-thread-" + source + "-")) {
            return Group.SOURCE_TASK;
        }
        if (thread.startsWith("task-thread-" + sink + "-")) {
            return Group.SINK_TASK;
        }
        if (thread.contains("| ") && (thread.contains(source) || thread.contains(sink))) {
            return Group.KAFKA_CLIENTS;
        }
        return Group.REST;
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : pauseCollectors()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long gcPauseMillis() {
        long ms = 0;
        for (GarbageCollectorMXBean gc : pauseCollectors()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    /** The collectors whose time is stop-the-world pauses (G1's concurrent cycle bean is not). */
    private static List<GarbageCollectorMXBean> pauseCollectors() {
        List<GarbageCollectorMXBean> out = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().contains("Concurrent")) {
                out.add(gc);
            }
        }
        return out;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
