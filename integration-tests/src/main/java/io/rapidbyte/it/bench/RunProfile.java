package io.rapidbyte.it.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of one run (the worker, broker and bench share this JVM): execution samples
 * every {@value #SAMPLE_MS} ms, which count where threads ran Java code, allocation samples
 * ({@code jdk.ObjectAllocationSample}, weighted by the bytes each sample stands for), and every JIT
 * compilation. {@link #finish()} stops it and sums it up: samples per thread group, the top
 * frames of the source and sink stream threads, the top allocation sites per thread group, and
 * the JIT's compile time split into guest classes (the build-time compiled connectors) and
 * everything else. Keep the {@code .jfr} file
 * ({@code -Dbench.jfrDir=DIR}) to look further with {@code jfr print} or JDK Mission Control.
 * Not thread-safe.
 */
final class RunProfile implements AutoCloseable {
    private static final long SAMPLE_MS = 10;
    /** Classes the Chicory build-time compiler generated for the bundled connectors. */
    static final String GUEST_PACKAGE = "io.rapidbyte.connect.precompiled.";

    private final String name;
    private final Recording recording = new Recording();

    /** Starts recording. */
    RunProfile(String name) {
        this.name = name;
        recording.setName("rapidbyte-bench-" + name);
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(SAMPLE_MS));
        recording.enable("jdk.Compilation").withThreshold(Duration.ZERO);
        recording.enable("jdk.ObjectAllocationSample").withStackTrace();
        recording.start();
    }

    /** What the recording shows. */
    record Summary(Map<String, Long> samplesByGroup, Map<String, Map<String, Long>> topFrames,
                   Map<String, Map<String, Long>> allocationSites, long compilations,
                   double compileSeconds, long guestCompilations, double guestCompileSeconds, Path file) {
        long samples(String group) {
            return samplesByGroup.getOrDefault(group, 0L);
        }

        /** Prints the thread groups and each stream thread's hottest frames. */
        void print(PrintStream out) {
            long all = samplesByGroup.values().stream().mapToLong(Long::longValue).sum();
            StringBuilder groups = new StringBuilder();
            samplesByGroup.forEach((g, n) -> groups.append(groups.length() == 0 ? "" : ", ")
                    .append(String.format("%s %,d (%.0f%%)", g, n, 100.0 * n / Math.max(1, all))));
            out.printf("  JFR execution samples (every %d ms per running thread): %s%n", SAMPLE_MS, groups);
            topFrames.forEach((group, frames) -> {
                long total = samples(group);
                out.printf("  hottest frames on %s threads:%n", group);
                frames.forEach((frame, n) -> out.printf("    %5.1f%%  %s%n", 100.0 * n / Math.max(1, total), frame));
            });
            if (file != null) {
                out.println("  recording kept: " + file);
            }
        }

        /**
         * The largest allocation sites per thread group in bytes per row (JFR's estimate; the
         * thread-group totals of {@code AllocationProbe} are the exact figures). A site is the
         * innermost frame outside the JDK, then the innermost frame of our own code if that is
         * further out.
         */
        void printAllocationSites(PrintStream out, long rows) {
            allocationSites.forEach((group, sites) -> {
                if (sites.isEmpty()) {
                    return;
                }
                out.printf("  largest allocation sites on %s threads (JFR samples, B/row):%n", group);
                sites.forEach((site, bytes) -> out.printf("    %7.1f  %s%n", (double) bytes / Math.max(1, rows), site));
            });
        }
    }

    /** Stops the recording and sums it up. */
    Summary finish() {
        recording.stop();
        String keep = System.getProperty("bench.jfrDir", "");
        try {
            Path file = keep.isEmpty() ? Files.createTempFile("rapidbyte-bench-", ".jfr")
                    : Files.createDirectories(Path.of(keep)).resolve("bench-" + name + ".jfr");
            recording.dump(file);
            Summary s = summarize(file, keep.isEmpty() ? null : file);
            if (keep.isEmpty()) {
                Files.deleteIfExists(file);
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the JFR recording failed", e);
        }
    }

    private static Summary summarize(Path file, Path kept) throws IOException {
        Map<String, Long> groups = new LinkedHashMap<>();
        for (String g : List.of("source stream", "sink stream", "Connect task", "Kafka", "other")) {
            groups.put(g, 0L);
        }
        Map<String, Map<String, Long>> frames = new LinkedHashMap<>();
        frames.put("source stream", new HashMap<>());
        frames.put("sink stream", new HashMap<>());
        Map<String, Map<String, Long>> sites = new LinkedHashMap<>();
        for (String g : List.of("source stream", "sink stream", "Connect task", "Kafka")) {
            sites.put(g, new HashMap<>());
        }
        long compilations = 0;
        long compileNanos = 0;
        long guestCompilations = 0;
        long guestCompileNanos = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.Compilation")) {
                long nanos = e.getDuration().toNanos();
                compilations++;
                compileNanos += nanos;
                RecordedMethod m = e.getValue("method");
                if (m != null && m.getType().getName().startsWith(GUEST_PACKAGE)) {
                    guestCompilations++;
                    guestCompileNanos += nanos;
                }
            } else if (type.equals("jdk.ExecutionSample")) {
                RecordedThread t = e.getValue("sampledThread");
                String group = group(t == null ? "" : t.getJavaName());
                groups.merge(group, 1L, Long::sum);
                Map<String, Long> top = frames.get(group);
                RecordedStackTrace stack = e.getStackTrace();
                if (top != null && stack != null && !stack.getFrames().isEmpty()) {
                    top.merge(describe(stack.getFrames().get(0)), 1L, Long::sum);
                }
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                RecordedThread t = e.getThread("eventThread");
                Map<String, Long> bySite = sites.get(group(t == null ? "" : t.getJavaName()));
                RecordedStackTrace stack = e.getStackTrace();
                if (bySite != null && stack != null) {
                    bySite.merge(allocationSite(stack.getFrames()), e.getLong("weight"), Long::sum);
                }
            }
        }
        Map<String, Map<String, Long>> hottest = new LinkedHashMap<>();
        frames.forEach((g, counts) -> {
            Map<String, Long> sorted = new LinkedHashMap<>();
            counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                    .forEach(en -> sorted.put(en.getKey(), en.getValue()));
            hottest.put(g, sorted);
        });
        Map<String, Map<String, Long>> largest = new LinkedHashMap<>();
        sites.forEach((g, bytes) -> {
            Map<String, Long> sorted = new LinkedHashMap<>();
            bytes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                    .forEach(en -> sorted.put(en.getKey(), en.getValue()));
            largest.put(g, sorted);
        });
        return new Summary(groups, hottest, largest, compilations, compileNanos / 1e9, guestCompilations,
                guestCompileNanos / 1e9, kept);
    }

    /** Thread names: connect-plugin's stream threads, Connect's task threads, Kafka's client and broker threads. */
    private static String group(String thread) {
        if (thread.startsWith("rapidbyte-source-")) {
            return "source stream";
        }
        if (thread.startsWith("rapidbyte-sink-")) {
            return "sink stream";
        }
        // The embedded worker runs tasks on executor threads named pool-N-thread-N when they
        // start (JFR keeps a thread's first name; Connect renames them task-thread-… later), so
        // this group also holds the connectors' own calls (validate, discover) on those threads.
        if (thread.startsWith("task-thread-") || thread.startsWith("pool-")) {
            return "Connect task";
        }
        if (thread.startsWith("kafka-") || thread.startsWith("data-plane") || thread.startsWith("broker-")
                || thread.contains("-network-thread") || thread.startsWith("ReplicaFetcher")
                || thread.startsWith("controller-") || thread.startsWith("RaftManager")) {
            return "Kafka";
        }
        return "other";
    }

    /** Innermost frame outside the JDK, and the innermost frame of our own code further out (if any). */
    private static String allocationSite(List<RecordedFrame> stack) {
        String outer = null;
        String ours = null;
        for (RecordedFrame f : stack) {
            RecordedMethod m = f.getMethod();
            String cls = m == null ? "" : m.getType().getName();
            if (outer == null && !cls.isEmpty() && !cls.startsWith("java.") && !cls.startsWith("jdk.")
                    && !cls.startsWith("sun.")) {
                outer = shortName(f);
            }
            if (cls.startsWith("io.rapidbyte.") && !cls.startsWith(GUEST_PACKAGE)) {
                ours = shortName(f);
                break;
            }
        }
        if (outer == null) {
            return stack.isEmpty() ? "?" : shortName(stack.get(0));
        }
        return ours == null || ours.equals(outer) ? outer : outer + " ← " + ours;
    }

    private static String shortName(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        String cls = m.getType().getName();
        String simple = cls.startsWith(GUEST_PACKAGE) ? "guest " + cls.substring(GUEST_PACKAGE.length())
                : cls.substring(cls.lastIndexOf('.') + 1);
        return simple + "." + m.getName();
    }

    /** {@code Class.method} of a frame; guest functions keep their generated class's simple name. */
    private static String describe(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        if (m == null) {
            return "?";
        }
        String cls = m.getType().getName();
        String where = cls.startsWith(GUEST_PACKAGE) ? "guest " + cls.substring(GUEST_PACKAGE.length()) : cls;
        // Interpreted: never JIT-compiled (e.g. over HotSpot's 8000-byte limit); Inlined: part of a compiled caller.
        return where + "." + m.getName() + " [" + f.getType() + "]";
    }

    @Override
    public void close() {
        recording.close();
    }
}
