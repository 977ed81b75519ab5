package io.rapidbyte.sdk.arrow;

import io.rapidbyte.sdk.text.Utf8;

/**
 * Minimal FlatBuffers encoder covering what Arrow's Schema.fbs and Message.fbs need: tables,
 * scalars, strings, vectors of offsets and vectors of 16-byte structs.
 *
 * <p>FlatBuffers offsets ({@code uoffset_t}) must point forward, so objects are written back to
 * front: the buffer fills from its end towards index 0 and every object a table refers to is
 * written before the table. A "reference" returned by this class is the object's distance from
 * the end of the buffer, which stays valid when the buffer grows at the front.
 *
 * <p>Alignment is computed relative to the end; {@link #finish} pads the total size to the
 * largest alignment used, so the finished bytes are correctly aligned when copied to any
 * 8-aligned position. Vtables are not deduplicated (Arrow messages are tiny).
 *
 * <p>Not thread-safe; reusable after {@link #clear()}.
 */
final class FlatBufferWriter {
    private byte[] buf;
    /** Index of the first used byte; the data is {@code buf[space .. buf.length)}. */
    private int space;
    private int minAlign;
    private int[] slots = new int[8];
    private int slotCount;
    /** Offset at which the open table started, or -1 when no table is open. */
    private int tableStart = -1;

    FlatBufferWriter(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
        clear();
    }

    void clear() {
        space = buf.length;
        minAlign = 4;
        tableStart = -1;
    }

    /** Bytes written so far, i.e. the reference of the most recently written object. */
    int offset() {
        return buf.length - space;
    }

    // ---- raw back-to-front writes (no alignment) ----

    private void reserve(int n) {
        if (space >= n) {
            return;
        }
        int used = offset();
        long needed = (long) used + n;
        if (needed > ByteArrays.MAX_ARRAY) {
            throw new IllegalStateException("flatbuffer too large");
        }
        int size = (int) Math.min(ByteArrays.MAX_ARRAY, Math.max(needed, 2L * buf.length));
        byte[] grown = new byte[size];
        System.arraycopy(buf, space, grown, size - used, used);
        buf = grown;
        space = size - used;
    }

    /** Pads with zeros so that, once {@code following} more bytes are written, the offset is a multiple of {@code align}. */
    private void align(int align, int following) {
        if (align > minAlign) {
            minAlign = align;
        }
        int pad = (-(offset() + following)) & (align - 1);
        reserve(pad);
        for (int i = 0; i < pad; i++) {
            buf[--space] = 0;
        }
    }

    private void rawByte(int v) {
        reserve(1);
        buf[--space] = (byte) v;
    }

    /*
     * The raw writes are synchronized only because TeaVM never inlines a synchronized method: inlined,
     * LittleEndian's guest fast path would be copied into every table-building call of MessageEncoder
     * (once per batch) and make those methods too large for HotSpot to JIT once Chicory compiles them
     * (wasm-build's GuestMethodSizes). FlatBuffers are a few hundred bytes per batch; the monitor is
     * uncontended (one thread per guest).
     */
    private synchronized void rawShort(int v) {
        reserve(2);
        space -= 2;
        LittleEndian.putShort(buf, space, v);
    }

    private synchronized void rawInt(int v) {
        reserve(4);
        space -= 4;
        LittleEndian.putInt(buf, space, v);
    }

    private synchronized void rawLong(long v) {
        reserve(8);
        space -= 8;
        LittleEndian.putLong(buf, space, v);
    }

    /** Writes a uoffset to {@code ref}; the offset is relative to the uoffset's own position. */
    private void rawOffset(int ref) {
        rawInt(offset() + 4 - ref);
    }

    // ---- objects ----

    int createString(String s) {
        checkNoTable();
        byte[] utf8 = Utf8.encode(s);
        int n = utf8.length;
        align(4, n + 1);
        reserve(n + 1);
        buf[--space] = 0; // FlatBuffers strings are NUL-terminated
        space -= n;
        System.arraycopy(utf8, 0, buf, space, n);
        rawInt(n);
        return offset();
    }

    /** A vector of references to tables or strings, in the order given. */
    int createOffsetVector(int[] refs, int count) {
        checkNoTable();
        align(4, 4 * count);
        for (int i = count - 1; i >= 0; i--) {
            rawOffset(refs[i]);
        }
        rawInt(count);
        return offset();
    }

    /**
     * A vector of structs made of two longs each ({@code FieldNode} and {@code Buffer} in
     * Message.fbs), taken pairwise from {@code longs}.
     */
    int createLongPairVector(long[] longs, int count) {
        checkNoTable();
        align(8, 16 * count);
        for (int i = count - 1; i >= 0; i--) {
            rawLong(longs[2 * i + 1]);
            rawLong(longs[2 * i]);
        }
        rawInt(count);
        return offset();
    }

    void startTable(int numSlots) {
        checkNoTable();
        if (slots.length < numSlots) {
            slots = new int[numSlots];
        }
        for (int i = 0; i < numSlots; i++) {
            slots[i] = 0;
        }
        slotCount = numSlots;
        tableStart = offset();
    }

    void addBool(int slot, boolean v) {
        addByte(slot, v ? 1 : 0);
    }

    void addByte(int slot, int v) {
        rawByte(v);
        slots[slot] = offset();
    }

    void addShort(int slot, int v) {
        align(2, 0);
        rawShort(v);
        slots[slot] = offset();
    }

    void addInt(int slot, int v) {
        align(4, 0);
        rawInt(v);
        slots[slot] = offset();
    }

    void addLong(int slot, long v) {
        align(8, 0);
        rawLong(v);
        slots[slot] = offset();
    }

    void addOffset(int slot, int ref) {
        align(4, 0);
        rawOffset(ref);
        slots[slot] = offset();
    }

    /** Closes the open table, writes its vtable and returns the table's reference. */
    int endTable() {
        if (tableStart < 0) {
            throw new IllegalStateException("no open table");
        }
        align(4, 0);
        rawInt(0); // soffset to the vtable, patched below
        int table = offset();
        int n = slotCount;
        while (n > 0 && slots[n - 1] == 0) {
            n--;
        }
        // The vtable goes just below the table: field offsets (from the table start), then
        // the inline table size, then the vtable size, each a uint16.
        for (int i = n - 1; i >= 0; i--) {
            rawShort(slots[i] == 0 ? 0 : table - slots[i]);
        }
        rawShort(table - tableStart);
        rawShort(4 + 2 * n);
        int vtable = offset();
        // soffset = table address - vtable address; the vtable sits at the lower address.
        LittleEndian.putInt(buf, buf.length - table, vtable - table);
        tableStart = -1;
        return table;
    }

    /** Writes the root offset; afterwards {@link #array()}, {@link #start()} and {@link #size()} describe the result. */
    void finish(int rootTable) {
        checkNoTable();
        align(minAlign, 4);
        rawOffset(rootTable);
    }

    byte[] array() {
        return buf;
    }

    int start() {
        return space;
    }

    int size() {
        return offset();
    }

    private void checkNoTable() {
        if (tableStart >= 0) {
            throw new IllegalStateException("objects must be created outside tables");
        }
    }
}
