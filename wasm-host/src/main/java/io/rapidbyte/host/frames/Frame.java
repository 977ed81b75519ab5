package io.rapidbyte.host.frames;

import java.util.Arrays;

/**
 * One entry of a {@link FrameTable}: a writable buffer until sealed, then a
 * {@link FramePayload}. Knows how to grow and freeze itself; limits and handle bookkeeping
 * stay in the table. Confined to the table's thread.
 */
final class Frame {
    /** The capacity hint never makes us allocate more than this up front. */
    static final long HINT_ALLOCATION_CAP = 16L * 1024 * 1024;

    private final long capacityHint;
    /**
     * Null until the first write. The first chunk is adopted as-is (the ABI layer hands
     * over a fresh array), so a frame written in one go never copies on the host.
     */
    private byte[] buffer;
    private int length;
    private FramePayload sealed;
    /** Bytes of memory this frame keeps reachable (buffer capacity, not just length). */
    private long retained;

    /** A writable, empty frame. Allocates nothing: most frames adopt their first chunk. */
    Frame(long capacityHint) {
        this.capacityHint = capacityHint;
    }

    /** A sealed frame over bytes that already exist elsewhere (next-batch, socket reads). */
    Frame(FramePayload payload) {
        this.capacityHint = 0;
        this.sealed = payload;
        this.length = payload.length();
        this.retained = payload.length();
    }

    boolean isSealed() {
        return sealed != null;
    }

    int length() {
        return length;
    }

    long retained() {
        return retained;
    }

    /** The sealed bytes; only valid once sealed. */
    FramePayload payload() {
        return sealed;
    }

    /**
     * Appends {@code chunk}, taking ownership of it. The caller has checked the frame is
     * writable and that the new length is within limits.
     *
     * @param allocationCeiling the most capacity this frame may hold without pushing the
     *                          table's retained memory over its byte budget; growth beyond what
     *                          is strictly needed (doubling, the capacity hint) stays under it
     * @param maxFrameBytes     growth never exceeds the per-frame limit
     */
    void append(byte[] chunk, long allocationCeiling, long maxFrameBytes, CopyCounter copies) {
        if (chunk.length == 0) {
            return;
        }
        if (buffer == null) {
            buffer = chunk;
            length = chunk.length;
            retained = chunk.length;
            return;
        }
        int needed = length + chunk.length;
        if (needed > buffer.length) {
            grow(needed, allocationCeiling, maxFrameBytes, copies);
        }
        System.arraycopy(chunk, 0, buffer, length, chunk.length);
        copies.addInternal(chunk.length);
        length = needed;
    }

    private void grow(int needed, long allocationCeiling, long maxFrameBytes, CopyCounter copies) {
        // Doubling keeps appends amortised O(1); the hint lets a guest that knows its final
        // size get one right-sized buffer on the second write instead of log2(n) regrowths.
        long wanted = Math.max(2L * buffer.length, Math.min(capacityHint, HINT_ALLOCATION_CAP));
        long capped = Math.min(Math.min(wanted, maxFrameBytes), allocationCeiling);
        int newCapacity = (int) Math.max(needed, capped);
        buffer = Arrays.copyOf(buffer, newCapacity);
        copies.addInternal(length);
        retained = newCapacity;
    }

    /**
     * Freezes the frame without copying: the payload is a view over the buffer, spare
     * capacity included (it stays counted in {@link #retained()} until the frame goes away).
     */
    void seal() {
        if (buffer == null) {
            sealed = FramePayload.EMPTY;
        } else {
            sealed = FramePayload.wrap(buffer, 0, length);
        }
        buffer = null;
    }
}
