package io.rapidbyte.sdk.arrow;

/**
 * List column. Row i's elements are rows {@code [start(i), end(i))} of {@link #child()}.
 * Null rows have an empty range.
 */
public final class ListColumn extends Column {
    private final int offsetsPos;
    private final Column child;

    ListColumn(Field field, int length, int nullCount, byte[] data, int validityPos, int offsetsPos, Column child) {
        super(field, length, nullCount, data, validityPos);
        this.offsetsPos = offsetsPos;
        this.child = child;
    }

    /** The element column (its type is the element field's). */
    public Column child() {
        return child;
    }

    /** Index in {@link #child()} of row i's first element. */
    public int start(int i) {
        checkIndex(i);
        return LittleEndian.getInt(data, offsetsPos + 4 * i);
    }

    /** Index in {@link #child()} just past row i's last element. */
    public int end(int i) {
        checkIndex(i);
        return LittleEndian.getInt(data, offsetsPos + 4 * i + 4);
    }

    /** Number of elements of row i. */
    public int valueCount(int i) {
        return end(i) - start(i);
    }

    /** Absolute position in {@link #array()} of the n + 1 int32 offsets into {@link #child()}. */
    public int offsetsPosition() {
        return offsetsPos;
    }
}
