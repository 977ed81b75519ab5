package io.rapidbyte.host.frames;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts payload bytes the host copies, so that the "one copy per wasm boundary" rule can be
 * observed in tests and metrics.
 *
 * <p><b>Who counts.</b> The component that performs a copy counts it, and nobody else:
 * the ABI layer counts {@link #addGuestToHost} when it copies a chunk out of guest memory and
 * {@link #addHostToGuest} when it copies frame bytes into guest memory; {@link FrameTable} and
 * the socket table count only their own {@link #addInternal} copies (growing a frame buffer,
 * trimming a read buffer). Socket I/O itself (kernel copies) is not counted.
 *
 * <p><b>Thread-safety.</b> Thread-safe; one counter may be shared by several instances and
 * read from any thread.
 */
public final class CopyCounter {
    private final AtomicLong guestToHost = new AtomicLong();
    private final AtomicLong hostToGuest = new AtomicLong();
    private final AtomicLong internal = new AtomicLong();

    public void addGuestToHost(long bytes) {
        guestToHost.addAndGet(checked(bytes));
    }

    public void addHostToGuest(long bytes) {
        hostToGuest.addAndGet(checked(bytes));
    }

    /** Host-internal copies, e.g. appending a chunk into a growable frame buffer. */
    public void addInternal(long bytes) {
        internal.addAndGet(checked(bytes));
    }

    public long guestToHost() {
        return guestToHost.get();
    }

    public long hostToGuest() {
        return hostToGuest.get();
    }

    public long internal() {
        return internal.get();
    }

    /** Sum of the three counters (each read separately, so only approximately atomic). */
    public long total() {
        return guestToHost() + hostToGuest() + internal();
    }

    private static long checked(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative byte count " + bytes);
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "CopyCounter[guestToHost=" + guestToHost() + ", hostToGuest=" + hostToGuest()
                + ", internal=" + internal() + "]";
    }
}
