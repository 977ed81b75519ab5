package io.rapidbyte.host.abi;

import io.rapidbyte.host.types.ConnectorError;

/**
 * The return area an import writes its {@code result<T, connector-error>} into: 64 bytes,
 * 8-aligned, supplied by the guest as the trailing {@code retptr} (ABI.md section 1). Byte 0 is
 * the discriminant (0 = ok, 1 = err); payloads start at offset 8.
 *
 * <p>{@link #at} validates the pointer once. A return area outside memory or misaligned cannot
 * carry an error back, so it is an {@link AbiTrap}. Every {@code ok*} method writes the
 * discriminant last, after any allocation, so a payload is never half visible. Not
 * thread-safe.
 */
public final class ReturnArea {
    public static final int SIZE = 64;
    public static final int ALIGN = 8;
    public static final int PAYLOAD = 8;

    private static final int TAG_OK = 0;
    private static final int TAG_ERR = 1;

    private final Lowering lowering;
    private final GuestMemory memory;
    private final int retptr;

    private ReturnArea(Lowering lowering, int retptr) {
        this.lowering = lowering;
        this.memory = lowering.memory();
        this.retptr = retptr;
    }

    /**
     * @throws AbiTrap when {@code retptr} is misaligned or the 64 bytes are outside memory
     */
    public static ReturnArea at(Lowering lowering, int retptr) {
        if (Integer.remainderUnsigned(retptr, ALIGN) != 0 || !lowering.memory().inBounds(retptr, SIZE)) {
            throw new AbiTrap("return area " + Integer.toUnsignedString(retptr)
                    + " is not an 8-aligned 64-byte area inside guest memory");
        }
        return new ReturnArea(lowering, retptr);
    }

    public int address() {
        return retptr;
    }

    /** {@code ok(_)}. */
    public void ok() {
        memory.writeU8(retptr, TAG_OK);
    }

    /** {@code ok(u64)} at offset 8. */
    public void okU64(long value) {
        memory.writeI64(retptr + PAYLOAD, value);
        ok();
    }

    /** {@code ok(i32)} at offset 8: a handle. */
    public void okI32(int value) {
        memory.writeI32(retptr + PAYLOAD, value);
        ok();
    }

    /** {@code ok(bool)}: one byte at offset 8. */
    public void okBool(boolean value) {
        memory.writeU8(retptr + PAYLOAD, value ? 1 : 0);
        ok();
    }

    /** {@code ok(list<u8>)} / {@code ok(string)}: ptr at 8, len at 12. */
    public void okSlice(GuestSlice slice) {
        memory.writeI32(retptr + PAYLOAD, slice.ptr());
        memory.writeI32(retptr + PAYLOAD + 4, slice.len());
        ok();
    }

    /** {@code ok(option<i32-sized>)}: tag at 8, value at 12. */
    public void okOptionI32(boolean present, int value) {
        memory.writeU8(retptr + PAYLOAD, present ? 1 : 0);
        memory.writeI32(retptr + PAYLOAD + 4, present ? value : 0);
        ok();
    }

    /** {@code ok(option<string>)}: tag at 8, ptr at 12, len at 16; {@code null} is none. */
    public void okOptionSlice(GuestSlice slice) {
        memory.writeU8(retptr + PAYLOAD, slice == null ? 0 : 1);
        memory.writeI32(retptr + PAYLOAD + 4, slice == null ? 0 : slice.ptr());
        memory.writeI32(retptr + PAYLOAD + 8, slice == null ? 0 : slice.len());
        ok();
    }

    /**
     * {@code ok(variant)} whose cases carry nothing or one i32: case index at 8 (one byte),
     * payload at 12 (the variant's alignment is 4).
     */
    public void okVariant(int caseIndex, int payload) {
        memory.writeU8(retptr + PAYLOAD, caseIndex);
        memory.writeI32(retptr + PAYLOAD + 4, payload);
        ok();
    }

    /**
     * {@code err(connector-error)} with its strings allocated through {@code cabi_realloc}.
     *
     * @throws io.rapidbyte.host.types.ConnectorException {@code FRAME_IO_FAILED} when the guest
     *         cannot allocate the strings
     */
    public void err(ConnectorError error) {
        ConnectorErrorCodec.write(lowering, retptr + PAYLOAD, error);
        memory.writeU8(retptr, TAG_ERR);
    }
}
