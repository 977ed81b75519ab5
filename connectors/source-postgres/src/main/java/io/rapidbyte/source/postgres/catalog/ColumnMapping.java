package io.rapidbyte.source.postgres.catalog;

import io.rapidbyte.sdk.arrow.Field;

/**
 * How one column is selected, decoded and typed: the SQL expression (the column itself, or a
 * {@code ::text} / {@code ::text[]} cast for types without a native mapping), the value kind on the
 * wire, and the Arrow field with its {@code rapidbyte.pg_type} metadata. Immutable.
 */
public final class ColumnMapping {
    /** What the SELECT list does to the column. */
    public enum Cast { NONE, TEXT, TEXT_ARRAY }

    private final ColumnInfo column;
    private final ValueKind kind;
    private final ValueKind elementKind;
    private final Cast cast;
    private final Field field;
    private final String fallbackReason;

    ColumnMapping(ColumnInfo column, ValueKind kind, ValueKind elementKind, Cast cast, Field field,
            String fallbackReason) {
        this.column = column;
        this.kind = kind;
        this.elementKind = elementKind;
        this.cast = cast;
        this.field = field;
        this.fallbackReason = fallbackReason;
    }

    public ColumnInfo column() {
        return column;
    }

    public ValueKind kind() {
        return kind;
    }

    /** The element kind of a {@link ValueKind#LIST}, else null. */
    public ValueKind elementKind() {
        return elementKind;
    }

    public Cast cast() {
        return cast;
    }

    public Field field() {
        return field;
    }

    /** Why the column is read as text instead of a native type, or null when it is not. */
    public String fallbackReason() {
        return fallbackReason;
    }
}
