package io.rapidbyte.source.postgres.catalog;

import io.rapidbyte.postgres.guest.Sql;
import io.rapidbyte.postgres.wire.PgConnection;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.QueryResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads tables, columns and keys from the system catalogs with two simple queries (text results,
 * bounded by the number of columns, never by rows). Tables, views, materialized views, partitioned
 * and foreign tables are included; system schemas only when asked for by name. Not thread-safe (uses
 * the caller's connection).
 */
public final class CatalogReader {
    private static final String COLUMNS = "SELECT n.nspname, c.relname, c.relkind, a.attnum, a.attname, "
            + "format_type(a.atttypid, a.atttypmod), a.attnotnull, bt.oid, "
            + "CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END, bt.typtype, "
            + "CASE WHEN bt.typelem <> 0 AND bt.typlen = -1 THEN bt.typelem ELSE 0 END, "
            + "CASE WHEN bt.typelem <> 0 AND bt.typlen = -1 THEN et.typtype ELSE '' END, "
            + "has_column_privilege(c.oid, a.attnum, 'SELECT'), a.attndims "
            + "FROM pg_catalog.pg_attribute a "
            + "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
            + "JOIN pg_catalog.pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END "
            + "LEFT JOIN pg_catalog.pg_type et ON et.oid = bt.typelem "
            + "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped AND ";
    private static final String KEYS = "SELECT n.nspname, c.relname, i.indexrelid, i.indisprimary, a.attname "
            + "FROM pg_catalog.pg_index i "
            + "JOIN pg_catalog.pg_class c ON c.oid = i.indrelid "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) "
            + "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum "
            + "WHERE i.indisunique AND i.indisvalid AND i.indpred IS NULL AND i.indexprs IS NULL "
            + "AND k.ord <= i.indnkeyatts AND ";

    private final PgConnection connection;
    private final boolean standardStrings;

    public CatalogReader(PgConnection connection) {
        this.connection = connection;
        this.standardStrings = Sql.standardConformingStrings(connection);
    }

    /** Whether string literals for this server need no backslash escaping. */
    public boolean standardConformingStrings() {
        return standardStrings;
    }

    /** Every readable relation in {@code schemas}, ordered by schema and name. */
    public List<SourceTable> tables(List<String> schemas) throws PgException {
        String filter = "n.nspname = ANY(" + Sql.textArray(schemas, standardStrings) + ")";
        return load(filter);
    }

    /** The relation {@code schema.table}, or null if it does not exist (or is not visible). */
    public SourceTable table(String schema, String table) throws PgException {
        String filter = "n.nspname = " + Sql.literal(schema, standardStrings) + " AND c.relname = "
                + Sql.literal(table, standardStrings);
        List<SourceTable> found = load(filter);
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * The size of {@code schema.table} in heap pages: {@code pg_class.relpages}, or the relation's
     * current size when that is larger (relpages is only refreshed by VACUUM, ANALYZE and a few DDL
     * commands, so a freshly loaded table shows 0); 0 when the relation is not found.
     */
    public long pages(String schema, String table) throws PgException {
        QueryResult r = connection.query("SELECT GREATEST(c.relpages::bigint, pg_catalog.pg_relation_size(c.oid) "
                + "/ pg_catalog.current_setting('block_size')::bigint) FROM pg_catalog.pg_class c "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = "
                + Sql.literal(schema, standardStrings) + " AND c.relname = " + Sql.literal(table, standardStrings));
        return r.rowCount() == 0 ? 0 : Long.parseLong(r.value(0, 0));
    }

    private List<SourceTable> load(String filter) throws PgException {
        QueryResult columns = connection.query(COLUMNS + filter + " ORDER BY n.nspname, c.relname, a.attnum");
        QueryResult keys = connection.query(KEYS + filter + " ORDER BY n.nspname, c.relname, i.indexrelid, k.ord");
        Map<String, List<String>> primaryKeys = new LinkedHashMap<String, List<String>>();
        Map<String, List<List<String>>> uniqueKeys = new LinkedHashMap<String, List<List<String>>>();
        String lastIndex = null;
        List<String> current = null;
        for (String[] r : keys.rows()) {
            String table = r[0] + "." + r[1];
            if (!r[2].equals(lastIndex)) {
                lastIndex = r[2];
                current = new ArrayList<String>();
                List<List<String>> list = uniqueKeys.get(table);
                if (list == null) {
                    list = new ArrayList<List<String>>();
                    uniqueKeys.put(table, list);
                }
                list.add(current);
                if (bool(r[3])) {
                    primaryKeys.put(table, current);
                }
            }
            current.add(r[4]);
        }
        List<SourceTable> tables = new ArrayList<SourceTable>();
        List<ColumnInfo> cols = new ArrayList<ColumnInfo>();
        String[] head = null;
        for (String[] r : columns.rows()) {
            if (head != null && !(head[0].equals(r[0]) && head[1].equals(r[1]))) {
                tables.add(table(head, cols, primaryKeys, uniqueKeys));
                cols = new ArrayList<ColumnInfo>();
            }
            head = r;
            cols.add(new ColumnInfo(r[4], Integer.parseInt(r[3]), r[5], bool(r[6]), (int) Long.parseLong(r[7]),
                    Integer.parseInt(r[8]), ch(r[9]), (int) Long.parseLong(r[10]), ch(r[11]), bool(r[12]),
                    Integer.parseInt(r[13])));
        }
        if (head != null) {
            tables.add(table(head, cols, primaryKeys, uniqueKeys));
        }
        return tables;
    }

    private static SourceTable table(String[] head, List<ColumnInfo> cols, Map<String, List<String>> primaryKeys,
            Map<String, List<List<String>>> uniqueKeys) {
        String key = head[0] + "." + head[1];
        List<String> pk = primaryKeys.get(key);
        List<List<String>> unique = uniqueKeys.get(key);
        return new SourceTable(head[0], head[1], ch(head[2]), cols, pk == null ? Collections.<String>emptyList() : pk,
                unique == null ? Collections.<List<String>>emptyList() : unique);
    }

    private static boolean bool(String s) {
        return "t".equals(s);
    }

    private static char ch(String s) {
        return s == null || s.isEmpty() ? '\0' : s.charAt(0);
    }
}
