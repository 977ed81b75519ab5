package io.rapidbyte.host.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Heap bytes the calling thread has allocated so far, from HotSpot's per-thread allocation
 * counter ({@code com.sun.management.ThreadMXBean}): what a stage costs the heap and the GC,
 * measured without sampling. On a JVM without the counter every reading is 0. Stateless and
 * thread-safe.
 */
public final class ThreadAllocation {
    private static final com.sun.management.ThreadMXBean BEAN = bean();

    private ThreadAllocation() {
    }

    /** Bytes allocated by the calling thread since it started (0 when the JVM cannot tell). */
    public static long currentThread() {
        if (BEAN == null) {
            return 0;
        }
        long bytes = BEAN.getCurrentThreadAllocatedBytes();
        return Math.max(0, bytes);
    }

    private static com.sun.management.ThreadMXBean bean() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean hotspot && hotspot.isThreadAllocatedMemorySupported()) {
            hotspot.setThreadAllocatedMemoryEnabled(true);
            return hotspot;
        }
        return null;
    }
}
