package io.rapidbyte.host.abi;

import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;

/**
 * Reader for the return area of a guest export returning {@code result<T, connector-error>}
 * (ABI.md section 4): the export returns its address; byte 0 is the discriminant, the payload
 * or the error record starts at offset 8.
 *
 * <p>Everything is copied out before the host calls {@code cabi_post_*}, after which the guest
 * may free the area. Bad addresses become {@code FRAME_BOUNDS} errors. Not thread-safe.
 */
public final class ExportReturn {
    public static final int PAYLOAD = 8;

    private final GuestMemory memory;
    private final int address;
    private final boolean ok;

    private ExportReturn(GuestMemory memory, int address, boolean ok) {
        this.memory = memory;
        this.address = address;
        this.ok = ok;
    }

    /** Export return areas are at least this big and 8-aligned (ABI.md section 1). */
    public static final int SIZE = 64;
    public static final int ALIGN = 8;

    /**
     * @throws ConnectorException {@code FRAME_BOUNDS} if the 64-byte area is outside memory,
     *         {@code INVALID_ARGUMENT} if it is misaligned or the discriminant is neither 0 nor 1
     */
    public static ExportReturn at(GuestMemory memory, int address) {
        if (Integer.remainderUnsigned(address, ALIGN) != 0) {
            throw ConnectorErrorCodec.invalid("export return area " + Integer.toUnsignedString(address)
                    + " is not 8-aligned");
        }
        memory.checkRange(address, SIZE);
        boolean err = CanonicalEnums.optionTag(memory.readU8(address), "result discriminant");
        return new ExportReturn(memory, address, !err);
    }

    public int address() {
        return address;
    }

    public boolean isOk() {
        return ok;
    }

    /** The error record; only valid when {@link #isOk()} is false. */
    public ConnectorError error() {
        if (ok) {
            throw new IllegalStateException("result is ok");
        }
        return ConnectorErrorCodec.read(memory, address + PAYLOAD);
    }

    /** A string whose (ptr, len) lives at {@code offset}, copied out. */
    public String string(int offset) {
        return memory.readString(memory.readI32(address + offset), memory.readI32(address + offset + 4));
    }

    /** A u64 at {@code offset}. */
    public long u64(int offset) {
        return memory.readI64(address + offset);
    }

    /** A one-byte enum or bool at {@code offset}. */
    public int u8(int offset) {
        return memory.readU8(address + offset);
    }
}
