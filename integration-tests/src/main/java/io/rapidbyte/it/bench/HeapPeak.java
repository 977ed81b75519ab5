package io.rapidbyte.it.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Samples the JVM's used heap every few milliseconds on a daemon thread and keeps the maximum.
 * The worker runs in this JVM (with the embedded broker), so this bounds the worker's heap from
 * above. Thread-safe.
 */
final class HeapPeak implements AutoCloseable {
    private static final long SAMPLE_MS = 20;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private volatile long peak;
    private volatile boolean running = true;

    HeapPeak() {
        System.gc();
        peak = memory.getHeapMemoryUsage().getUsed();
        sampler = new Thread(() -> {
            while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(SAMPLE_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-peak-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    long peakBytes() {
        return peak;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
