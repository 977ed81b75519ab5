package io.rapidbyte.examples.filter;

/** The comparison of a {@link FilterSpec}; {@link #wireName()} is its spelling in the config. */
public enum FilterOp {
    EQ("eq"),
    NE("ne"),
    LT("lt"),
    LE("le"),
    GT("gt"),
    GE("ge"),
    IS_NULL("is_null"),
    NOT_NULL("not_null");

    private final String wireName;

    FilterOp(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** True for the ops that compare against a value (all but the null tests). */
    public boolean takesValue() {
        return this != IS_NULL && this != NOT_NULL;
    }

    /** The op spelt {@code name}, or null. */
    public static FilterOp fromWireName(String name) {
        for (FilterOp op : values()) {
            if (op.wireName.equals(name)) {
                return op;
            }
        }
        return null;
    }

    /** Whether a three-way comparison result {@code cmp} (cell vs value) satisfies this op. */
    public boolean accepts(int cmp) {
        switch (this) {
            case EQ: return cmp == 0;
            case NE: return cmp != 0;
            case LT: return cmp < 0;
            case LE: return cmp <= 0;
            case GT: return cmp > 0;
            case GE: return cmp >= 0;
            default: throw new IllegalStateException(wireName + " does not compare");
        }
    }
}
