package io.rapidbyte.dest.postgres.catalog;

import java.util.Collections;
import java.util.List;

/** A target table's columns (in attnum order) and primary key, as read from the catalog. Immutable. */
public final class TargetTable {
    private final String schema;
    private final String table;
    private final List<TableColumn> columns;
    private final List<String> primaryKey;

    public TargetTable(String schema, String table, List<TableColumn> columns, List<String> primaryKey) {
        this.schema = schema;
        this.table = table;
        this.columns = Collections.unmodifiableList(columns);
        this.primaryKey = Collections.unmodifiableList(primaryKey);
    }

    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    public List<TableColumn> columns() {
        return columns;
    }

    /** The column called exactly {@code name}, or null. */
    public TableColumn column(String name) {
        for (TableColumn c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** Primary-key columns in key order; empty when the table has none. */
    public List<String> primaryKey() {
        return primaryKey;
    }
}
