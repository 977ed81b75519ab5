package io.rapidbyte.source.postgres.decode;

/**
 * The fields of one binary COPY row as views into a buffer: field {@code i} is
 * {@code buffer[offsets[base + i], offsets[base + i] + lengths[base + i])}, length -1 for NULL.
 * Plain fields rather than accessor methods: the decode loop reads them for every field of every
 * row, and in the TeaVM guest each non-inlined call that touches an array costs a shadow-stack frame.
 * Valid until the owner moves on to the next row. Mutable holder; not thread-safe.
 */
public final class Tuple {
    public byte[] buffer;
    public int[] offsets;
    public int[] lengths;
    public int base;

    public Tuple set(byte[] buffer, int[] offsets, int[] lengths, int base) {
        this.buffer = buffer;
        this.offsets = offsets;
        this.lengths = lengths;
        this.base = base;
        return this;
    }

    public int offset(int field) {
        return offsets[base + field];
    }

    /** Byte length of the field, -1 for NULL. */
    public int length(int field) {
        return lengths[base + field];
    }
}
