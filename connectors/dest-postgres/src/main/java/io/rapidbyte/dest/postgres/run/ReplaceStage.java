package io.rapidbyte.dest.postgres.run;

import io.rapidbyte.dest.postgres.catalog.TargetCatalog;
import io.rapidbyte.postgres.guest.Database;
import io.rapidbyte.postgres.guest.Sql;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.QueryResult;
import java.util.HashSet;
import java.util.Set;

/**
 * The staging table of write mode replace: a real table next to the target
 * ({@code <table>__rapidbyte_stage}) that a run loads into, committing as it goes, and that
 * replaces the target in one transaction at the end of the run ({@link #swapSql}): drop the
 * target, rename the stage, rename its indexes back to the target's names. A stage left by an
 * interrupted run of the same sync run is resumed (the watermark says which of its batches it
 * holds); one from another run is dropped. When the target exists the stage is created
 * {@code LIKE} it {@code INCLUDING ALL} (columns, defaults, constraints, indexes); otherwise the
 * drift resolver creates it from the batch schema. Not thread-safe.
 */
public final class ReplaceStage {
    private static final String SUFFIX = "__rapidbyte_stage";

    private final String schema;
    private final String target;
    private final String stage;

    public ReplaceStage(String schema, String target) {
        this.schema = schema;
        this.target = target;
        this.stage = stageName(target);
    }

    /** The stage table's name (in the target's schema). */
    public String stageTable() {
        return stage;
    }

    /**
     * Makes sure the stage exists for this run, inside the open transaction.
     *
     * @param resume whether the existing stage holds earlier batches of this very sync run
     * @return true when an existing stage was resumed
     */
    public boolean prepare(Database db, boolean resume) throws PgException {
        boolean stageExists = TargetCatalog.exists(db, schema, stage);
        if (stageExists && resume) {
            return true;
        }
        StringBuilder sql = new StringBuilder("DROP TABLE IF EXISTS ").append(Sql.qualified(schema, stage));
        if (TargetCatalog.exists(db, schema, target)) {
            sql.append("; CREATE TABLE ").append(Sql.qualified(schema, stage)).append(" (LIKE ")
                    .append(Sql.qualified(schema, target)).append(" INCLUDING ALL)");
        }
        db.execute(sql.toString());
        return false;
    }

    /** Whether a stage is waiting to be swapped in. */
    public boolean exists(Database db) throws PgException {
        return TargetCatalog.exists(db, schema, stage);
    }

    /** Statements that replace the target with the stage (run inside a transaction). */
    public String swapSql(Database db) throws PgException {
        StringBuilder sql = new StringBuilder("DROP TABLE IF EXISTS ").append(Sql.qualified(schema, target))
                .append("; ALTER TABLE ").append(Sql.qualified(schema, stage)).append(" RENAME TO ")
                .append(Sql.ident(target));
        // The stage's indexes, and the relation names in the schema that the swap does not free.
        QueryResult indexes = db.query("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE i.indrelid = to_regclass(" + db.literal(Sql.qualified(schema, stage)) + ")");
        QueryResult taken = db.query("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = " + db.literal(schema) + " AND c.oid IS DISTINCT FROM to_regclass("
                + db.literal(Sql.qualified(schema, target)) + ") AND NOT EXISTS (SELECT 1 FROM pg_index i "
                + "WHERE i.indexrelid = c.oid AND i.indrelid IS NOT DISTINCT FROM to_regclass("
                + db.literal(Sql.qualified(schema, target)) + "))");
        Set<String> blocked = new HashSet<>();
        for (String[] r : taken.rows()) {
            blocked.add(r[0]);
        }
        for (String[] r : indexes.rows()) {
            String name = r[0];
            if (name.startsWith(stage)) {
                String renamed = target + name.substring(stage.length());
                if (Sql.fitsIdentifier(renamed) && !blocked.contains(renamed)) {
                    // the dropped target's index of that name is gone by now
                    sql.append("; ALTER INDEX ").append(Sql.qualified(schema, name)).append(" RENAME TO ")
                            .append(Sql.ident(renamed));
                }
            }
        }
        return sql.toString();
    }

    /** {@code <table>__rapidbyte_stage}, shortened with a hash when that exceeds 63 bytes. */
    static String stageName(String table) {
        String full = table + SUFFIX;
        if (Sql.fitsIdentifier(full)) {
            return full;
        }
        String hash = Integer.toHexString(table.hashCode());
        String tail = "_" + hash + SUFFIX;
        int keep = table.length();
        while (keep > 0 && !Sql.fitsIdentifier(table.substring(0, keep) + tail)) {
            keep--;
        }
        return table.substring(0, keep) + tail;
    }
}
