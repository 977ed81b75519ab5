package io.rapidbyte.sdk.arrow;

/**
 * A decoded column of a record batch: a read-only view into the IPC input array. Nothing is
 * copied when a batch is decoded; accessors read the little-endian buffers in place. Buffer
 * sizes and offsets were validated when the batch was decoded, so accessors cannot read
 * outside this column's buffers.
 *
 * <p>Ownership: the view shares the caller's input array, which must not be modified while
 * the column is in use. Row indexes outside {@code [0, length())} throw
 * IndexOutOfBoundsException. Primitive accessors return the stored placeholder (usually 0)
 * for null rows; object accessors return null. Not thread-safe ({@link VarBinaryColumn}
 * reuses a decoding buffer); like the rest of the SDK, use a column from one thread.
 */
public abstract class Column {
    final Field field;
    final int length;
    final int nullCount;
    final byte[] data;
    /** Absolute position of the validity bitmap, or -1 when every row is valid. */
    final int validityPos;

    Column(Field field, int length, int nullCount, byte[] data, int validityPos) {
        this.field = field;
        this.length = length;
        this.nullCount = nullCount;
        this.data = data;
        this.validityPos = validityPos;
    }

    public final Field field() {
        return field;
    }

    public final ArrowType type() {
        return field.type();
    }

    /** Number of rows (for a list's child: number of elements of all lists). */
    public final int length() {
        return length;
    }

    public final int nullCount() {
        return nullCount;
    }

    /**
     * Absolute position in {@link #array()} of the validity bitmap (bit i set = row i valid), or -1
     * when every row is valid. For encoders that read the buffers in place, in bulk.
     */
    public final int validityPosition() {
        return validityPos;
    }

    public final boolean isNull(int i) {
        checkIndex(i);
        return validityPos >= 0 && (data[validityPos + (i >>> 3)] & (1 << (i & 7))) == 0;
    }

    /** The shared input array the column reads from. Do not modify. */
    public final byte[] array() {
        return data;
    }

    final void checkIndex(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("row " + i + " of " + length + " in field '" + field.name() + "'");
        }
    }
}
