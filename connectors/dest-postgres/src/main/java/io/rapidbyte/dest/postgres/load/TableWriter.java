package io.rapidbyte.dest.postgres.load;

import io.rapidbyte.dest.postgres.catalog.ArrowPgTypes;
import io.rapidbyte.dest.postgres.catalog.LoadPlan;
import io.rapidbyte.dest.postgres.catalog.PgTypeName;
import io.rapidbyte.dest.postgres.catalog.PlanColumn;
import io.rapidbyte.dest.postgres.catalog.TypeCompat;
import io.rapidbyte.dest.postgres.config.LoadMethod;
import io.rapidbyte.dest.postgres.config.WriteMode;
import io.rapidbyte.dest.postgres.encode.Encoding;
import io.rapidbyte.postgres.guest.Database;
import io.rapidbyte.postgres.guest.PgErrors;
import io.rapidbyte.postgres.guest.Sql;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.arrow.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes rows of batches that share one {@link LoadPlan} into the plan's table.
 *
 * <p>Direct: rows go straight into the table (COPY binary, or INSERT). Staged, for upsert and for
 * COPY of columns without a direct binary encoding: rows go into a session-temporary staging
 * table of the fields' natural types, then one {@code INSERT ... SELECT} moves them into the
 * table, casting where needed ({@code ::type}; text into character types by assignment, which
 * refuses over-long values instead of truncating) and for upsert keeping the last row per key
 * ({@code DISTINCT ON ... ORDER BY ordinal DESC}) with {@code ON CONFLICT (key) DO UPDATE}.
 * Not thread-safe; one per plan.
 */
public final class TableWriter {
    private static int stagingCounter;

    private final Database db;
    private final RowSink sink;
    private final boolean staged;
    private final WriteTarget direct;
    private final WriteTarget staging;
    private final String stagingDdl;
    private final String mergeSql;
    private boolean stagingReady;

    public TableWriter(Database db, LoadPlan plan, WriteMode mode, LoadMethod method, int insertRows,
            List<String> upsertKey) {
        this(db, plan, mode, method, insertRows, upsertKey, null);
    }

    /**
     * A writer that applies change batches ({@link ChangeMerge}): rows are staged with their op
     * ({@code opField}) and unchanged-TOAST marks ({@code unchangedField}), then applied in order.
     *
     * @param key the target's key columns: changes need one
     */
    public static TableWriter forChanges(Database db, LoadPlan plan, LoadMethod method, int insertRows,
            List<String> key, ChangeColumns changes) {
        return new TableWriter(db, plan, WriteMode.UPSERT, method, insertRows, key, changes);
    }

    private TableWriter(Database db, LoadPlan plan, WriteMode mode, LoadMethod method, int insertRows,
            List<String> upsertKey, ChangeColumns changes) {
        this.db = db;
        this.sink = method == LoadMethod.COPY ? new CopySink() : new InsertSink(insertRows);
        this.staged = mode == WriteMode.UPSERT || (method == LoadMethod.COPY && plan.needsCast());
        String table = Sql.qualified(plan.table().schema(), plan.table().table());
        List<String> names = new ArrayList<>();
        int n = plan.columns().size();
        int[] fields = new int[n];
        Encoding[] encodings = new Encoding[n];
        for (int k = 0; k < n; k++) {
            PlanColumn c = plan.columns().get(k);
            names.add(c.name());
            fields[k] = c.fieldIndex();
            encodings[k] = c.encoding();
        }
        this.direct = staged ? null : new WriteTarget(table, names, fields, encodings);
        if (!staged) {
            this.staging = null;
            this.stagingDdl = null;
            this.mergeSql = null;
            return;
        }
        boolean upsert = mode == WriteMode.UPSERT;
        if (upsert) {
            checkKey(plan, upsertKey);
        }
        String stage = "pg_temp." + Sql.ident("rb_stage_" + (++stagingCounter));
        StringBuilder ddl = new StringBuilder("CREATE TEMP TABLE IF NOT EXISTS ").append(stage).append(" (");
        List<String> stageNames = new ArrayList<>(names);
        int[] stageFields = new int[n + (upsert ? 1 : 0) + (changes != null ? 2 : 0)];
        Encoding[] stageEncodings = new Encoding[stageFields.length];
        for (int k = 0; k < n; k++) {
            PlanColumn c = plan.columns().get(k);
            ddl.append(k == 0 ? "" : ", ").append(Sql.ident(c.name())).append(' ')
                    .append(ArrowPgTypes.naturalName(c.field()));
            stageFields[k] = c.fieldIndex();
            stageEncodings[k] = Encoding.forColumn(c.field(), ArrowPgTypes.naturalColumn(c.name(), c.field()));
        }
        if (upsert) {
            ddl.append(", ").append(Sql.ident(WriteTarget.ORDINAL_COLUMN)).append(" bigint");
            stageNames.add(WriteTarget.ORDINAL_COLUMN);
            stageFields[n] = WriteTarget.ORDINAL;
            stageEncodings[n] = Encoding.ROW_NUMBER;
        }
        if (changes != null) {
            String[] extra = {ChangeMerge.OP_COLUMN, ChangeMerge.UNCHANGED_COLUMN};
            int[] index = {changes.opIndex, changes.unchangedIndex};
            Field[] field = {changes.op, changes.unchanged};
            for (int e = 0; e < 2; e++) {
                ddl.append(", ").append(Sql.ident(extra[e])).append(" text");
                stageNames.add(extra[e]);
                stageFields[n + 1 + e] = index[e];
                stageEncodings[n + 1 + e] = Encoding.forColumn(field[e], ArrowPgTypes.naturalColumn(extra[e], field[e]));
            }
            ddl.append(ChangeMerge.extraStagingColumns());
        }
        this.stagingDdl = ddl.append(") ON COMMIT DELETE ROWS").toString();
        this.staging = new WriteTarget(stage, stageNames, stageFields, stageEncodings);
        this.mergeSql = changes != null
                ? ChangeMerge.sql(table, stage, plan, upsertKey, changes.truncate)
                : merge(table, stage, plan, upsert ? upsertKey : null) + "; TRUNCATE " + stage;
    }

