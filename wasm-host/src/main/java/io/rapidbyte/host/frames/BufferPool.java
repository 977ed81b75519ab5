package io.rapidbyte.host.frames;

/**
 * Host byte arrays that one instance's frames have finished with, kept so the instance's next
 * frame of about the same size reuses one instead of allocating. Two flows feed and drain it: socket
 * reads (the receive buffer handed to the guest as a frame comes back when the guest drops the
 * frame, and the next read fills it again), and frames the guest writes and sends with
 * {@code socket-write-frame} (the written bytes' array comes back once the socket took them, and
 * the next written frame that fits it is copied into it).
 *
 * <p>Only arrays nobody else can reach are given back: a {@link FrameTable} gives back the array
 * of a frame it owns once the frame is dropped or transiently consumed, or once an exact copy of
 * its bytes left the instance in its place ({@code emit-batch} of a frame in a larger array);
 * never an array that left the instance itself or came from elsewhere ({@code next-batch}).
 *
 * <p>Bounded by bytes ({@link #capacityBytes()}; arrays smaller than {@link #MIN_POOLED_BYTES}
 * are not worth keeping); a pool of capacity 0 keeps nothing, so everything is allocated as if
 * there were no pool (the before of a before/after measurement).
 *
 * <p><b>Thread-safety.</b> Not thread-safe: confined to the thread that runs the instance.
 */
public final class BufferPool {
    /** Smaller arrays cost less to allocate than to track. */
    public static final int MIN_POOLED_BYTES = 4 * 1024;
    /** Most arrays an instance needs at once: one receive buffer, one written frame, a spare each. */
    private static final int MAX_ARRAYS = 4;

    private final long capacityBytes;
    private final byte[][] free = new byte[MAX_ARRAYS][];
    private int count;
    private long pooledBytes;
    private long reusedBytes;
    private long reuses;

    /** @param capacityBytes most bytes kept at once; 0 keeps nothing */
    public BufferPool(long capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("capacityBytes must not be negative, got " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    public long capacityBytes() {
        return capacityBytes;
    }

    /**
     * The smallest kept array of {@code minLength} to {@code maxLength} bytes, removed from the
     * pool; or null. Its content is whatever it held before: the taker overwrites what it uses.
     */
    public byte[] take(int minLength, int maxLength) {
        int best = -1;
        for (int i = 0; i < count; i++) {
            int length = free[i].length;
            if (length >= minLength && length <= maxLength && (best < 0 || length < free[best].length)) {
                best = i;
            }
        }
        return best < 0 ? null : remove(best);
    }

    /**
     * Keeps {@code array} for reuse if there is room, making room by letting smaller kept arrays
     * go (an instance's buffers tend to grow to a steady size, and small ones would otherwise fill
     * the pool for good); otherwise it is left to the GC. The caller gives up the array: nobody
     * may read or write it afterwards except through a later take.
     */
    public void give(byte[] array) {
        if (array.length < MIN_POOLED_BYTES || array.length > capacityBytes) {
            return;
        }
        while (count == MAX_ARRAYS || pooledBytes + array.length > capacityBytes) {
            int smallest = 0;
            for (int i = 1; i < count; i++) {
                if (free[i].length < free[smallest].length) {
                    smallest = i;
                }
            }
            if (free[smallest].length >= array.length) {
                return;
            }
            drop(smallest);
        }
        free[count++] = array;
        pooledBytes += array.length;
    }

    /** Arrays handed out again so far (each reuse is one allocation saved). */
    public long reuses() {
        return reuses;
    }

    /** Bytes of the arrays handed out again so far: allocation saved. */
    public long reusedBytes() {
        return reusedBytes;
    }

    /** Bytes kept right now. */
    public long pooledBytes() {
        return pooledBytes;
    }

    private byte[] remove(int index) {
        byte[] array = drop(index);
        reusedBytes += array.length;
        reuses++;
        return array;
    }

    private byte[] drop(int index) {
        byte[] array = free[index];
        free[index] = free[--count];
        free[count] = null;
        pooledBytes -= array.length;
        return array;
    }
}
