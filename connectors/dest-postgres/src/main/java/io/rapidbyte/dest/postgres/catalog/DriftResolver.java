package io.rapidbyte.dest.postgres.catalog;

import io.rapidbyte.dest.postgres.config.DriftPolicy;
import io.rapidbyte.dest.postgres.encode.Encoding;
import io.rapidbyte.postgres.guest.Database;
import io.rapidbyte.postgres.guest.Sql;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares a batch schema with the target table and applies the drift policies before anything
 * of the batch is written: creates a missing table, adds / ignores / refuses new fields, ignores /
 * refuses columns the batch lacks, refuses or coerces type changes. Returns the {@link LoadPlan}.
 * Errors are {@code schema/SCHEMA_DRIFT} (or {@code config/TABLE_NOT_FOUND}) naming the column.
 */
public final class DriftResolver {
    /** Where the resolver reports what it did (added columns, ignored fields, coercions). */
    public interface Log {
        void info(String message);
    }

    private final Database db;
    private final DriftPolicy policy;
    private final boolean autoCreate;
    private final Log log;

    public DriftResolver(Database db, DriftPolicy policy, boolean autoCreate, Log log) {
        this.db = db;
        this.policy = policy;
        this.autoCreate = autoCreate;
        this.log = log;
    }

    /**
     * @param createKey primary key for a table created here (columns not in the batch are dropped from it)
     */
    public LoadPlan resolve(Schema schema, String targetSchema, String table, List<String> createKey)
            throws PgException {
        checkFieldNames(schema);
        TargetTable info = TargetCatalog.describe(db, targetSchema, table);
        if (info == null) {
            if (!autoCreate) {
                throw ConnectorError.config("TABLE_NOT_FOUND", "table " + Sql.qualified(targetSchema, table)
                        + " does not exist and auto_create is false").toException();
            }
            ensureSchema(targetSchema);
            List<String> key = new ArrayList<>();
            for (String k : createKey) {
                if (schema.indexOf(k) >= 0) {
                    key.add(k);
                }
            }
            TableDdl.createTable(db, targetSchema, table, schema.fields(), key);
            log.info("created table " + Sql.qualified(targetSchema, table) + (key.isEmpty() ? "" : " with primary key " + key));
            info = TargetCatalog.describe(db, targetSchema, table);
            if (info == null) {
                throw ConnectorError.internal("TABLE_NOT_FOUND", "table " + table + " vanished after CREATE").toException();
            }
        }
        List<Field> added = new ArrayList<>();
        for (Field f : schema.fields()) {
            if (info.column(f.name()) != null) {
                continue;
            }
            switch (policy.newColumn()) {
                case ADD:
                    added.add(f);
                    break;
                case IGNORE:
                    log.info("schema drift: ignoring new field \"" + f.name() + "\" (not a column of " + table + ")");
                    break;
                default:
                    throw drift("new field \"" + f.name() + "\" (" + ArrowPgTypes.desired(f) + ") is not a column of "
                            + Sql.qualified(targetSchema, table) + " and schema_drift.new_column is fail");
            }
        }
        if (!added.isEmpty()) {
            TableDdl.addColumns(db, targetSchema, table, added);
            for (Field f : added) {
                log.info("schema drift: added column \"" + f.name() + "\" to " + table);
            }
            info = TargetCatalog.describe(db, targetSchema, table);
        }
        for (TableColumn c : info.columns()) {
            if (schema.indexOf(c.name()) < 0 && policy.removedColumn() == DriftPolicy.RemovedColumn.FAIL) {
                throw drift("column \"" + c.name() + "\" of " + Sql.qualified(targetSchema, table)
                        + " is missing from the batch and schema_drift.removed_column is fail");
            }
        }
        List<PlanColumn> columns = new ArrayList<>();
        for (int i = 0; i < schema.fieldCount(); i++) {
            Field f = schema.field(i);
            TableColumn c = info.column(f.name());
            if (c == null) {
                continue; // ignored new field
            }
            if (!holds(c, f)) {
                if (policy.typeChange() == DriftPolicy.TypeChange.FAIL) {
                    throw drift("type change on column \"" + c.name() + "\": the table has " + c.formatType()
                            + ", the batch has " + ArrowPgTypes.desired(f) + " (" + f.type()
                            + "); schema_drift.type_change is fail");
                }
                log.info("schema drift: coercing field \"" + f.name() + "\" (" + ArrowPgTypes.desired(f) + ") into "
                        + c.formatType());
            }
            columns.add(new PlanColumn(i, f, c, Encoding.forColumn(f, c)));
        }
        if (columns.isEmpty()) {
            throw drift("no field of the batch matches a column of " + Sql.qualified(targetSchema, table));
        }
        return new LoadPlan(info, columns);
    }

    /** Whether column {@code c} holds every value of the field's declared or natural type. */
    static boolean holds(TableColumn c, Field f) {
        PgTypeName column = PgTypeName.parse(c.formatType());
        if (column == null) {
            return c.formatType().equals(ArrowPgTypes.desired(f).text());
        }
        return TypeCompat.holds(column, ArrowPgTypes.desired(f)) || TypeCompat.holds(column, ArrowPgTypes.natural(f));
    }

    private void ensureSchema(String targetSchema) throws PgException {
        boolean exists = "t".equals(db.query("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = "
                + db.literal(targetSchema) + ")").value(0, 0));
        if (!exists) {
            TableDdl.createSchema(db, targetSchema);
            log.info("created schema " + Sql.ident(targetSchema));
        }
    }

    private static void checkFieldNames(Schema schema) {
        Set<String> seen = new HashSet<>();
        for (Field f : schema.fields()) {
            Sql.ident(f.name()); // rejects empty, NUL, too long
            if (!seen.add(f.name())) {
                throw drift("the batch has two fields called \"" + f.name() + "\"");
            }
        }
    }

    private static RuntimeException drift(String message) {
        return ConnectorError.of(ErrorCategory.SCHEMA, "SCHEMA_DRIFT", message).toException();
    }
}
