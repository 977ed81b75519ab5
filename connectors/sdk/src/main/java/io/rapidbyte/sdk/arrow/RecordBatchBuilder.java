package io.rapidbyte.sdk.arrow;

/**
 * One column builder per top-level field of a schema: the unit a source fills and hands to
 * {@link IpcStreamWriter#writeBatch}. Columns are filled independently; all must have the
 * same length when the batch is written.
 *
 * <p>Typical loop, capping batches by rows and bytes:
 *
 * <pre>
 * RecordBatchBuilder batch = new RecordBatchBuilder(schema);
 * IntColumnBuilder id = batch.intColumn(0);
 * VarBinaryColumnBuilder name = batch.varBinaryColumn(1);
 * while (more rows &amp;&amp; batch.rowCount() &lt; maxRows &amp;&amp; batch.estimatedBytes() &lt; maxBytes) {
 *     id.append(row.id);
 *     if (row.name == null) name.appendNull(); else name.append(row.name);
 * }
 * </pre>
 *
 * Not thread-safe. Reuse with {@link #reset()}.
 */
public final class RecordBatchBuilder {
    /** Upper bound of the record batch message header per field node and per buffer. */
    private static final int HEADER_BYTES_PER_ENTRY = 16;
    /** Upper bound of the fixed part of a record batch message (prefix, tables, vtables, padding). */
    private static final int HEADER_FIXED_BYTES = 168;

    private final Schema schema;
    private final ColumnBuilder[] columns;
    private final int headerEntries;

    public RecordBatchBuilder(Schema schema) {
        this.schema = schema;
        this.columns = new ColumnBuilder[schema.fieldCount()];
        int entries = 0;
        for (int i = 0; i < columns.length; i++) {
            columns[i] = ColumnBuilder.forField(schema.field(i));
            entries += countEntries(schema.field(i));
        }
        this.headerEntries = entries;
    }

    private static int countEntries(Field f) {
        int n = 1 + IpcConstants.bufferCount(f.type().kind());
        for (Field c : f.children()) {
            n += countEntries(c);
        }
        return n;
    }

    public Schema schema() {
        return schema;
    }

    public int columnCount() {
        return columns.length;
    }

    public ColumnBuilder column(int i) {
        return columns[i];
    }

    public IntColumnBuilder intColumn(int i) {
        return (IntColumnBuilder) typed(i, "IntColumnBuilder", columns[i] instanceof IntColumnBuilder);
    }

    public FloatColumnBuilder floatColumn(int i) {
        return (FloatColumnBuilder) typed(i, "FloatColumnBuilder", columns[i] instanceof FloatColumnBuilder);
    }

    public BoolColumnBuilder boolColumn(int i) {
        return (BoolColumnBuilder) typed(i, "BoolColumnBuilder", columns[i] instanceof BoolColumnBuilder);
    }

    public VarBinaryColumnBuilder varBinaryColumn(int i) {
        return (VarBinaryColumnBuilder) typed(i, "VarBinaryColumnBuilder", columns[i] instanceof VarBinaryColumnBuilder);
    }

    public FixedSizeBinaryColumnBuilder fixedSizeBinaryColumn(int i) {
        return (FixedSizeBinaryColumnBuilder) typed(i, "FixedSizeBinaryColumnBuilder",
                columns[i] instanceof FixedSizeBinaryColumnBuilder);
    }

    public DecimalColumnBuilder decimalColumn(int i) {
        return (DecimalColumnBuilder) typed(i, "DecimalColumnBuilder", columns[i] instanceof DecimalColumnBuilder);
    }

    public IntervalColumnBuilder intervalColumn(int i) {
        return (IntervalColumnBuilder) typed(i, "IntervalColumnBuilder", columns[i] instanceof IntervalColumnBuilder);
    }

    public ListColumnBuilder listColumn(int i) {
        return (ListColumnBuilder) typed(i, "ListColumnBuilder", columns[i] instanceof ListColumnBuilder);
    }

    private ColumnBuilder typed(int i, String wanted, boolean ok) {
        if (!ok) {
            throw new IllegalArgumentException(columns[i].describe() + " is not built by " + wanted);
        }
        return columns[i];
    }

    /** Rows in the batch: the length of the first column (0 without columns). */
    public int rowCount() {
        return columns.length == 0 ? 0 : columns[0].length();
    }

    /**
     * Upper bound of the bytes this batch adds to an IPC stream (record batch message header
     * plus body), exact for the body. O(columns); cheap enough to call after every row. The
     * schema message and the end-of-stream marker come on top once per stream; see
     * {@link IpcStreamWriter#estimateStreamBytes}.
     */
    public long estimatedBytes() {
        long body = 0;
        for (ColumnBuilder c : columns) {
            body += c.estimatedBytes();
        }
        return body + HEADER_FIXED_BYTES + (long) HEADER_BYTES_PER_ENTRY * headerEntries;
    }

    /** Forgets all rows of all columns, keeping their arrays for reuse. */
    public void reset() {
        for (ColumnBuilder c : columns) {
            c.reset();
        }
    }

    /** Throws unless every column has {@link #rowCount()} rows and no list is left open. */
    void checkComplete() {
        int rows = rowCount();
        for (ColumnBuilder c : columns) {
            if (c.length() != rows) {
                throw new IllegalStateException(c.describe() + " has " + c.length() + " rows, expected " + rows);
            }
            c.checkComplete();
        }
    }

    ColumnBuilder[] columns() {
        return columns;
    }
}
