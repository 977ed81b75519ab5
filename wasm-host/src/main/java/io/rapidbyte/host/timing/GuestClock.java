package io.rapidbyte.host.timing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where the guest calls of one or more instances spend their time: wall-clock and thread CPU
 * time of every export call, and of the host functions those calls make, per {@link HostCall}
 * group. Guest code CPU is what remains of the export calls' CPU time after their host calls'.
 *
 * <p>What it cannot split: WASI functions (clock, random, stdout) count as guest code, and a
 * host function's nested call back into the guest ({@code cabi_realloc}) counts as host time.
 * Both are small next to a batch's work.
 *
 * <p>CPU time comes from {@link ThreadMXBean#getCurrentThreadCpuTime()} (zero where the JVM does
 * not offer it). Host calls are few per batch (socket reads of a buffer-full, one emit or
 * next-batch, a few frame calls), so the two clock reads per call cost nothing measurable.
 *
 * <p>Thread-safe: instances on different threads may share one clock (like a task's copy
 * counter). Export calls can last a whole run (a source's {@code run-read}), so readers see
 * running totals that include the part of each call still in progress.
 */
public final class GuestClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU = THREADS.isCurrentThreadCpuTimeSupported();
    private static final int GROUPS = HostCall.values().length;

    private final AtomicLongArray exportTotals = new AtomicLongArray(3);
    /** Per group: calls, wall nanos, CPU nanos. */
    private final AtomicLongArray hostTotals = new AtomicLongArray(3 * GROUPS);
    /** Export calls in progress: thread id -> {wall start, CPU start}. */
    private final Map<Long, long[]> running = new ConcurrentHashMap<>();

    /** CPU time of the calling thread in nanoseconds (0 where unsupported). */
    public static long threadCpuNanos() {
        return CPU ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** An export call starts on the calling thread; pair with {@link #exportExited()} in a finally. */
    public void exportEntered() {
        running.put(Thread.currentThread().getId(), new long[] {System.nanoTime(), threadCpuNanos()});
    }

    /** The export call started by this thread's {@link #exportEntered()} returned (or threw). */
    public void exportExited() {
        long[] start = running.remove(Thread.currentThread().getId());
        if (start != null) {
            exportTotals.incrementAndGet(0);
            exportTotals.addAndGet(1, System.nanoTime() - start[0]);
            exportTotals.addAndGet(2, threadCpuNanos() - start[1]);
        }
    }

    /** Books one finished host function call. */
    public void hostCall(HostCall group, long wallNanos, long cpuNanos) {
        int base = 3 * group.ordinal();
        hostTotals.incrementAndGet(base);
        hostTotals.addAndGet(base + 1, wallNanos);
        hostTotals.addAndGet(base + 2, cpuNanos);
    }

    public long exportCalls() {
        return exportTotals.get(0);
    }

    /** Wall-clock nanoseconds inside export calls so far, host functions included. */
    public long exportWallNanos() {
        long now = System.nanoTime();
        long sum = exportTotals.get(1);
        for (long[] start : running.values()) {
            sum += now - start[0];
        }
        return sum;
    }

    /** Thread CPU nanoseconds of export calls so far, host functions included. */
    public long exportCpuNanos() {
        long sum = exportTotals.get(2);
        for (Map.Entry<Long, long[]> e : running.entrySet()) {
            long cpu = CPU ? THREADS.getThreadCpuTime(e.getKey()) : 0;
            if (cpu > 0) {
                sum += cpu - e.getValue()[1];
            }
        }
        return sum;
    }

    public long hostCalls(HostCall group) {
        return hostTotals.get(3 * group.ordinal());
    }

    public long hostWallNanos(HostCall group) {
        return hostTotals.get(3 * group.ordinal() + 1);
    }

    public long hostCpuNanos(HostCall group) {
        return hostTotals.get(3 * group.ordinal() + 2);
    }

    /** Wall time of {@code group}'s calls not spent on this thread's CPU: waiting (or descheduled). */
    public long hostWaitNanos(HostCall group) {
        return Math.max(0, hostWallNanos(group) - hostCpuNanos(group));
    }

    /** CPU nanoseconds of every host function call. */
    public long hostCpuNanos() {
        long sum = 0;
        for (HostCall g : HostCall.values()) {
            sum += hostCpuNanos(g);
        }
        return sum;
    }

    /** CPU nanoseconds the guest's own code ran: export CPU minus host function CPU. */
    public long guestCodeCpuNanos() {
        return Math.max(0, exportCpuNanos() - hostCpuNanos());
    }
}
