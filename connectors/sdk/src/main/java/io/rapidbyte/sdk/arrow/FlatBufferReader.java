package io.rapidbyte.sdk.arrow;

import io.rapidbyte.sdk.text.Utf8;

/**
 * Bounds-checked FlatBuffers decoding over {@code bytes[start, end)}: the minimal subset needed
 * for Arrow's Message.fbs and Schema.fbs. All positions are absolute indices into the array.
 *
 * <p>Every read is validated against the region, so hostile metadata produces an
 * {@link ArrowFormatException} and never an out-of-bounds access. Each getter takes a
 * {@code what} label (for example {@code "Field.name"}) that is used in the error message.
 * Stateless apart from the region; safe to share, but the SDK uses it from one thread.
 */
final class FlatBufferReader {
    private final byte[] b;
    private final int start;
    private final int end;
    /**
     * Bytes of strings and table references decoded so far, and the most a well-formed buffer
     * can need. Genuine metadata decodes each object once, so the total stays below the region
     * size; hostile metadata that makes many vectors share one subtree (or a cycle) would
     * otherwise cost time exponential in the nesting depth.
     */
    private long work;
    private final long workLimit;

    FlatBufferReader(byte[] bytes, int start, int end) {
        this.b = bytes;
        this.start = start;
        this.end = end;
        this.workLimit = 2L * (end - start) + 64;
    }

    /** The root table's position. */
    int root() {
        return deref(start, "root table");
    }

    // ---- tables ----

    /**
     * Position of a table field, or -1 when absent (the schema default applies). Checks that
     * {@code size} bytes of the field lie inside the table and the region.
     */
    private int field(int table, int slot, int size, String what) {
        need(table, 4, what);
        long vt = (long) table - LittleEndian.getInt(b, table);
        if (vt < start || vt > end - 4) {
            throw bad(what, "vtable outside metadata");
        }
        int vtable = (int) vt;
        int vtSize = LittleEndian.getShortUnsigned(b, vtable);
        int tableSize = LittleEndian.getShortUnsigned(b, vtable + 2);
        if (vtSize < 4 || (vtSize & 1) != 0 || vtable + vtSize > end) {
            throw bad(what, "invalid vtable size " + vtSize);
        }
        if (tableSize < 4 || table + tableSize > end) {
            throw bad(what, "invalid table size " + tableSize);
        }
        int entry = 4 + 2 * slot;
        if (entry + 2 > vtSize) {
            return -1;
        }
        int off = LittleEndian.getShortUnsigned(b, vtable + entry);
        if (off == 0) {
            return -1;
        }
        if (off < 4 || off + size > tableSize) {
            throw bad(what, "field offset " + off + " outside table of " + tableSize + " bytes");
        }
        return table + off;
    }

    boolean has(int table, int slot, String what) {
        return field(table, slot, 1, what) >= 0;
    }

    int getByte(int table, int slot, int dflt, String what) {
        int p = field(table, slot, 1, what);
        return p < 0 ? dflt : b[p] & 0xFF;
    }

    boolean getBool(int table, int slot, boolean dflt, String what) {
        int p = field(table, slot, 1, what);
        return p < 0 ? dflt : b[p] != 0;
    }

    int getShort(int table, int slot, int dflt, String what) {
        int p = field(table, slot, 2, what);
        return p < 0 ? dflt : (short) LittleEndian.getShortUnsigned(b, p);
    }

    int getInt(int table, int slot, int dflt, String what) {
        int p = field(table, slot, 4, what);
        return p < 0 ? dflt : LittleEndian.getInt(b, p);
    }

    long getLong(int table, int slot, long dflt, String what) {
        int p = field(table, slot, 8, what);
        return p < 0 ? dflt : LittleEndian.getLong(b, p);
    }

    /** Position of a referenced table or vector, or -1 when absent. */
    int getRef(int table, int slot, String what) {
        int p = field(table, slot, 4, what);
        return p < 0 ? -1 : deref(p, what);
    }

    /** A string field, or null when absent. */
    String getString(int table, int slot, String what) {
        int s = getRef(table, slot, what);
        return s < 0 ? null : string(s, what);
    }

    // ---- vectors ----

    /** Number of elements of the vector at {@code vec}, checked to fit the region. */
    int vectorLength(int vec, int elementSize, String what) {
        need(vec, 4, what);
        int n = LittleEndian.getInt(b, vec);
        if (n < 0 || (long) n * elementSize > (long) end - vec - 4) {
            throw bad(what, "vector length " + n + " exceeds metadata");
        }
        return n;
    }

    /** Position of element {@code i} of a vector of tables or strings. */
    int tableAt(int vec, int i, String what) {
        charge(4, what);
        return deref(vec + 4 + 4 * i, what);
    }

    /** Reads a long at byte {@code offsetInElement} of struct element {@code i}; length was checked by {@link #vectorLength}. */
    long structLong(int vec, int i, int elementSize, int offsetInElement) {
        return LittleEndian.getLong(b, vec + 4 + i * elementSize + offsetInElement);
    }

    String string(int s, String what) {
        need(s, 4, what);
        int n = LittleEndian.getInt(b, s);
        if (n < 0 || n > end - s - 4) {
            throw bad(what, "string length " + n + " exceeds metadata");
        }
        charge(4L + n, what);
        try {
            return Utf8.decode(b, s + 4, n);
        } catch (IllegalArgumentException e) {
            throw bad(what, e.getMessage());
        }
    }

    // ---- helpers ----

    private int deref(int p, String what) {
        need(p, 4, what);
        int rel = LittleEndian.getInt(b, p);
        // uoffsets are unsigned and point forward; anything past the region is corrupt.
        if (rel < 0 || rel > end - p - 4) {
            throw bad(what, "offset " + (rel & 0xFFFFFFFFL) + " outside metadata");
        }
        return p + rel;
    }

    private void charge(long bytes, String what) {
        work += bytes;
        if (work > workLimit) {
            throw bad(what, "objects referenced more often than the metadata size allows (shared or cyclic tables)");
        }
    }

    private void need(int p, int n, String what) {
        if (p < start || p > end - n) {
            throw bad(what, "read of " + n + " bytes at " + (p - start) + " outside metadata of " + (end - start) + " bytes");
        }
    }

    private static ArrowFormatException bad(String what, String detail) {
        return new ArrowFormatException("invalid IPC metadata (" + what + "): " + detail);
    }
}
