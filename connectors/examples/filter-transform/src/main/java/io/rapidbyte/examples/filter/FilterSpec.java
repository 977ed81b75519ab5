package io.rapidbyte.examples.filter;

/**
 * The row filter of the config: {@code {"column": ..., "op": ..., "value": ...}}. The value is
 * kept as parsed JSON ({@code Long}, {@code JsonNumber}, {@code String}, {@code Boolean}) until
 * {@link Predicates#bind} knows the column's type. Immutable.
 */
public final class FilterSpec {
    private final String column;
    private final FilterOp op;
    private final Object value;

    public FilterSpec(String column, FilterOp op, Object value) {
        this.column = column;
        this.op = op;
        this.value = value;
    }

    public String column() {
        return column;
    }

    public FilterOp op() {
        return op;
    }

    /** Null for {@code is_null} / {@code not_null}. */
    public Object value() {
        return value;
    }
}
