package io.rapidbyte.sdk.arrow;

/**
 * Accumulates the values of one column (field) of a record batch in Arrow's physical layout,
 * ready to be copied into an IPC body without conversion.
 *
 * <p>Each concrete builder appends values with type-specific methods that take primitives, so
 * the hot path does no boxing. Every append adds one row. The validity bitmap is created only
 * when the first null is appended, and is written to the IPC stream only if the batch has
 * nulls (Arrow allows omitting it when the null count is zero).
 *
 * <p>Builders keep their arrays across {@link #reset()} so a source can reuse them batch after
 * batch without garbage. Arrays passed to append methods are copied; the builder never keeps
 * a reference to caller arrays. Not thread-safe: one builder belongs to one thread.
 */
public abstract class ColumnBuilder {
    private final Field field;
    int length;
    int nullCount;
    /** Null until the first null; bit i set = row i valid. Bits at or beyond length are zero. */
    private byte[] validity;

    ColumnBuilder(Field field) {
        this.field = field;
    }

    /** Creates the builder matching {@code field}'s type (lists get a child builder). */
    public static ColumnBuilder forField(Field field) {
        switch (field.type().kind()) {
            case INT:
            case DATE32:
            case TIME64_MICROS:
            case TIMESTAMP_MICROS:
                return new IntColumnBuilder(field);
            case FLOAT:
                return new FloatColumnBuilder(field);
            case BOOL:
                return new BoolColumnBuilder(field);
            case UTF8:
            case BINARY:
                return new VarBinaryColumnBuilder(field);
            case DECIMAL128:
                return new DecimalColumnBuilder(field);
            case FIXED_SIZE_BINARY:
                return new FixedSizeBinaryColumnBuilder(field);
            case INTERVAL_MONTH_DAY_NANO:
                return new IntervalColumnBuilder(field);
            case LIST:
                return new ListColumnBuilder(field);
            default:
                throw new IllegalArgumentException("unsupported type " + field.type());
        }
    }

    public final Field field() {
        return field;
    }

    /** Rows appended since creation or the last {@link #reset()}. */
    public final int length() {
        return length;
    }

    public final int nullCount() {
        return nullCount;
    }

    /**
     * Appends a null row.
     *
     * @throws IllegalStateException if the field is not nullable
     */
    public final void appendNull() {
        if (!field.isNullable()) {
            throw misuse("not nullable");
        }
        beforeNull();
        if (validity == null) {
            materializeValidity();
        } else {
            validity = ByteArrays.ensure(validity, (length + 7) >>> 3, (length >>> 3) + 1);
        }
        appendNullSlot();
        nullCount++;
        length++;
    }

    /**
     * Exact number of IPC body bytes this column (with its children) would occupy if the batch
     * were written now, including 8-byte padding. The message header adds a few bytes per
     * column on top; see {@link RecordBatchBuilder#estimatedBytes()}.
     */
    public final long estimatedBytes() {
        return (nullCount > 0 ? ByteArrays.pad8((length + 7L) >>> 3) : 0) + valueBytes();
    }

    /** Forgets all rows but keeps the allocated arrays for reuse. */
    public void reset() {
        if (validity != null) {
            int used = (length + 7) >>> 3;
            for (int i = 0; i < used; i++) {
                validity[i] = 0;
            }
        }
        length = 0;
        nullCount = 0;
    }

    /** Records that the value for row {@code length} was written; subclasses call it last. */
    final void valueAppended() {
        if (validity != null) {
            markValid();
        }
        length++;
    }

    // Kept out of valueAppended so the common no-nulls path stays a null check and an increment.
    private void markValid() {
        int i = length >>> 3;
        if (i >= validity.length) {
            validity = ByteArrays.ensure(validity, (length + 7) >>> 3, i + 1L);
        }
        validity[i] |= (byte) (1 << (length & 7));
    }

    private void materializeValidity() {
        // All rows so far were valid.
        byte[] v = new byte[Math.max(8, ((length + 7) >>> 3) + 1)];
        int full = length >>> 3;
        for (int i = 0; i < full; i++) {
            v[i] = (byte) 0xFF;
        }
        if ((length & 7) != 0) {
            v[full] = (byte) ((1 << (length & 7)) - 1);
        }
        validity = v;
    }

    /** Hook for builders that must reject a null in their current state. */
    void beforeNull() {
    }

    /** Writes the placeholder value of a null row at index {@code length}. */
    abstract void appendNullSlot();

    /** Body bytes of the value buffers and children, padded; validity excluded. */
    abstract long valueBytes();

    /** Verifies the builder is in a writable state (e.g. no list left open). */
    void checkComplete() {
    }

    /** Adds this column's node and buffers (then its children's) to the layout. */
    void layout(BatchLayout out) {
        out.addNode(length, nullCount);
        out.addBuffer(nullCount > 0 ? (length + 7) >>> 3 : 0);
        layoutValues(out);
    }

    abstract void layoutValues(BatchLayout out);

    /** Writes this column's buffers, in the order {@link #layout} declared them. */
    void writeBody(ByteArrayOutput out) {
        if (nullCount > 0) {
            out.writeBuffer(validity, 0, (length + 7) >>> 3);
        }
        writeValues(out);
    }

    abstract void writeValues(ByteArrayOutput out);

    final String describe() {
        return "field '" + field.name() + "' (" + field.type() + ")";
    }

    /**
     * The exception for using this builder out of order. Its message is built here, not at the
     * throw sites: TeaVM inlines small methods such as {@code startList()} into the per-value loops
     * of their callers, and inlined string building makes those loops too large for HotSpot to JIT
     * once Chicory compiles them (see wasm-build's GuestMethodSizes). Small as it is, TeaVM would
     * still inline it into each throw site; it is synchronized only because TeaVM never inlines a
     * synchronized method (see LittleEndian.outOfRange). It runs only on misuse.
     */
    final synchronized IllegalStateException misuse(String what) {
        StringBuilder message = new StringBuilder(96);
        message.append("field '").append(field.name()).append("' (").append(field.type()).append("): ").append(what);
        return new IllegalStateException(message.toString());
    }
}
