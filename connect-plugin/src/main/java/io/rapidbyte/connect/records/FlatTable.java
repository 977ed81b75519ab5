package io.rapidbyte.connect.records;

import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked view of one FlatBuffers table inside a byte array: just enough of the
 * FlatBuffers wire format to read Arrow's IPC message headers without a FlatBuffers library.
 * Every offset read from the buffer is checked against the window of the enclosing message,
 * so hostile bytes end in {@link InvalidFrameException}, never in an
 * {@code ArrayIndexOutOfBoundsException} or a loop. Immutable; thread-safe.
 */
final class FlatTable {
    private final byte[] buf;
    private final int start;
    private final int end;
    private final int table;
    private final int vtable;
    private final int vtableSize;

    private FlatTable(byte[] buf, int start, int end, int table) {
        this.buf = buf;
        this.start = start;
        this.end = end;
        this.table = table;
        check(table, 4);
        long vt = (long) table - i32(table);
        if (vt < start || vt > end - 4) {
            throw new InvalidFrameException("flatbuffer vtable out of bounds");
        }
        this.vtable = (int) vt;
        this.vtableSize = u16(vtable);
        if (vtableSize < 4 || (vtableSize & 1) != 0) {
            throw new InvalidFrameException("flatbuffer vtable has bad size " + vtableSize);
        }
        check(vtable, vtableSize);
    }

    /** The root table of the flatbuffer occupying {@code buf[start, end)}. */
    static FlatTable root(byte[] buf, int start, int end) {
        if (end - start < 8) {
            throw new InvalidFrameException("flatbuffer of " + (end - start) + " bytes is too short");
        }
        return at(buf, start, end, start);
    }

    private static FlatTable at(byte[] buf, int start, int end, int offsetPosition) {
        long target = (long) offsetPosition + u32(buf, offsetPosition);
        if (target < start || target > end - 4) {
            throw new InvalidFrameException("flatbuffer offset out of bounds");
        }
        return new FlatTable(buf, start, end, (int) target);
    }

    /** Position of field {@code slot}'s inline value, or -1 when the field is absent. */
    private int field(int slot) {
        int entry = 4 + 2 * slot;
        if (entry + 2 > vtableSize) {
            return -1;
        }
        int offset = u16(vtable + entry);
        return offset == 0 ? -1 : table + offset;
    }

    boolean has(int slot) {
        return field(slot) >= 0;
    }

    int u8(int slot, int absent) {
        int p = field(slot);
        if (p < 0) {
            return absent;
        }
        check(p, 1);
        return buf[p] & 0xFF;
    }

    int i16(int slot, int absent) {
        int p = field(slot);
        if (p < 0) {
            return absent;
        }
        check(p, 2);
        return (short) u16(p);
    }

    int i32(int slot, int absent) {
        int p = field(slot);
        if (p < 0) {
            return absent;
        }
        check(p, 4);
        return i32(p);
    }

    long i64(int slot, long absent) {
        int p = field(slot);
        if (p < 0) {
            return absent;
        }
        check(p, 8);
        return (i32(p) & 0xFFFFFFFFL) | ((long) i32(p + 4) << 32);
    }

    boolean bool(int slot) {
        return u8(slot, 0) != 0;
    }

    /** A sub-table (or union value), or null when absent. */
    FlatTable table(int slot) {
        int p = field(slot);
        if (p < 0) {
            return null;
        }
        check(p, 4);
        return at(buf, start, end, p);
    }

    /** A string field, or null when absent. Invalid UTF-8 is replaced, not rejected. */
    String string(int slot) {
        int p = field(slot);
        if (p < 0) {
            return null;
        }
        int s = vectorStart(p, 1);
        return new String(buf, s + 4, (int) u32(buf, s), StandardCharsets.UTF_8);
    }

    /**
     * Length of a string field whose bytes are all ASCII (then it has one char per byte and
     * {@link #appendAscii} gives what {@link #string} would), or -1 when absent or not ASCII.
     */
    int asciiLength(int slot) {
        int p = field(slot);
        if (p < 0) {
            return -1;
        }
        int s = vectorStart(p, 1);
        int n = (int) u32(buf, s);
        for (int i = s + 4, e = s + 4 + n; i < e; i++) {
            if (buf[i] < 0) {
                return -1;
            }
        }
        return n;
    }

    /** Appends an ASCII string field ({@link #asciiLength} not -1) char by char, decoding nothing. */
    void appendAscii(int slot, StringBuilder out) {
        int s = vectorStart(field(slot), 1);
        for (int i = s + 4, e = s + 4 + (int) u32(buf, s); i < e; i++) {
            out.append((char) buf[i]);
        }
    }

    /** Number of elements of a vector field (0 when absent). */
    int vectorLength(int slot) {
        int p = field(slot);
        return p < 0 ? 0 : (int) u32(buf, vectorStart(p, 4));
    }

    /** Element {@code i} of a vector of tables. */
    FlatTable tableAt(int slot, int i) {
        int p = field(slot);
        int s = vectorStart(p, 4);
        if (i < 0 || i >= u32(buf, s)) {
            throw new InvalidFrameException("flatbuffer vector index " + i + " out of range");
        }
        return at(buf, start, end, s + 4 + 4 * i);
    }

    /** Element {@code i} of a vector of 32-bit integers. */
    int intAt(int slot, int i) {
        int p = field(slot);
        int s = vectorStart(p, 4);
        if (i < 0 || i >= u32(buf, s)) {
            throw new InvalidFrameException("flatbuffer vector index " + i + " out of range");
        }
        return i32(s + 4 + 4 * i);
    }

    /** Start of the vector/string whose offset is at {@code p}, checked to hold its elements. */
    private int vectorStart(int p, int elementSize) {
        check(p, 4);
        long s = (long) p + u32(buf, p);
        if (s < start || s > end - 4) {
            throw new InvalidFrameException("flatbuffer vector out of bounds");
        }
        long length = u32(buf, (int) s);
        if (length * elementSize > end - s - 4) {
            throw new InvalidFrameException("flatbuffer vector of " + length + " elements overruns its message");
        }
        return (int) s;
    }

    private void check(int position, int size) {
        if (position < start || position > end - size) {
            throw new InvalidFrameException("flatbuffer field out of bounds");
        }
    }

    private int u16(int p) {
        return (buf[p] & 0xFF) | (buf[p + 1] & 0xFF) << 8;
    }

    private int i32(int p) {
        return RecordLittleEndian.i32(buf, p);
    }

    private static long u32(byte[] b, int p) {
        return RecordLittleEndian.i32(b, p) & 0xFFFFFFFFL;
    }
}
