package io.rapidbyte.dest.postgres.catalog;

import io.rapidbyte.dest.postgres.encode.Encoding;
import io.rapidbyte.sdk.arrow.Field;

/**
 * One batch field and the table column it loads into. {@link #encoding()} writes the field
 * straight into the column's binary format; null means the column needs a cast (a staging
 * table of the field's natural type, then {@code ::type}). Immutable.
 */
public final class PlanColumn {
    private final int fieldIndex;
    private final Field field;
    private final TableColumn column;
    private final Encoding encoding;

    public PlanColumn(int fieldIndex, Field field, TableColumn column, Encoding encoding) {
        this.fieldIndex = fieldIndex;
        this.field = field;
        this.column = column;
        this.encoding = encoding;
    }

    public int fieldIndex() {
        return fieldIndex;
    }

    public Field field() {
        return field;
    }

    public TableColumn column() {
        return column;
    }

    public String name() {
        return column.name();
    }

    /** The direct binary encoding, or null when the value must be cast on the server. */
    public Encoding encoding() {
        return encoding;
    }
}
