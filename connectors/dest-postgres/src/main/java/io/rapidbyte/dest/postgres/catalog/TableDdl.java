package io.rapidbyte.dest.postgres.catalog;

import io.rapidbyte.postgres.guest.Database;
import io.rapidbyte.postgres.guest.Sql;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.sdk.arrow.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * DDL the connector issues: target schemas, tables created from a batch schema (types from
 * {@link ArrowPgTypes#desired}, falling back to the inverse map when the database lacks the named
 * type, e.g. an enum that exists only at the source), added columns. Stateless.
 */
public final class TableDdl {
    private TableDdl() {
    }

    public static void createSchema(Database db, String schema) throws PgException {
        ifNotExists(db, "CREATE SCHEMA IF NOT EXISTS " + Sql.ident(schema));
    }

    /**
     * Runs a {@code CREATE ... IF NOT EXISTS} that another session may run at the same moment (the
     * sink tasks writing the ranges of one stream all create its target): {@code IF NOT EXISTS}
     * does not cover a concurrent creation, which fails with a unique violation on a system
     * catalog ({@code 23505}) or a duplicate object error; the object then exists, as wanted. In a
     * transaction the statement runs under a savepoint, so such a failure does not abort it.
     */
    public static void ifNotExists(Database db, String sql) throws PgException {
        boolean tx = db.inTransaction();
        try {
            db.execute(tx ? "SAVEPOINT rb_create; " + sql + "; RELEASE SAVEPOINT rb_create" : sql);
        } catch (PgException e) {
            if (!isConcurrentCreation(e)) {
                throw e;
            }
            if (tx) {
                db.execute("ROLLBACK TO SAVEPOINT rb_create; RELEASE SAVEPOINT rb_create");
            }
        }
    }

    private static boolean isConcurrentCreation(PgException e) {
        String state = e.sqlState();
        return "23505".equals(state) || "42P07".equals(state) || "42P06".equals(state) || "42710".equals(state);
    }

    /**
     * {@code CREATE TABLE IF NOT EXISTS} with one column per field (NOT NULL where the field is
     * not nullable or part of the key) and the primary key when {@code primaryKey} is not empty.
     */
    public static void createTable(Database db, String schema, String table, List<Field> fields,
            List<String> primaryKey) throws PgException {
        List<String> types = columnTypes(db, fields);
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(Sql.qualified(schema, table))
                .append(" (");
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            sql.append(i == 0 ? "" : ", ").append(Sql.ident(f.name())).append(' ').append(types.get(i));
            if (!f.isNullable() || primaryKey.contains(f.name())) {
                sql.append(" NOT NULL");
            }
        }
        if (!primaryKey.isEmpty()) {
            sql.append(", PRIMARY KEY (").append(Sql.identList(primaryKey)).append(')');
        }
        ifNotExists(db, sql.append(')').toString());
    }

    /** {@code ALTER TABLE ... ADD COLUMN IF NOT EXISTS} for each field (always nullable: old rows have none). */
    public static void addColumns(Database db, String schema, String table, List<Field> fields) throws PgException {
        if (fields.isEmpty()) {
            return;
        }
        List<String> types = columnTypes(db, fields);
        StringBuilder sql = new StringBuilder("ALTER TABLE ").append(Sql.qualified(schema, table));
        for (int i = 0; i < fields.size(); i++) {
            sql.append(i == 0 ? " " : ", ").append("ADD COLUMN IF NOT EXISTS ").append(Sql.ident(fields.get(i).name()))
                    .append(' ').append(types.get(i));
        }
        db.execute(sql.toString());
    }

    /** The DDL type of each field: its desired type if the database knows it, else the natural one. */
    static List<String> columnTypes(Database db, List<Field> fields) throws PgException {
        List<String> desired = new ArrayList<>();
        List<String> toCheck = new ArrayList<>();
        for (Field f : fields) {
            String natural = ArrowPgTypes.naturalName(f);
            String want = ArrowPgTypes.desired(f).text();
            desired.add(want);
            if (!want.equals(natural) && !toCheck.contains(want)) {
                toCheck.add(want);
            }
        }
        Set<String> known = TargetCatalog.existingTypes(db, toCheck);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            String want = desired.get(i);
            String natural = ArrowPgTypes.naturalName(fields.get(i));
            out.add(want.equals(natural) || known.contains(want) ? want : natural);
        }
        return out;
    }
}
