package io.rapidbyte.dest.postgres.run;

import io.rapidbyte.dest.postgres.catalog.TableDdl;
import io.rapidbyte.postgres.guest.Database;
import io.rapidbyte.postgres.guest.Sql;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.QueryResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The dead-letter bookkeeping next to the watermarks: table {@value #TABLE} in the target schema
 * holds, per stream and target table, every row refused with on_data_error=dlq from a batch
 * with a position ({@link RowOrigin#identified()}), with the reason, and when a dead-letter row
 * sent back in was loaded. It is written in the same transaction as the data, so it says exactly
 *
 * <ul>
 *   <li>which rows of a batch the watermark shows as committed were refused, to refuse them
 *       again when that batch is replayed (the host only sends a dead-letter row once its batch
 *       is confirmed, so a crash between the commit and the confirmation would lose it), and</li>
 *   <li>which dead-letter rows sent back in are already loaded, so a replay of the re-sent
 *       record is skipped and a second copy of it loads nothing.</li>
 * </ul>
 *
 * Rows stay until someone deletes them. Not thread-safe.
 */
public final class DeadLetterTable {
    public static final String TABLE = "_rapidbyte_dead_letters";

    private final Database db;
    private final String table;
    private final String target;

    /** @param targetTable the stream's target table (not a replace stage) */
    public DeadLetterTable(Database db, String schema, String targetTable) {
        this.db = db;
        this.table = Sql.qualified(schema, TABLE);
        this.target = targetTable;
    }

    /** A refused row, as recorded. */
    public static final class Refusal {
        public final RowOrigin origin;
        public final String code;
        public final String column;
        public final String message;

        public Refusal(RowOrigin origin, String code, String column, String message) {
            this.origin = origin;
            this.code = code;
            this.column = column;
            this.message = message;
        }
    }

    /** Creates the table if missing (the schema must exist). */
    public void ensureTable() throws PgException {
        TableDdl.ifNotExists(db, "CREATE TABLE IF NOT EXISTS " + table + " (stream text NOT NULL, target_table text NOT NULL, "
                + "sync_run text NOT NULL, seq bigint NOT NULL, row_index bigint NOT NULL, code text NOT NULL, "
                + "column_name text, message text NOT NULL, refused_at timestamptz NOT NULL DEFAULT now(), "
                + "loaded_at timestamptz, PRIMARY KEY (stream, target_table, sync_run, seq, row_index))");
    }

    /** Records {@code refusals} (identified origins only) in the open transaction. */
    public void record(String stream, List<Refusal> refusals) throws PgException {
        StringBuilder sql = new StringBuilder();
        for (Refusal r : refusals) {
            if (!r.origin.identified()) {
                continue;
            }
            sql.append(sql.length() == 0 ? "INSERT INTO " + table + " AS d (stream, target_table, sync_run, seq, "
                    + "row_index, code, column_name, message) VALUES " : ", ");
            sql.append('(').append(db.literal(stream)).append(", ").append(db.literal(target)).append(", ")
                    .append(db.literal(r.origin.syncRun)).append(", ").append(r.origin.seq).append(", ")
                    .append(r.origin.row).append(", ").append(db.literal(r.code)).append(", ")
                    .append(r.column == null ? "NULL" : db.literal(r.column)).append(", ")
                    .append(db.literal(r.message)).append(')');
        }
        if (sql.length() > 0) {
            db.execute(sql.append(" ON CONFLICT (stream, target_table, sync_run, seq, row_index) DO UPDATE SET "
                    + "code = EXCLUDED.code, column_name = EXCLUDED.column_name, message = EXCLUDED.message, "
                    + "refused_at = now(), loaded_at = NULL").toString());
        }
    }

    /** The rows of batch ({@code syncRun}, {@code seq}) refused and not loaded since, by row. */
    public List<Refusal> refused(String stream, String syncRun, long seq) throws PgException {
        QueryResult r = db.query("SELECT row_index, code, column_name, message FROM " + table + " WHERE stream = "
                + db.literal(stream) + " AND target_table = " + db.literal(target) + " AND sync_run = "
                + db.literal(syncRun) + " AND seq = " + seq + " AND loaded_at IS NULL ORDER BY row_index");
        List<Refusal> out = new ArrayList<>(r.rowCount());
        for (int i = 0; i < r.rowCount(); i++) {
            out.add(new Refusal(new RowOrigin(syncRun, seq, Long.parseLong(r.value(i, 0))), r.value(i, 1),
                    r.value(i, 2), r.value(i, 3)));
        }
        return out;
    }

    /** Whether the dead-letter row from {@code origin} (identified) was already loaded. */
    public boolean isLoaded(String stream, RowOrigin origin) throws PgException {
        QueryResult r = db.query("SELECT 1 FROM " + table + where(stream, origin) + " AND loaded_at IS NOT NULL");
        return r.rowCount() > 0;
    }

    /** Marks the dead-letter row from {@code origin} (identified) loaded, in the open transaction. */
    public void markLoaded(String stream, RowOrigin origin) throws PgException {
        db.execute("INSERT INTO " + table + " AS d (stream, target_table, sync_run, seq, row_index, code, message, "
                + "loaded_at) VALUES (" + db.literal(stream) + ", " + db.literal(target) + ", "
                + db.literal(origin.syncRun) + ", " + origin.seq + ", " + origin.row + ", '', '', now()) "
                + "ON CONFLICT (stream, target_table, sync_run, seq, row_index) DO UPDATE SET loaded_at = now()");
    }

    private String where(String stream, RowOrigin o) {
        return " WHERE stream = " + db.literal(stream) + " AND target_table = " + db.literal(target)
                + " AND sync_run = " + db.literal(o.syncRun) + " AND seq = " + o.seq + " AND row_index = " + o.row;
    }
}
