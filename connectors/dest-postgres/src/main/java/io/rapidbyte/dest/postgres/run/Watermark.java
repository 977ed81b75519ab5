package io.rapidbyte.dest.postgres.run;

import io.rapidbyte.dest.postgres.catalog.TableDdl;
import io.rapidbyte.postgres.guest.Database;
import io.rapidbyte.postgres.guest.Sql;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.QueryResult;

/**
 * The exactly-once bookkeeping: table {@value #TABLE} in the target schema holds, per stream and
 * target table, the (sync_run, seq) of the last batch committed (one row per range for a stream
 * read in ranges, keyed {@code <stream> range <id>}: each range has its own sync runs; a stream
 * read whole keeps the key {@code <stream>}) (a stream mapped to another table
 * starts from scratch there). It is written by the same transaction as the
 * data ({@link #upsertSql}, sent together with COMMIT), so after a crash it says exactly which
 * replayed batches are already in the table. Not thread-safe.
 */
public final class Watermark {
    public static final String TABLE = "_rapidbyte_watermarks";

    private final Database db;
    private final String table;
    private final String target;

    /** @param targetTable the stream's target table (not a replace stage) */
    public Watermark(Database db, String schema, String targetTable) {
        this.db = db;
        this.table = Sql.qualified(schema, TABLE);
        this.target = targetTable;
    }

    /** Creates the table if missing (outside any transaction; the schema must exist). */
    public void ensureTable() throws PgException {
        TableDdl.ifNotExists(db, "CREATE TABLE IF NOT EXISTS " + table + " (stream text NOT NULL, target_table text NOT NULL, "
                + "sync_run text NOT NULL, seq bigint NOT NULL, rows_total bigint NOT NULL DEFAULT 0, "
                + "updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (stream, target_table))");
    }

    /** The committed position of {@code stream}, or null when nothing was committed yet. */
    public Position read(String stream) throws PgException {
        QueryResult r = db.query("SELECT sync_run, seq FROM " + table + " WHERE stream = " + db.literal(stream)
                + " AND target_table = " + db.literal(target));
        if (r.rowCount() == 0) {
            return null;
        }
        return new Position(r.value(0, 0), Long.parseLong(r.value(0, 1)));
    }

    /** The statement recording {@code p} (and {@code rows} more rows) for {@code stream}. */
    public String upsertSql(String stream, Position p, long rows) {
        return "INSERT INTO " + table + " AS w (stream, target_table, sync_run, seq, rows_total) VALUES ("
                + db.literal(stream) + ", " + db.literal(target) + ", " + db.literal(p.syncRun) + ", " + p.seq + ", " + rows + ") ON CONFLICT (stream, target_table) DO UPDATE SET "
                + "sync_run = EXCLUDED.sync_run, seq = EXCLUDED.seq, rows_total = w.rows_total + EXCLUDED.rows_total, "
                + "updated_at = now()";
    }
}
