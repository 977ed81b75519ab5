package io.rapidbyte.sdk.arrow;

/**
 * A decoded record batch: one {@link Column} view per top-level field. Shares the IPC input
 * array (see {@link Column} for ownership). Immutable.
 */
public final class RecordBatch {
    private final Schema schema;
    private final int rowCount;
    private final Column[] columns;

    RecordBatch(Schema schema, int rowCount, Column[] columns) {
        this.schema = schema;
        this.rowCount = rowCount;
        this.columns = columns;
    }

    public Schema schema() {
        return schema;
    }

    public int rowCount() {
        return rowCount;
    }

    public int columnCount() {
        return columns.length;
    }

    public Column column(int i) {
        return columns[i];
    }

    /** The first top-level column called {@code name}, or null. */
    public Column column(String name) {
        int i = schema.indexOf(name);
        return i < 0 ? null : columns[i];
    }

    public IntColumn intColumn(int i) {
        return (IntColumn) typed(i, "IntColumn", columns[i] instanceof IntColumn);
    }

    public FloatColumn floatColumn(int i) {
        return (FloatColumn) typed(i, "FloatColumn", columns[i] instanceof FloatColumn);
    }

    public BoolColumn boolColumn(int i) {
        return (BoolColumn) typed(i, "BoolColumn", columns[i] instanceof BoolColumn);
    }

    public VarBinaryColumn varBinaryColumn(int i) {
        return (VarBinaryColumn) typed(i, "VarBinaryColumn", columns[i] instanceof VarBinaryColumn);
    }

    public FixedSizeBinaryColumn fixedSizeBinaryColumn(int i) {
        return (FixedSizeBinaryColumn) typed(i, "FixedSizeBinaryColumn", columns[i] instanceof FixedSizeBinaryColumn);
    }

    public DecimalColumn decimalColumn(int i) {
        return (DecimalColumn) typed(i, "DecimalColumn", columns[i] instanceof DecimalColumn);
    }

    public IntervalColumn intervalColumn(int i) {
        return (IntervalColumn) typed(i, "IntervalColumn", columns[i] instanceof IntervalColumn);
    }

    public ListColumn listColumn(int i) {
        return (ListColumn) typed(i, "ListColumn", columns[i] instanceof ListColumn);
    }

    private Column typed(int i, String wanted, boolean ok) {
        if (!ok) {
            Field f = columns[i].field();
            throw new IllegalArgumentException("field '" + f.name() + "' (" + f.type() + ") is not a " + wanted);
        }
        return columns[i];
    }
}
