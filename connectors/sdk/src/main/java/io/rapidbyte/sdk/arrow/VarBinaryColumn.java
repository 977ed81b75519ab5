package io.rapidbyte.sdk.arrow;

import io.rapidbyte.sdk.text.Utf8;

/**
 * utf8 or binary column. Value i is the bytes {@code [valueOffset(i), valueOffset(i) + valueLength(i))}
 * of {@link #array()}: read them in place to avoid a copy, or use {@link #getBytes} /
 * {@link #getString}. Unlike other columns, not safe for concurrent reads (getString reuses a
 * scratch buffer).
 */
public final class VarBinaryColumn extends Column {
    private final int offsetsPos;
    private final int dataPos;
    /** Decoding scratch reused across getString calls, which makes this class not thread-safe. */
    private char[] scratch = new char[64];

    VarBinaryColumn(Field field, int length, int nullCount, byte[] data, int validityPos, int offsetsPos, int dataPos) {
        super(field, length, nullCount, data, validityPos);
        this.offsetsPos = offsetsPos;
        this.dataPos = dataPos;
    }

    /** Absolute position of value i's first byte in {@link #array()}. */
    public int valueOffset(int i) {
        checkIndex(i);
        return dataPos + LittleEndian.getInt(data, offsetsPos + 4 * i);
    }

    /** Byte length of value i (0 for null rows). */
    public int valueLength(int i) {
        checkIndex(i);
        int p = offsetsPos + 4 * i;
        return LittleEndian.getInt(data, p + 4) - LittleEndian.getInt(data, p);
    }

    /** A copy of value i, or null for a null row. */
    public byte[] getBytes(int i) {
        if (isNull(i)) {
            return null;
        }
        int n = valueLength(i);
        byte[] v = new byte[n];
        System.arraycopy(data, valueOffset(i), v, 0, n);
        return v;
    }

    /** Value i decoded as UTF-8, or null for a null row; malformed bytes are an {@link ArrowFormatException}. */
    public String getString(int i) {
        if (isNull(i)) {
            return null;
        }
        int n = valueLength(i);
        if (scratch.length < n) {
            scratch = new char[Math.max(n, 2 * scratch.length)];
        }
        try {
            return Utf8.decode(data, valueOffset(i), n, scratch);
        } catch (IllegalArgumentException e) {
            throw notUtf8(field().name(), i, e);
        }
    }

    private static synchronized ArrowFormatException notUtf8(String column, int row, IllegalArgumentException e) {
        return new ArrowFormatException("column \"" + column + "\" row " + row + ": " + e.getMessage());
    }

    /** Absolute position in {@link #array()} of the n + 1 int32 offsets (relative to {@link #dataPosition()}). */
    public int offsetsPosition() {
        return offsetsPos;
    }

    /** Absolute position in {@link #array()} of the data buffer the offsets point into. */
    public int dataPosition() {
        return dataPos;
    }
}
