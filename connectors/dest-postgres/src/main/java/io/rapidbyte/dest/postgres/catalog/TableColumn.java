package io.rapidbyte.dest.postgres.catalog;

/**
 * One column of a target table as the catalog describes it. For domains, {@link #oid()} is the
 * base type (binary COPY uses the base type's format); for arrays {@link #elementOid()} is the
 * element type. Immutable.
 */
public final class TableColumn {
    public static final char TYPTYPE_BASE = 'b';
    public static final char TYPTYPE_ENUM = 'e';

    private final String name;
    private final String formatType;
    private final int oid;
    private final char typtype;
    private final int elementOid;
    private final char elementTyptype;
    private final boolean notNull;
    private final boolean hasDefault;

    public TableColumn(String name, String formatType, int oid, char typtype, int elementOid, char elementTyptype,
            boolean notNull, boolean hasDefault) {
        this.name = name;
        this.formatType = formatType;
        this.oid = oid;
        this.typtype = typtype;
        this.elementOid = elementOid;
        this.elementTyptype = elementTyptype;
        this.notNull = notNull;
        this.hasDefault = hasDefault;
    }

    public String name() {
        return name;
    }

    /** The type as format_type prints it, e.g. {@code character varying(40)}. */
    public String formatType() {
        return formatType;
    }

    /** Type OID (the base type's for a domain). */
    public int oid() {
        return oid;
    }

    /** pg_type.typtype of {@link #oid()}: b, e (enum), c, r, m, p. */
    public char typtype() {
        return typtype;
    }

    /** Element type OID of an array column, else 0. */
    public int elementOid() {
        return elementOid;
    }

    public char elementTyptype() {
        return elementTyptype;
    }

    public boolean isArray() {
        return elementOid != 0;
    }

    public boolean notNull() {
        return notNull;
    }

    public boolean hasDefault() {
        return hasDefault;
    }

    @Override
    public String toString() {
        return name + " " + formatType;
    }
}
