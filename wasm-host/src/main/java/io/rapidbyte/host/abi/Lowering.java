package io.rapidbyte.host.abi;

import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCodes;
import io.rapidbyte.sdk.text.Utf8;

/**
 * Host → guest transfer of lists and strings: memory comes from the guest's
 * {@code cabi_realloc(0, 0, align, size)} and belongs to the guest afterwards (ABI.md section 1).
 *
 * <p>A zero-length value is passed as {@code (ptr = align, len = 0)} without calling the
 * allocator. A pointer the allocator returns that is null, misaligned or outside memory is a
 * {@code FRAME_IO_FAILED} error. Not thread-safe.
 */
public final class Lowering {
    private final GuestMemory memory;
    private final GuestAllocator allocator;

    public Lowering(GuestMemory memory, GuestAllocator allocator) {
        this.memory = memory;
        this.allocator = allocator;
    }

    public GuestMemory memory() {
        return memory;
    }

    /**
     * Allocates {@code size} bytes at {@code align} in guest memory. Calls back into the guest.
     *
     * @throws ConnectorException {@code FRAME_IO_FAILED} when the allocator's answer is unusable
     */
    public int allocate(int align, int size) {
        if (size == 0) {
            return align;
        }
        int ptr = allocator.realloc(0, 0, align, size);
        if (ptr == 0 || Integer.remainderUnsigned(ptr, align) != 0 || !memory.inBounds(ptr, size)) {
            throw new ConnectorException(ConnectorError.frame(ErrorCodes.FRAME_IO_FAILED,
                    "cabi_realloc(0, 0, " + align + ", " + size + ") returned unusable pointer "
                            + Integer.toUnsignedString(ptr)));
        }
        return ptr;
    }

    /** Copies {@code len} bytes of {@code src} into fresh guest memory (align 1, a {@code list<u8>}). */
    public GuestSlice bytes(byte[] src, int offset, int len) {
        int ptr = allocate(1, len);
        if (len > 0) {
            memory.write(ptr, src, offset, len);
        }
        return new GuestSlice(ptr, len);
    }

    /**
     * Copies a string into fresh guest memory as UTF-8.
     *
     * @throws IllegalArgumentException if {@code value} holds an unpaired surrogate (no UTF-8 form)
     */
    public GuestSlice string(String value) {
        byte[] utf8 = Utf8.encode(value);
        return bytes(utf8, 0, utf8.length);
    }
}
