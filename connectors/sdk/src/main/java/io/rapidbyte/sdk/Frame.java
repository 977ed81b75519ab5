package io.rapidbyte.sdk;

import io.rapidbyte.sdk.abi.Arena;
import io.rapidbyte.sdk.abi.Bounds;
import io.rapidbyte.sdk.abi.Host;

/**
 * A host-owned byte buffer, referenced by handle. Writable after {@link #create}, read-only after
 * {@link #seal()}. The bytes live in the host; only chunks explicitly written or read cross into
 * guest memory.
 *
 * <p>Ownership: this object owns its handle until {@link #drop()} (also {@link #close()}), or until
 * it is handed to {@link Context#emitBatch(Frame)} or a socket, which consume it. Any use after
 * that throws {@link IllegalStateException}. Not thread-safe.
 */
public final class Frame implements AutoCloseable {
    private int handle;

    private Frame(int handle) {
        this.handle = handle;
    }

    /** {@code frame-new}: a writable frame; {@code capacityHint} sizes the host's initial buffer. */
    public static Frame create(long capacityHint) {
        return new Frame(Host.frameNew(capacityHint));
    }

    /**
     * {@code frame-new}, one {@code frame-write} of {@code data[offset..offset+length)} and
     * {@code frame-seal}: a sealed frame of exactly those bytes, owned by the caller. If a step
     * fails the frame is dropped before the exception propagates, so nothing leaks.
     */
    public static Frame sealed(byte[] data, int offset, int length) {
        Frame frame = create(length);
        try {
            frame.write(data, offset, length);
            frame.seal();
        } catch (RuntimeException e) {
            frame.drop();
            throw e;
        }
        return frame;
    }

    /** Takes ownership of a handle the host returned (e.g. from {@code next-batch} or a socket read). */
    public static Frame adopt(int handle) {
        if (handle == 0) {
            throw new IllegalArgumentException("0 is never a frame handle");
        }
        return new Frame(handle);
    }

    /** The host handle; throws if the frame was dropped or consumed. */
    public int handle() {
        if (handle == 0) {
            throw new IllegalStateException("frame already dropped or consumed");
        }
        return handle;
    }

    /** False once dropped or consumed. */
    public boolean isLive() {
        return handle != 0;
    }

    /** Appends all of {@code data} in one {@code frame-write}; returns the frame's new length. */
    public long write(byte[] data) {
        return write(data, 0, data.length);
    }

    /** Appends {@code data[offset..offset+length)} in one {@code frame-write}; returns the new length. */
    public long write(byte[] data, int offset, int length) {
        return Host.frameWrite(handle(), data, offset, length);
    }

    /** {@code frame-seal}: makes the frame read-only and ready to emit. */
    public void seal() {
        Host.frameSeal(handle());
    }

    /** {@code frame-len}. */
    public long length() {
        return Host.frameLen(handle());
    }

    /**
     * Copies {@code length} bytes at {@code frameOffset} of this sealed frame into
     * {@code target[offset..]}, in as few {@code frame-read} calls as the arena allows.
     */
    public void read(long frameOffset, byte[] target, int offset, int length) {
        Bounds.check(target, offset, length);
        int h = handle();
        int chunk = Arena.maxChunk();
        int done = 0;
        while (done < length) {
            int n = Math.min(chunk, length - done);
            Host.frameRead(h, frameOffset + done, target, offset + done, n);
            done += n;
        }
    }

    /**
     * The whole content of this sealed frame as a new array.
     *
     * <p>Heap limit (measured, TeaVM 0.13.1): the collector can fail to grow the heap for a single
     * allocation larger than about half the current heap and then traps with "Out of memory" even far
     * below the maximum. Keep batches well under half the module's initial heap (16 MiB by default in
     * {@code rapidbyte-wasm-build}), or raise {@code rapidbyte.wasm.minHeap}.
     */
    public byte[] readAll() {
        long length = length();
        if (length > Integer.MAX_VALUE - 16) {
            throw ConnectorError.of(ErrorCategory.FRAME, "FRAME_TOO_LARGE", "frame of " + length
                    + " bytes does not fit a Java array").toException();
        }
        byte[] bytes = new byte[Bounds.arrayLength(length, "frame")];
        read(0, bytes, 0, bytes.length);
        return bytes;
    }

    /** {@code frame-drop}; does nothing if already dropped or consumed. */
    public void drop() {
        if (handle != 0) {
            int h = handle;
            handle = 0;
            Host.frameDrop(h);
        }
    }

    /** Same as {@link #drop()}. */
    @Override
    public void close() {
        drop();
    }

    /** Gives up ownership for a call that consumes the handle; the frame is dead afterwards. */
    int release() {
        int h = handle();
        handle = 0;
        return h;
    }
}
