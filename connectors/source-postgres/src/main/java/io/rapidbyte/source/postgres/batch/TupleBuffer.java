package io.rapidbyte.source.postgres.batch;

import io.rapidbyte.source.postgres.decode.Tuple;

/**
 * Copies of whole rows (their first {@code fieldCount} fields), for a group of rows that share a key
 * value and must land in the same batch. Grows to the largest group seen and is reused. Not
 * thread-safe.
 */
final class TupleBuffer {
    private final int fieldCount;
    private byte[] data = new byte[16 * 1024];
    private int dataLength;
    private int[] offsets;
    private int[] lengths;
    private int rows;
    private long rawBytes;
    private final Tuple view = new Tuple();

    TupleBuffer(int fieldCount) {
        this.fieldCount = fieldCount;
        this.offsets = new int[Math.max(1, fieldCount) * 16];
        this.lengths = new int[Math.max(1, fieldCount) * 16];
    }

    int rows() {
        return rows;
    }

    /** Sum of the non-NULL field lengths of the buffered rows. */
    long rawBytes() {
        return rawBytes;
    }

    void clear() {
        rows = 0;
        dataLength = 0;
        rawBytes = 0;
    }

    void add(Tuple t) {
        int slot = rows * fieldCount;
        if (slot + fieldCount > offsets.length) {
            int size = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(slot + fieldCount, 2L * offsets.length));
            offsets = grow(offsets, size, slot);
            lengths = grow(lengths, size, slot);
        }
        byte[] b = t.buffer;
        for (int f = 0; f < fieldCount; f++) {
            int len = t.lengths[t.base + f];
            lengths[slot + f] = len;
            offsets[slot + f] = dataLength;
            if (len > 0) {
                ensure(len);
                System.arraycopy(b, t.offsets[t.base + f], data, dataLength, len);
                dataLength += len;
                rawBytes += len;
            }
        }
        rows++;
    }

    /** A view of row {@code i}, valid until the next call of this method or {@link #add}. */
    Tuple row(int i) {
        if (i < 0 || i >= rows) {
            throw new IndexOutOfBoundsException("row " + i + " of " + rows);
        }
        return view.set(data, offsets, lengths, i * fieldCount);
    }

    private void ensure(int len) {
        long needed = (long) dataLength + len;
        if (needed > data.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("row group exceeds 2 GiB");
            }
            byte[] bigger = new byte[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, 2L * data.length))];
            System.arraycopy(data, 0, bigger, 0, dataLength);
            data = bigger;
        }
    }

    private static int[] grow(int[] a, int size, int used) {
        int[] bigger = new int[size];
        System.arraycopy(a, 0, bigger, 0, used);
        return bigger;
    }
}
