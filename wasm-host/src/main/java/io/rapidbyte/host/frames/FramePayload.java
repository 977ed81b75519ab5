package io.rapidbyte.host.frames;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * The bytes of a sealed frame: an immutable window {@code [offset, offset + length)} over a
 * byte array. Payloads travel between frame tables, stage channels and sockets without being
 * copied; several payloads (and slices) may share one array.
 *
 * <p><b>Ownership.</b> Whoever wraps an array hands it over for good: neither they nor anybody
 * who later obtains the array through {@link #array()} or {@link #toByteArray()} may modify it.
 * Nothing enforces this (enforcing it would cost a copy), so treat those two accessors as
 * read-only views.
 *
 * <p><b>Thread-safety.</b> Immutable, hence safe to share between threads once published (the
 * stage channels publish it safely).
 */
public final class FramePayload {
    /** The empty payload (what sealing a frame that was never written yields). */
    public static final FramePayload EMPTY = new FramePayload(new byte[0], 0, 0);

    private final byte[] array;
    private final int offset;
    private final int length;

    private FramePayload(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /** The whole array, adopted without copying; the caller must not modify it afterwards. */
    public static FramePayload wrap(byte[] array) {
        Objects.requireNonNull(array, "array");
        return new FramePayload(array, 0, array.length);
    }

    /**
     * A window over {@code array}, adopted without copying; the caller must not modify it
     * afterwards.
     *
     * @throws IndexOutOfBoundsException if the window does not lie inside the array
     */
    public static FramePayload wrap(byte[] array, int offset, int length) {
        Objects.requireNonNull(array, "array");
        Objects.checkFromIndexSize(offset, length, array.length);
        return new FramePayload(array, offset, length);
    }

    /** The backing array (shared, not a copy; never modify it). */
    public byte[] array() {
        return array;
    }

    /** Where this payload starts in {@link #array()}. */
    public int offset() {
        return offset;
    }

    /** Number of bytes. */
    public int length() {
        return length;
    }

    /** A read-only view of exactly these bytes (position 0, limit {@code length}); no copy. */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(array, offset, length).slice().asReadOnlyBuffer();
    }

    /**
     * These bytes as an array of exactly {@code length} bytes. When the payload spans its whole
     * backing array that array itself is returned (no copy) and the caller must never modify
     * it; otherwise the result is a fresh copy. Callers that need a private, mutable array
     * must copy it themselves.
     */
    public byte[] toByteArray() {
        if (offset == 0 && length == array.length) {
            return array;
        }
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /**
     * A sub-window, sharing the same array (no copy). Offsets are relative to this payload.
     *
     * @throws IndexOutOfBoundsException if {@code off} or {@code len} is negative or the range
     *                                   ends past {@link #length()}
     */
    public FramePayload slice(long off, long len) {
        if (off < 0 || len < 0 || off > length || len > length - off) {
            throw new IndexOutOfBoundsException(
                    "slice [" + off + ", +" + len + ") outside payload of " + length + " bytes");
        }
        if (off == 0 && len == length) {
            return this;
        }
        return new FramePayload(array, offset + (int) off, (int) len);
    }

    /** Byte at {@code index} (relative to this payload); for tests and diagnostics. */
    public byte byteAt(int index) {
        Objects.checkIndex(index, length);
        return array[offset + index];
    }

    /** Content equality (compares bytes, not arrays). */
    @Override
    public boolean equals(Object o) {
        return o instanceof FramePayload p
                && Arrays.equals(array, offset, offset + length, p.array, p.offset, p.offset + p.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + array[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return "FramePayload[" + length + " bytes]";
    }
}
