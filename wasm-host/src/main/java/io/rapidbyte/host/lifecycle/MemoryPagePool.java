package io.rapidbyte.host.lifecycle;

import com.dylibso.chicory.runtime.Memory;
import java.util.Arrays;

/**
 * 64 KiB pages of guest linear memory that closed instances gave back, kept for the next
 * instance of any module in this JVM, so that a new instance (a task restart, a connector's
 * {@code validate} or {@code discover} guest, the next run) does not allocate its ~23 MiB again.
 *
 * <p><b>Exactness.</b> A page is zeroed when it is taken, after it left the pool and before the
 * taker's memory can reach it, so a guest always starts from the zero-filled memory the wasm
 * spec requires and never sees another instance's bytes. Only {@link PagedMemory#release()}
 * gives pages back, after its instance can no longer run (see {@link ConnectorInstance#close()}).
 *
 * <p><b>Bound.</b> At most {@link #capacityPages()} pages are kept; pages given beyond that are
 * left to the GC. The JVM-wide pool ({@link #shared()}) keeps
 * {@value #DEFAULT_CAPACITY_MB} MiB unless the system property {@value #CAPACITY_PROPERTY} (MiB,
 * 0 keeps nothing) says otherwise; it is read once, when the first instance is built.
 *
 * <p><b>Thread-safety.</b> Thread-safe: instances on any thread take and give pages. A page is
 * reachable from the pool or from one memory, never both.
 */
final class MemoryPagePool {
    static final String CAPACITY_PROPERTY = "rapidbyte.wasm.memory.pool.mb";
    static final int DEFAULT_CAPACITY_MB = 64;
    private static final int PAGES_PER_MB = (1 << 20) / Memory.PAGE_SIZE;

    private final int capacityPages;
    /** Free pages in {@code [0, count)}; guarded by {@code this}. */
    private final byte[][] free;
    private int count;
    private long reused;

    /** @param capacityPages most pages kept at once; 0 keeps nothing */
    MemoryPagePool(int capacityPages) {
        if (capacityPages < 0) {
            throw new IllegalArgumentException("capacityPages must not be negative, got " + capacityPages);
        }
        this.capacityPages = capacityPages;
        this.free = new byte[capacityPages][];
    }

    private static MemoryPagePool shared;

    /**
     * The pool every instance of this JVM shares, built when the first instance needs it.
     *
     * @throws IllegalArgumentException if {@value #CAPACITY_PROPERTY} is not a valid size (then
     *         every instance fails with this message until it is fixed)
     */
    static synchronized MemoryPagePool shared() {
        if (shared == null) {
            shared = new MemoryPagePool(capacityPages(System.getProperty(CAPACITY_PROPERTY)));
        }
        return shared;
    }

    int capacityPages() {
        return capacityPages;
    }

    /**
     * Fills {@code target[from, to)} with zeroed pages: kept ones first, new ones for the rest.
     */
    void take(byte[][] target, int from, int to) {
        int i = from;
        synchronized (this) {
            while (i < to && count > 0) {
                target[i++] = free[--count];
                free[count] = null;
            }
            reused += i - from;
        }
        // Zeroed outside the lock: the pages are this caller's alone now.
        for (int j = from; j < i; j++) {
            Arrays.fill(target[j], (byte) 0);
        }
        for (; i < to; i++) {
            target[i] = new byte[Memory.PAGE_SIZE];
        }
    }

    /**
     * Keeps the pages {@code source[from, to)} while there is room and clears those slots. The
     * caller gives them up: nothing may read or write them afterwards.
     */
    void give(byte[][] source, int from, int to) {
        synchronized (this) {
            for (int i = from; i < to && count < capacityPages; i++) {
                if (source[i] != null && source[i].length == Memory.PAGE_SIZE) {
                    free[count++] = source[i];
                }
            }
        }
        Arrays.fill(source, from, to, null);
    }

    /** Pages kept right now. */
    synchronized int freePages() {
        return count;
    }

    /** Pages handed out again so far: each one a 64 KiB allocation saved. */
    synchronized long reusedPages() {
        return reused;
    }

    static int capacityPages(String property) {
        if (property == null || property.isBlank()) {
            return DEFAULT_CAPACITY_MB * PAGES_PER_MB;
        }
        int mb;
        try {
            mb = Integer.parseInt(property.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(CAPACITY_PROPERTY + " must be a whole number of MiB, got '" + property + "'", e);
        }
        if (mb < 0 || mb > 8192) {
            throw new IllegalArgumentException(CAPACITY_PROPERTY + " must be in 0..8192 MiB, got " + mb);
        }
        return mb * PAGES_PER_MB;
    }
}
