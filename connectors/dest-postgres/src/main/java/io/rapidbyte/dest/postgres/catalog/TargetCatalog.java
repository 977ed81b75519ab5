package io.rapidbyte.dest.postgres.catalog;

import io.rapidbyte.postgres.guest.Database;
import io.rapidbyte.postgres.guest.Sql;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.QueryResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Catalog lookups on the destination: does a table exist, what are its columns and key, do type names resolve. Stateless. */
public final class TargetCatalog {
    private TargetCatalog() {
    }

    /** The table's description, or null when it does not exist. */
    public static TargetTable describe(Database db, String schema, String table) throws PgException {
        String rel = "to_regclass(" + db.literal(Sql.qualified(schema, table)) + ")";
        QueryResult cols = db.query(
                "SELECT a.attname, format_type(a.atttypid, a.atttypmod), bt.oid, bt.typtype, "
                + "CASE WHEN bt.typcategory = 'A' THEN bt.typelem ELSE 0 END, coalesce(et.typtype, 'b'), "
                + "a.attnotnull, a.atthasdef, " + rel + " IS NOT NULL "
                + "FROM (SELECT 1) one LEFT JOIN pg_attribute a ON a.attrelid = " + rel
                + " AND a.attnum > 0 AND NOT a.attisdropped "
                + "LEFT JOIN pg_type t ON t.oid = a.atttypid "
                + "LEFT JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END "
                + "LEFT JOIN pg_type et ON et.oid = bt.typelem AND bt.typcategory = 'A' "
                + "ORDER BY a.attnum");
        if (cols.rowCount() == 0 || !"t".equals(cols.value(0, 8))) {
            return null;
        }
        List<TableColumn> columns = new ArrayList<>();
        for (String[] r : cols.rows()) {
            if (r[0] == null) {
                continue; // a table without columns
            }
            columns.add(new TableColumn(r[0], r[1], parseInt(r[2]), r[3].charAt(0), parseInt(r[4]), r[5].charAt(0),
                    "t".equals(r[6]), "t".equals(r[7])));
        }
        QueryResult pk = db.query(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                + "AND a.attnum = ANY (i.indkey) WHERE i.indrelid = " + rel + " AND i.indisprimary "
                + "ORDER BY array_position(i.indkey::int2[], a.attnum)");
        List<String> key = new ArrayList<>();
        for (String[] r : pk.rows()) {
            key.add(r[0]);
        }
        return new TargetTable(schema, table, columns, key);
    }

    /** Which of {@code typeNames} name a type that exists in the database. */
    public static Set<String> existingTypes(Database db, List<String> typeNames) throws PgException {
        Set<String> out = new HashSet<>();
        if (typeNames.isEmpty()) {
            return out;
        }
        StringBuilder sql = new StringBuilder("SELECT t FROM unnest(ARRAY[");
        for (int i = 0; i < typeNames.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(db.literal(typeNames.get(i)));
        }
        sql.append("]::text[]) t WHERE to_regtype(t) IS NOT NULL");
        for (String[] r : db.query(sql.toString()).rows()) {
            out.add(r[0]);
        }
        return out;
    }

    /** Whether the relation exists. */
    public static boolean exists(Database db, String schema, String table) throws PgException {
        QueryResult r = db.query("SELECT to_regclass(" + db.literal(Sql.qualified(schema, table)) + ") IS NOT NULL");
        return "t".equals(r.value(0, 0));
    }

    private static int parseInt(String s) {
        if (s == null || s.isEmpty()) {
            return 0;
        }
        long v = Long.parseLong(s);
        return (int) v; // OIDs above 2^31 wrap like the wire format's int4
    }
}
