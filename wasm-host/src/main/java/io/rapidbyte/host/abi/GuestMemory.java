package io.rapidbyte.host.abi;

import com.dylibso.chicory.runtime.Memory;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import io.rapidbyte.sdk.text.Utf8;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Bounds-checked view of a guest's linear memory.
 *
 * <p>Guest pointers and lengths are unsigned 32-bit values that arrive in Java ints. Every
 * access is checked against the current memory size first, so a bad guest pointer becomes a
 * {@code FRAME_BOUNDS} {@link ConnectorException} instead of a Chicory out-of-bounds error
 * escaping from the middle of a host function.
 *
 * <p>Not thread-safe: it belongs to the thread that runs the guest.
 */
public final class GuestMemory {
    /** Wasm memory is little-endian, so its 8-byte words land in a Java array byte for byte this way. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final Memory memory;

    public GuestMemory(Memory memory) {
        this.memory = memory;
    }

    /** The underlying Chicory memory. */
    public Memory raw() {
        return memory;
    }

    /** Current size in bytes (the guest may grow it on any call into the guest). */
    public long size() {
        return (long) memory.pages() * Memory.PAGE_SIZE;
    }

    /** Whether {@code [ptr, ptr + len)} lies inside memory; both are read as unsigned. */
    public boolean inBounds(int ptr, long len) {
        long start = Integer.toUnsignedLong(ptr);
        return len >= 0 && start + len <= size();
    }

    /** Throws {@code FRAME_BOUNDS} unless {@code [ptr, ptr + len)} lies inside memory. */
    public void checkRange(int ptr, long len) {
        if (!inBounds(ptr, len)) {
            throw new ConnectorException(ConnectorError.frame(ErrorCodes.FRAME_BOUNDS,
                    "guest range [" + Integer.toUnsignedString(ptr) + ", +" + len
                            + ") is outside guest memory of " + size() + " bytes"));
        }
    }

    /** Copies {@code len} (unsigned) bytes out of guest memory into a new array. */
    public byte[] readBytes(int ptr, int len) {
        long length = Integer.toUnsignedLong(len);
        checkRange(ptr, length);
        return memory.readBytes(ptr, (int) length);
    }

    /**
     * Copies {@code len} (unsigned) bytes out of guest memory into {@code target} at
     * {@code offset}, allocating nothing. Chicory's {@code Memory} can only copy out into a new
     * array, so this moves 8-byte words ({@code readLong}, little-endian like wasm memory), then
     * the tail byte by byte.
     *
     * @throws IndexOutOfBoundsException if the bytes do not fit {@code target} at {@code offset}
     */
    public void readInto(int ptr, int len, byte[] target, int offset) {
        long length = Integer.toUnsignedLong(len);
        checkRange(ptr, length);
        Objects.checkFromIndexSize(offset, len, target.length);
        int i = 0;
        for (int words = len & ~7; i < words; i += 8) {
            LONGS.set(target, offset + i, memory.readLong(ptr + i));
        }
        for (; i < len; i++) {
            target[offset + i] = memory.read(ptr + i);
        }
    }

    /**
     * Reads a canonical-ABI string. Invalid UTF-8 is an {@code INVALID_ARGUMENT} error (ABI.md
     * section 6) rather than silently replaced, so the guest learns about its bug.
     */
    public String readString(int ptr, int len) {
        byte[] bytes = readBytes(ptr, len);
        try {
            return Utf8.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL,
                    ErrorCodes.INVALID_ARGUMENT, "string at " + Integer.toUnsignedString(ptr)
                            + " is not valid UTF-8 (" + e.getMessage() + ")"));
        }
    }

    /** Reads a string, replacing invalid UTF-8; for text that is only shown to humans. */
    public String readStringLossy(int ptr, int len) {
        byte[] bytes = readBytes(ptr, len);
        return Utf8.decodeForDisplay(bytes, 0, bytes.length);
    }

    public int readU8(int addr) {
        checkRange(addr, 1);
        return memory.read(addr) & 0xFF;
    }

    public int readI32(int addr) {
        checkRange(addr, 4);
        return memory.readInt(addr);
    }

    public long readI64(int addr) {
        checkRange(addr, 8);
        return memory.readLong(addr);
    }

    public void writeU8(int addr, int value) {
        checkRange(addr, 1);
        memory.writeByte(addr, (byte) value);
    }

    public void writeI32(int addr, int value) {
        checkRange(addr, 4);
        memory.writeI32(addr, value);
    }

    public void writeI64(int addr, long value) {
        checkRange(addr, 8);
        memory.writeLong(addr, value);
    }

    /** Copies {@code len} bytes of {@code src} starting at {@code offset} into guest memory. */
    public void write(int addr, byte[] src, int offset, int len) {
        checkRange(addr, len);
        memory.write(addr, src, offset, len);
    }
}
