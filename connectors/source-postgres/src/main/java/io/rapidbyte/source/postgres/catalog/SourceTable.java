package io.rapidbyte.source.postgres.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A table, view, materialized view, partitioned or foreign table with its columns (in attnum order),
 * primary key and other unique keys (non-partial, column-only unique indexes). Immutable.
 */
public final class SourceTable {
    private final String schema;
    private final String name;
    private final char relkind;
    private final List<ColumnInfo> columns;
    private final List<String> primaryKey;
    private final List<List<String>> uniqueKeys;

    public SourceTable(String schema, String name, char relkind, List<ColumnInfo> columns, List<String> primaryKey,
            List<List<String>> uniqueKeys) {
        this.schema = schema;
        this.name = name;
        this.relkind = relkind;
        this.columns = Collections.unmodifiableList(new ArrayList<ColumnInfo>(columns));
        this.primaryKey = Collections.unmodifiableList(new ArrayList<String>(primaryKey));
        List<List<String>> keys = new ArrayList<List<String>>();
        for (List<String> k : uniqueKeys) {
            keys.add(Collections.unmodifiableList(new ArrayList<String>(k)));
        }
        this.uniqueKeys = Collections.unmodifiableList(keys);
    }

    public String schema() {
        return schema;
    }

    public String name() {
        return name;
    }

    /** {@code schema.table}: the stream name. */
    public String streamName() {
        return schema + "." + name;
    }

    /** pg_class.relkind: r table, p partitioned table, v view, m materialized view, f foreign table. */
    public char relkind() {
        return relkind;
    }

    /** Human name of {@link #relkind()}. */
    public String kindName() {
        switch (relkind) {
            case 'r': return "table";
            case 'p': return "partitioned_table";
            case 'v': return "view";
            case 'm': return "materialized_view";
            case 'f': return "foreign_table";
            default: return "relation";
        }
    }

    /**
     * Whether {@code ctid} identifies rows in a stable order: plain tables and materialized views
     * (a partitioned table's ctids repeat across partitions; views have none).
     */
    public boolean hasStableCtid() {
        return relkind == 'r' || relkind == 'm';
    }

    public List<ColumnInfo> columns() {
        return columns;
    }

    /** The column called {@code name} (exact, case-sensitive), or null. */
    public ColumnInfo column(String columnName) {
        for (ColumnInfo c : columns) {
            if (c.name().equals(columnName)) {
                return c;
            }
        }
        return null;
    }

    /** Primary-key columns in key order; empty when there is none. */
    public List<String> primaryKey() {
        return primaryKey;
    }

    /** Every unique key, the primary key included. */
    public List<List<String>> uniqueKeys() {
        return uniqueKeys;
    }

    /** True if some unique key consists only of columns in {@code columns}. */
    public boolean isUnique(List<String> keyColumns) {
        for (List<String> key : uniqueKeys) {
            if (keyColumns.containsAll(key)) {
                return true;
            }
        }
        return false;
    }
}
