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
     * Whether the table alone holds the bytes' array, so it may reuse it once the frame is gone
     * (dropped, or consumed by a call that is done with the bytes when it returns). False for
     * payloads that exist elsewhere too ({@code next-batch}).
     */
    private final boolean owned;
    /**
     * Null until the first write. The first chunk lands in the smallest kept array that holds it
     * (then the sealed payload is a window over it), else in a new array of exactly its size. A
     * frame that then leaves the instance is trimmed to an exact copy ({@link FrameTable#consume}),
     * so a kept array is never lost to a small frame; one written to a socket gives it back.
     */
    private byte[] buffer;
    private int length;
    private FramePayload sealed;
    /** Bytes of memory this frame keeps reachable (buffer capacity, not just length). */
    private long retained;

    /** A writable, empty frame. Allocates nothing: the first write decides the buffer. */
    Frame(long capacityHint) {
        this.capacityHint = capacityHint;
        this.owned = true;
    }

    /**
     * A sealed frame over bytes that already exist (next-batch, socket reads).
     *
     * @param owned whether nobody else holds the payload's array (see {@link #reusableArray()})
     */
    Frame(FramePayload payload, boolean owned) {
        this.capacityHint = 0;
        this.owned = owned;
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
     * Appends {@code chunk}. The caller has checked the frame is writable and that the new length
     * is within limits.
     *
     * @param pool              where the first chunk may find an array of exactly its size
     * @param allocationCeiling the most capacity this frame may hold without pushing the
     *                          table's retained memory over its byte budget; growth beyond what
     *                          is strictly needed (doubling, the capacity hint) stays under it
     * @param maxFrameBytes     growth never exceeds the per-frame limit
     */
    void append(ChunkSource chunk, BufferPool pool, long allocationCeiling, long maxFrameBytes, CopyCounter copies) {
        int n = chunk.length();
        if (n == 0) {
            return;
        }
        if (buffer == null) {
            // Any kept array that fits, within what the table may still retain: the socket frames
            // of a COPY vary in size (the last chunk of each batch is shorter), and a kept array
            // only fitting frames of about its own size made most of them allocate.
            int largest = (int) Math.min(Integer.MAX_VALUE, Math.max(n, allocationCeiling));
            byte[] reused = pool.take(n, largest);
            if (reused != null) {
                chunk.copyInto(reused, 0);
                buffer = reused;
            } else {
                buffer = chunk.toNewArray();
            }
            length = n;
            retained = buffer.length;
            return;
        }
        int needed = length + n;
        if (needed > buffer.length) {
            grow(needed, pool, allocationCeiling, maxFrameBytes, copies);
        }
        chunk.copyInto(buffer, length);
        length = needed;
    }

    private void grow(int needed, BufferPool pool, long allocationCeiling, long maxFrameBytes, CopyCounter copies) {
        // Doubling keeps appends amortised O(1); the hint lets a guest that knows its final
        // size get one right-sized buffer on the second write instead of log2(n) regrowths.
        long wanted = Math.max(2L * buffer.length, Math.min(capacityHint, HINT_ALLOCATION_CAP));
        long capped = Math.min(Math.min(wanted, maxFrameBytes), allocationCeiling);
        int newCapacity = (int) Math.max(needed, capped);
        byte[] outgrown = buffer;
        buffer = Arrays.copyOf(outgrown, newCapacity);
        copies.addInternal(length);
        pool.give(outgrown);
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

    /**
     * Whether the sealed payload is a window over a larger array that only this table holds: one
     * worth trimming to an exact copy when the payload leaves, so the array can be reused.
     */
    boolean holdsSpareOwnedCapacity() {
        return owned && sealed != null && sealed.length() > 0 && sealed.array().length != sealed.length();
    }

    /**
     * The array the table may reuse once this frame is gone, or null (not {@linkplain #owned
     * owned}, or nothing written). Only call it when the frame leaves the table and its bytes are
     * no longer needed.
     */
    byte[] reusableArray() {
        if (!owned) {
            return null;
        }
        return sealed != null ? (sealed.length() == 0 ? null : sealed.array()) : buffer;
    }
}
