package io.rapidbyte.postgres.wire;

/**
 * One field of a RowDescription: name, source table/column when the field is a
 * plain column reference, type OID, type size, type modifier and format code.
 *
 * <p>Immutable; thread-safe.
 */
public final class PgColumn {

    private final String name;
    private final int tableOid;
    private final int columnNumber;
    private final int typeOid;
    private final int typeSize;
    private final int typeModifier;
    private final int format;

    public PgColumn(String name, int tableOid, int columnNumber, int typeOid, int typeSize, int typeModifier,
                    int format) {
        this.name = name;
        this.tableOid = tableOid;
        this.columnNumber = columnNumber;
        this.typeOid = typeOid;
        this.typeSize = typeSize;
        this.typeModifier = typeModifier;
        this.format = format;
    }

    public String name() {
        return name;
    }

    /** OID of the source table, or 0 when the field is not a table column. */
    public int tableOid() {
        return tableOid;
    }

    /** Attribute number in the source table, or 0. */
    public int columnNumber() {
        return columnNumber;
    }

    /** Type OID; see {@link io.rapidbyte.postgres.wire.binary.PgOids}. */
    public int typeOid() {
        return typeOid;
    }

    /** pg_type.typlen: fixed size in bytes, or negative for variable-length types. */
    public int typeSize() {
        return typeSize;
    }

    /**
     * pg_attribute.atttypmod, -1 when none. For numeric(p,s) it is
     * {@code ((p << 16) | s) + 4}; for varchar(n)/char(n) it is {@code n + 4};
     * for time/timestamp/interval precision it is the precision.
     */
    public int typeModifier() {
        return typeModifier;
    }

    /** 0 for text, 1 for binary. */
    public int format() {
        return format;
    }

    @Override
    public String toString() {
        return name + "(oid=" + typeOid + ", typmod=" + typeModifier + ")";
    }
}
