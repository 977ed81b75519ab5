package io.rapidbyte.sdk;

import io.rapidbyte.sdk.abi.Bounds;
import java.io.OutputStream;

/**
 * Builds one frame's content in guest memory and moves it to the host in large pieces: for content
 * up to the flush threshold (4 MiB by default), {@link #finish()} makes exactly one
 * {@code frame-new} with the exact size, one {@code frame-write} and one {@code frame-seal}.
 * Larger content is streamed to the frame one threshold-sized piece at a time.
 *
 * <p>An {@link OutputStream}, so encoders (Arrow IPC, COPY text, ...) can write to it directly.
 * Reusable: {@link #finish()} and {@link #reset()} start a new frame and keep the buffer. Owned by
 * one caller; not thread-safe.
 */
public final class FrameWriter extends OutputStream {
    public static final int DEFAULT_INITIAL_CAPACITY = 64 * 1024;
    public static final int DEFAULT_FLUSH_THRESHOLD = 4 << 20;

    private final int flushThreshold;
    private byte[] buffer;
    private int count;
    private long spilled;
    private Frame frame;

    public FrameWriter() {
        this(DEFAULT_INITIAL_CAPACITY, DEFAULT_FLUSH_THRESHOLD);
    }

    /** @param flushThreshold bytes kept in guest memory before they are written to the host frame */
    public FrameWriter(int initialCapacity, int flushThreshold) {
        if (initialCapacity < 0 || flushThreshold <= 0) {
            throw new IllegalArgumentException("bad FrameWriter sizes " + initialCapacity + "/" + flushThreshold);
        }
        this.flushThreshold = flushThreshold;
        this.buffer = new byte[Math.min(initialCapacity, flushThreshold)];
    }

    @Override
    public void write(int b) {
        if (count == buffer.length) {
            makeRoom(1);
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        Bounds.check(data, offset, length);
        if (length > flushThreshold - count) {
            spill();
            if (length >= flushThreshold) {
                frame().write(data, offset, length);
                spilled += length;
                return;
            }
        }
        if (length > buffer.length - count) {
            makeRoom(length);
        }
        System.arraycopy(data, offset, buffer, count, length);
        count += length;
    }

    /** Bytes written since the last {@link #finish()} or {@link #reset()}. */
    public long size() {
        return spilled + count;
    }

    /**
     * Moves the remaining bytes to the host, seals the frame and returns it; the caller owns it
     * (usually passing it straight to {@link Context#emitBatch(Frame)}). The writer starts over.
     */
    public Frame finish() {
        if (frame == null) {
            frame = Frame.create(count);
        }
        Frame sealed = frame;
        frame = null;
        try {
            if (count > 0) {
                sealed.write(buffer, 0, count);
            }
            sealed.seal();
        } catch (RuntimeException e) {
            sealed.drop();
            throw e;
        } finally {
            count = 0;
            spilled = 0;
        }
        return sealed;
    }

    /** Discards everything written since the last finish, dropping a partly written host frame. */
    public void reset() {
        count = 0;
        spilled = 0;
        if (frame != null) {
            frame.drop();
            frame = null;
        }
    }

    private Frame frame() {
        if (frame == null) {
            frame = Frame.create(2L * flushThreshold);
        }
        return frame;
    }

    private void spill() {
        if (count > 0) {
            frame().write(buffer, 0, count);
            spilled += count;
            count = 0;
        }
    }

    private void makeRoom(int extra) {
        if (extra > flushThreshold - count) {
            spill();
        }
        int needed = count + extra;
        if (needed > buffer.length) {
            long grown = Math.max((long) buffer.length * 2, needed);
            byte[] bigger = new byte[(int) Math.min(grown, flushThreshold)];
            System.arraycopy(buffer, 0, bigger, 0, count);
            buffer = bigger;
        }
    }
}
