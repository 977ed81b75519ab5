package io.rapidbyte.postgres.wire.pgoutput;

/**
 * One pgoutput TupleData: per column a kind and, for text and binary values, a slice of the
 * message buffer (no copy). Valid only inside the {@link PgOutputHandler} call that receives it;
 * the decoder refills the same object for the next message. Not thread-safe.
 */
public final class TupleData {
    public static final byte NULL = 'n';
    /** An unchanged TOASTed value: the server did not send it (the row still holds it). */
    public static final byte UNCHANGED = 'u';
    public static final byte TEXT = 't';
    public static final byte BINARY = 'b';

    byte[] buffer;
    byte[] kinds = new byte[16];
    int[] offsets = new int[16];
    int[] lengths = new int[16];
    int columnCount;

    public int columnCount() {
        return columnCount;
    }

    /** {@link #NULL}, {@link #UNCHANGED}, {@link #TEXT} or {@link #BINARY}. */
    public byte kind(int column) {
        return kinds[column];
    }

    public byte[] buffer() {
        return buffer;
    }

    /** Start of column {@code column}'s value in {@link #buffer()} (text or binary only). */
    public int offset(int column) {
        return offsets[column];
    }

    /** Byte length of the value; -1 for null, -2 for unchanged TOAST. */
    public int length(int column) {
        return lengths[column];
    }

    /** The per-column offsets (the first {@link #columnCount()} are set). */
    public int[] offsets() {
        return offsets;
    }

    /** The per-column lengths: -1 null, -2 unchanged, else the value's length. */
    public int[] lengths() {
        return lengths;
    }

    /**
     * A copy of this tuple, in a buffer of its own, with {@code columns[i]} set to the binary value
     * {@code values[i]} (null: SQL NULL). The copy stays valid after the handler call.
     */
    public TupleData withValues(int[] columns, byte[][] values) {
        return withValues(columns, values, BINARY);
    }

    /**
     * {@link #withValues(int[], byte[][])} with values of {@code kind} ({@link #TEXT} for a
     * text-mode stream's values).
     */
    public TupleData withValues(int[] columns, byte[][] values, byte kind) {
        TupleData t = new TupleData();
        t.ensure(columnCount);
        t.columnCount = columnCount;
        System.arraycopy(kinds, 0, t.kinds, 0, columnCount);
        System.arraycopy(lengths, 0, t.lengths, 0, columnCount);
        for (int i = 0; i < columns.length; i++) {
            t.kinds[columns[i]] = values[i] == null ? NULL : kind;
            t.lengths[columns[i]] = values[i] == null ? -1 : values[i].length;
        }
        int total = 0;
        for (int c = 0; c < columnCount; c++) {
            total += Math.max(0, t.lengths[c]);
        }
        t.buffer = new byte[total];
        int p = 0;
        for (int c = 0; c < columnCount; c++) {
            int len = t.lengths[c];
            if (len < 0) {
                continue;
            }
            byte[] replaced = null;
            for (int i = 0; i < columns.length; i++) {
                if (columns[i] == c) {
                    replaced = values[i];
                }
            }
            if (replaced != null) {
                System.arraycopy(replaced, 0, t.buffer, p, len);
            } else {
                System.arraycopy(buffer, offsets[c], t.buffer, p, len);
            }
            t.offsets[c] = p;
            p += len;
        }
        return t;
    }

    void ensure(int n) {
        if (kinds.length < n) {
            kinds = new byte[n];
            offsets = new int[n];
            lengths = new int[n];
        }
    }
}
