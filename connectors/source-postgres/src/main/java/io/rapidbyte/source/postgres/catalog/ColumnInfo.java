package io.rapidbyte.source.postgres.catalog;

/**
 * One table column as the catalog describes it. Domains are resolved one level to their base type
 * ({@link #baseOid()}, {@link #baseTypmod()}); {@link #pgType()} keeps the declared type as
 * {@code format_type()} prints it. Immutable.
 */
public final class ColumnInfo {
    private final String name;
    private final int attnum;
    private final String pgType;
    private final boolean notNull;
    private final int baseOid;
    private final int baseTypmod;
    private final char baseKind;
    private final int elementOid;
    private final char elementKind;
    private final boolean selectable;
    private final int dimensions;

    /**
     * @param baseKind    pg_type.typtype of the base type (b base, e enum, c composite, d domain, r range, m multirange, p pseudo)
     * @param elementOid  element type when the base type is an array, else 0
     * @param elementKind typtype of the element type, or 0 when not an array
     * @param dimensions  pg_attribute.attndims: the dimensions an array column was declared with (0 when
     *                    not said, e.g. in a view; PostgreSQL does not enforce it)
     */
    public ColumnInfo(String name, int attnum, String pgType, boolean notNull, int baseOid, int baseTypmod,
            char baseKind, int elementOid, char elementKind, boolean selectable, int dimensions) {
        this.name = name;
        this.attnum = attnum;
        this.pgType = pgType;
        this.notNull = notNull;
        this.baseOid = baseOid;
        this.baseTypmod = baseTypmod;
        this.baseKind = baseKind;
        this.elementOid = elementOid;
        this.elementKind = elementKind;
        this.selectable = selectable;
        this.dimensions = dimensions;
    }

    public String name() {
        return name;
    }

    public int attnum() {
        return attnum;
    }

    /** The declared type, e.g. {@code numeric(12,2)}, {@code text[]}, an enum's name. */
    public String pgType() {
        return pgType;
    }

    public boolean notNull() {
        return notNull;
    }

    public int baseOid() {
        return baseOid;
    }

    /** atttypmod (or the domain's typtypmod); for arrays, the element's modifier. -1 when none. */
    public int baseTypmod() {
        return baseTypmod;
    }

    public char baseKind() {
        return baseKind;
    }

    public boolean isArray() {
        return elementOid != 0;
    }

    public int elementOid() {
        return elementOid;
    }

    public char elementKind() {
        return elementKind;
    }

    /** The dimensions an array column was declared with ({@code integer[][]}: 2); 0 or 1 otherwise. */
    public int dimensions() {
        return dimensions;
    }

    /** Whether the connecting user may SELECT this column. */
    public boolean selectable() {
        return selectable;
    }

    @Override
    public String toString() {
        return name + " " + pgType;
    }
}