    /** Whether rows pass through a staging table. */
    public boolean isStaged() {
        return staged;
    }

    /**
     * Creates the staging table if this session lacks it. Call before any savepoint a load runs
     * under, so rolling that savepoint back keeps the table.
     */
    void prepare() throws PgException {
        if (staged && !stagingReady) {
            db.execute(stagingDdl);
            stagingReady = true;
        }
    }

    /** Loads rows [from, to) of {@code rows}' batch that are not rejected ({@link #prepare} first). */
    void load(RowRejects rows, int from, int to) throws LoadException, PgException {
        if (!staged) {
            sink.load(db, rows, from, to, direct);
            return;
        }
        sink.load(db, rows, from, to, staging);
        try {
            db.execute(mergeSql);
        } catch (PgException e) {
            if (!PgErrors.isRowError(e)) {
                throw e;
            }
            throw new LoadException(e, -1);
        }
    }

    /** The staging table is gone (its creating transaction rolled back). */
    public void forgetStaging() {
        stagingReady = false;
    }

    private static String merge(String table, String stage, LoadPlan plan, List<String> key) {
        StringBuilder cols = new StringBuilder();
        StringBuilder exprs = new StringBuilder();
        for (int k = 0; k < plan.columns().size(); k++) {
            PlanColumn c = plan.columns().get(k);
            cols.append(k == 0 ? "" : ", ").append(Sql.ident(c.name()));
            exprs.append(k == 0 ? "" : ", ").append("s.").append(Sql.ident(c.name()));
            String cast = castTo(c);
            if (cast != null) {
                exprs.append("::").append(cast);
            }
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (").append(cols).append(") SELECT ");
        if (key == null) {
            return sql.append(exprs).append(" FROM ").append(stage).append(" s").toString();
        }
        StringBuilder keyExprs = new StringBuilder();
        for (int i = 0; i < key.size(); i++) {
            keyExprs.append(i == 0 ? "" : ", ").append("s.").append(Sql.ident(key.get(i)));
        }
        sql.append("DISTINCT ON (").append(keyExprs).append(") ").append(exprs).append(" FROM ").append(stage)
                .append(" s ORDER BY ").append(keyExprs).append(", s.").append(Sql.ident(WriteTarget.ORDINAL_COLUMN))
                .append(" DESC ON CONFLICT (").append(Sql.identList(key)).append(") DO ");
        StringBuilder set = new StringBuilder();
        for (PlanColumn c : plan.columns()) {
            if (!key.contains(c.name())) {
                set.append(set.length() == 0 ? "" : ", ").append(Sql.ident(c.name())).append(" = EXCLUDED.")
                        .append(Sql.ident(c.name()));
            }
        }
        return sql.append(set.length() == 0 ? "NOTHING" : "UPDATE SET " + set).toString();
    }

    /** The explicit cast from the staging (natural) type to the column type, or null when none is needed. */
    static String castTo(PlanColumn c) {
        String natural = ArrowPgTypes.naturalName(c.field());
        String target = c.column().formatType();
        if (natural.equals(target)) {
            return null;
        }
        PgTypeName t = PgTypeName.parse(target);
        PgTypeName s = PgTypeName.parse(natural);
        if (t != null && s != null && s.base().equals("text") && TypeCompat.isText(t.base())
                && s.arrayDims() > 0 == t.arrayDims() > 0) {
            return null; // assignment cast: refuses over-long values rather than truncating
        }
        return target;
    }

    private static void checkKey(LoadPlan plan, List<String> key) {
        if (key == null || key.isEmpty()) {
            throw ConnectorError.config("NO_PRIMARY_KEY", "write_mode upsert needs a primary key: set primary_key, "
                    + "send rapidbyte.primary_key metadata, or give " + plan.table().table() + " a primary key")
                    .toException();
        }
        for (String k : key) {
            if (plan.column(k) == null) {
                throw ConnectorError.config("NO_PRIMARY_KEY", "primary key column \"" + k
                        + "\" is not a loaded field of the batch").toException();
            }
        }
    }
}
