package io.rapidbyte.dest.postgres.encode;

/** A value its column's type cannot take; nothing of its row was encoded. Carries the column. */
public final class ValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int column;
    private final String columnName;

    ValueException(int column, String columnName, String message) {
        super("value of column \"" + columnName + "\" cannot be encoded: " + message);
        this.column = column;
        this.columnName = columnName;
    }

    public int column() {
        return column;
    }

    public String columnName() {
        return columnName;
    }
}
