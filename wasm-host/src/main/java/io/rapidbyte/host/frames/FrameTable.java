package io.rapidbyte.host.frames;

import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCodes;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * The frames of one wasm instance: the host side of the WIT {@code resource frame}.
 *
 * <p>A frame is writable after {@link #frameNew}, read-only after {@link #frameSeal}. Bytes are
 * copied at most once on the way in (by the ABI layer, out of guest memory) and once on the way
 * out (by the ABI layer, into guest memory): the table adopts written chunks, seals without
 * copying and hands out views. The only copies it makes itself happen when a frame is written
 * in more than one chunk; they are counted as {@link CopyCounter#addInternal internal}.
 *
 * <p><b>Handles</b> are positive ints from a counter that is never reset, so a handle is never
 * reused within a table and a stale handle is always {@code INVALID_FRAME_HANDLE}.
 *
 * <p><b>Errors.</b> Every violation throws {@link ConnectorException} carrying
 * {@link ConnectorError#frame} with one of the codes of {@code wit/ABI.md} section 6.
 *
 * <p><b>Reuse.</b> The table gives the arrays of frames it alone holds back to its
 * {@link BufferPool} when they are dropped or {@linkplain #consumeTransiently transiently
 * consumed}; a first {@code frame-write} that fits a kept array is copied into the smallest
 * such array instead of a new one, and the instance's socket reads take their receive buffers from the same
 * pool ({@link #buffers()}). Payloads that leave the instance ({@link #consume}) or came from
 * elsewhere ({@link #adopt}) are never reused (a leaving frame in a larger array leaves as an
 * exact copy, and the array stays).
 *
 * <p><b>Limits</b> ({@link FrameLimits}) count frame lengths. Independently, spare capacity
 * (from doubling or from the capacity hint) is only granted while the memory all frames keep
 * reachable stays within {@code maxTotalBytes}, so a guest cannot pin host memory far beyond
 * its budget with inflated hints; {@code frameNew} itself allocates nothing.
 *
 * <p><b>Refused incoming frames</b> ({@link #adopt} over a limit) are remembered
 * ({@link #lostIncoming}): the payload was taken from its channel or socket and is gone.
 *
 * <p><b>Teardown.</b> The owner must call {@link #close()} when the instance ends; it returns
 * the number of leaked frames. (Not {@link AutoCloseable}: that would force {@code void close()}.)
 *
 * <p><b>Thread-safety.</b> Not thread-safe: confined to the thread that runs the instance.
 * Payloads it returns are immutable and may be handed to other threads.
 */
public final class FrameTable {
    private final FrameLimits limits;
    private final CopyCounter copies;
    private final BufferPool buffers;
    private final Map<Integer, Frame> frames = new HashMap<>();
    private int lastHandle;
    private long liveBytes;
    private long retainedBytes;
    private boolean closed;
    private String lostIncoming;

    public FrameTable(FrameLimits limits, CopyCounter copies) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.copies = Objects.requireNonNull(copies, "copies");
        this.buffers = new BufferPool(limits.reusableBytes());
    }

    public FrameLimits limits() {
        return limits;
    }

    /** The instance's reusable host arrays (for its socket reads, and for the bench's figures). */
    public BufferPool buffers() {
        return buffers;
    }

    /**
     * A new, empty, writable frame.
     *
     * @param capacity the guest's size hint ({@code u64}); sizes the buffer when a second
     *                 write needs one, never allocated up front
     * @throws ConnectorException {@code FRAME_BOUNDS} if negative (an unsigned value of 2^63 or
     *                            more), {@code FRAME_LIMIT_EXCEEDED} if larger than the
     *                            per-frame limit or if the table holds the maximum of frames
     */
    public int frameNew(long capacity) {
        ensureOpen();
        if (capacity < 0) {
            throw error(ErrorCodes.FRAME_BOUNDS, "frame-new: capacity " + Long.toUnsignedString(capacity)
                    + " is not a valid size");
        }
        if (capacity > limits.maxFrameBytes()) {
            throw error(ErrorCodes.FRAME_LIMIT_EXCEEDED, "frame-new: capacity " + capacity
                    + " bytes exceeds the per-frame limit of " + limits.maxFrameBytes() + " bytes");
        }
        checkFrameCount("frame-new");
        return register(new Frame(capacity));
    }

    /**
     * Appends {@code chunk} to a writable frame. Ownership of {@code chunk} passes to the
     * table: the caller must not touch the array afterwards (the first chunk of a frame becomes
     * its buffer as-is).
     *
     * @return the frame's new length
     * @throws ConnectorException as {@link #frameWrite(int, ChunkSource)}
     */
    public long frameWrite(int handle, byte[] chunk) {
        Objects.requireNonNull(chunk, "chunk");
        return frameWrite(handle, new ChunkSource() {
            @Override
            public int length() {
                return chunk.length;
            }

            @Override
            public void copyInto(byte[] target, int offset) {
                System.arraycopy(chunk, 0, target, offset, chunk.length);
                copies.addInternal(chunk.length);
            }

            @Override
            public byte[] toNewArray() {
                return chunk;
            }
        });
    }

    /**
     * Appends the bytes of {@code chunk} to a writable frame, copying them once: the first chunk
     * of a frame into the smallest kept array that fits it if the pool has one,
     * else into a new array of its size; later chunks into the frame's buffer.
     *
     * @return the frame's new length
     * @throws ConnectorException {@code INVALID_FRAME_HANDLE}, {@code FRAME_ALREADY_SEALED},
     *                            {@code FRAME_LIMIT_EXCEEDED} (per frame or in total; the frame
     *                            is left unchanged and nothing is copied)
     */
    public long frameWrite(int handle, ChunkSource chunk) {
        Objects.requireNonNull(chunk, "chunk");
        int length = chunk.length();
        Frame frame = lookup(handle);
        if (frame.isSealed()) {
            throw error(ErrorCodes.FRAME_ALREADY_SEALED, "frame-write: frame " + handle + " is sealed");
        }
        long newLength = (long) frame.length() + length;
        if (newLength > limits.maxFrameBytes()) {
            throw error(ErrorCodes.FRAME_LIMIT_EXCEEDED, "frame-write: writing " + length
                    + " bytes to frame " + handle + " (" + frame.length() + " bytes) would exceed the per-frame limit of "
                    + limits.maxFrameBytes() + " bytes");
        }
        checkTotal("frame-write to frame " + handle, length);
        long retainedBefore = frame.retained();
        long ceiling = limits.maxTotalBytes() - (retainedBytes - retainedBefore);
        frame.append(chunk, buffers, ceiling, limits.maxFrameBytes(), copies);
        retainedBytes += frame.retained() - retainedBefore;
        liveBytes += length;
        return frame.length();
    }

    /**
     * Freezes a writable frame (no copy).
     *
     * @throws ConnectorException {@code INVALID_FRAME_HANDLE}, {@code FRAME_ALREADY_SEALED}
     */
    public void frameSeal(int handle) {
        Frame frame = lookup(handle);
        if (frame.isSealed()) {
            throw error(ErrorCodes.FRAME_ALREADY_SEALED, "frame-seal: frame " + handle + " is already sealed");
        }
        frame.seal();
    }

    /**
     * Current length of a writable or sealed frame.
     *
     * @throws ConnectorException {@code INVALID_FRAME_HANDLE}
     */
    public long frameLen(int handle) {
        return lookup(handle).length();
    }

    /**
     * A view of {@code len} bytes at {@code offset} of a sealed frame; no copy (the ABI layer
     * makes the one copy into guest memory). Valid until the frame is dropped: its array may then
     * be reused.
     *
     * @throws ConnectorException {@code INVALID_FRAME_HANDLE}, {@code FRAME_NOT_SEALED},
     *                            {@code FRAME_BOUNDS} (negative values, i.e. unsigned values of
     *                            2^63 or more, or a range ending past the frame)
     */
    public FramePayload frameRead(int handle, long offset, long len) {
        Frame frame = lookup(handle);
        if (!frame.isSealed()) {
            throw error(ErrorCodes.FRAME_NOT_SEALED, "frame-read: frame " + handle + " is not sealed");
        }
        int length = frame.length();
        if (offset < 0 || len < 0 || offset > length || len > length - offset) {
            throw error(ErrorCodes.FRAME_BOUNDS, "frame-read: range offset " + Long.toUnsignedString(offset)
                    + " length " + Long.toUnsignedString(len) + " is outside frame " + handle
                    + " of " + length + " bytes");
        }
        return frame.payload().slice(offset, len);
    }

    /**
     * Releases a frame in any state ({@code frame-drop} and {@code [resource-drop]frame}).
     *
     * @throws ConnectorException {@code INVALID_FRAME_HANDLE}
     */
    public void frameDrop(int handle) {
        Frame frame = lookup(handle);
        remove(handle);
        reuse(frame);
    }

    /**
     * Removes a sealed frame and returns its bytes for good ({@code emit-batch},
     * {@code emit-dlq-row}: they leave the instance, so their array is never reused). A frame
     * written into a larger array (a kept one, or one grown for several writes) leaves as an
     * exact copy, counted as {@link CopyCounter#addInternal internal}, since what takes it
     * (a Kafka record value) needs an array of exactly its bytes; the larger array stays with the
     * table for reuse. The handle is gone afterwards even when this throws, as {@code own<frame>}
     * requires.
     *
     * @throws ConnectorException {@code INVALID_FRAME_HANDLE}, {@code FRAME_NOT_SEALED}
     */
    public FramePayload consume(int handle) {
        Frame frame = removeSealed(handle);
        FramePayload payload = frame.payload();
        if (!frame.holdsSpareOwnedCapacity()) {
            return payload;
        }
        FramePayload exact = FramePayload.wrap(payload.toByteArray());
        copies.addInternal(payload.length());
        reuse(frame);
        return exact;
    }

    /**
     * Removes a sealed frame and lets {@code use} read its bytes during this call only
     * ({@code socket-write-frame}: the socket has taken every byte, or failed, when the call
     * returns); then the frame's array is reused if the table alone held it. {@code use} must not
     * keep the payload or any view of it. The handle is gone afterwards even when this throws.
     *
     * @return what {@code use} returned
     * @throws ConnectorException {@code INVALID_FRAME_HANDLE}, {@code FRAME_NOT_SEALED}, or what
     *                            {@code use} threw
     */
    public long consumeTransiently(int handle, ToLongFunction<FramePayload> use) {
        Frame frame = removeSealed(handle);
        try {
            return use.applyAsLong(frame.payload());
        } finally {
            reuse(frame);
        }
    }

    /** Removes a frame that must be sealed; an unsealed one is dropped (its handle gone) with FRAME_NOT_SEALED. */
    private Frame removeSealed(int handle) {
        Frame frame = lookup(handle);
        remove(handle);
        if (!frame.isSealed()) {
            reuse(frame);
            throw error(ErrorCodes.FRAME_NOT_SEALED, "frame " + handle
                    + " was consumed before it was sealed; it has been dropped");
        }
        return frame;
    }

    /**
     * A new sealed frame over existing bytes ({@code next-batch}); no copy. The payload counts
     * against the limits like any frame. Its array is never reused: others may hold it.
     *
     * @throws ConnectorException {@code FRAME_LIMIT_EXCEEDED}
     */
    public int adopt(FramePayload payload) {
        return adopt(payload, false);
    }

    /**
     * Like {@link #adopt}, for a payload whose array the caller hands over for good (a socket
     * read's receive buffer): once the frame is dropped the array goes back to {@link #buffers()}.
     *
     * @throws ConnectorException {@code FRAME_LIMIT_EXCEEDED}
     */
    public int adoptOwned(FramePayload payload) {
        return adopt(payload, true);
    }

    private int adopt(FramePayload payload, boolean owned) {
        Objects.requireNonNull(payload, "payload");
        ensureOpen();
        try {
            if (payload.length() > limits.maxFrameBytes()) {
                throw error(ErrorCodes.FRAME_LIMIT_EXCEEDED, "incoming frame of " + payload.length()
                        + " bytes exceeds the per-frame limit of " + limits.maxFrameBytes() + " bytes");
            }
            checkFrameCount("incoming frame");
            checkTotal("incoming frame", payload.length());
        } catch (ConnectorException e) {
            if (lostIncoming == null) {
                lostIncoming = e.error().message();
            }
            throw e;
        }
        Frame frame = new Frame(payload, owned);
        liveBytes += payload.length();
        retainedBytes += frame.retained();
        return register(frame);
    }

    /**
     * Why the first incoming frame that broke a limit was refused, or null if none was. Its
     * bytes (a batch, a socket read) are gone, so the instance must not confirm anything
     * afterwards: the host refuses its checkpoints and fails the run (ABI.md section 1).
     */
    public String lostIncoming() {
        return lostIncoming;
    }

    /** Frames currently live (writable or sealed). */
    public int liveFrames() {
        return frames.size();
    }

    /** Sum of the lengths of all live frames; this is what {@code maxTotalBytes} limits. */
    public long liveBytes() {
        return liveBytes;
    }

    /** Host memory the live frames keep reachable, spare buffer capacity included. */
    public long retainedBytes() {
        return retainedBytes;
    }

    /**
     * Frees every frame. Idempotent; afterwards {@link #frameNew} and {@link #adopt} fail with
     * {@link IllegalStateException} and every handle is invalid.
     *
     * @return how many frames were still live (leaked by the guest); 0 on later calls
     */
    public int close() {
        int leaked = frames.size();
        frames.clear();
        liveBytes = 0;
        retainedBytes = 0;
        closed = true;
        return leaked;
    }

    private int register(Frame frame) {
        if (lastHandle == Integer.MAX_VALUE) {
            // Handles are never reused, so the space is finite (2^31 - 1 frames per instance).
            throw error(ErrorCodes.FRAME_LIMIT_EXCEEDED, "frame handle space exhausted after "
                    + Integer.MAX_VALUE + " frames");
        }
        int handle = ++lastHandle;
        frames.put(handle, frame);
        return handle;
    }

    private void remove(int handle) {
        Frame frame = frames.remove(handle);
        liveBytes -= frame.length();
        retainedBytes -= frame.retained();
    }

    /** Gives a frame's array back to the pool once the frame is gone and its bytes are done with. */
    private void reuse(Frame frame) {
        byte[] array = frame.reusableArray();
        if (array != null && !closed) {
            buffers.give(array);
        }
    }

    private Frame lookup(int handle) {
        Frame frame = frames.get(handle);
        if (frame == null) {
            String why = handle == 0 ? " (0 is never a handle)"
                    : handle > 0 && handle <= lastHandle ? " (already dropped or consumed)"
                    : " (never issued)";
            throw error(ErrorCodes.INVALID_FRAME_HANDLE, "frame handle " + handle + " is not live" + why);
        }
        return frame;
    }

    private void checkFrameCount(String what) {
        if (frames.size() >= limits.maxLiveFrames()) {
            throw error(ErrorCodes.FRAME_LIMIT_EXCEEDED, what + ": " + frames.size()
                    + " frames are live, the limit is " + limits.maxLiveFrames());
        }
    }

    private void checkTotal(String what, long adding) {
        if (liveBytes + adding > limits.maxTotalBytes()) {
            throw error(ErrorCodes.FRAME_LIMIT_EXCEEDED, what + ": adding " + adding + " bytes to "
                    + liveBytes + " live frame bytes would exceed the instance limit of "
                    + limits.maxTotalBytes() + " bytes");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("frame table is closed");
        }
    }

    private static ConnectorException error(String code, String message) {
        return new ConnectorException(ConnectorError.frame(code, message));
    }
}
