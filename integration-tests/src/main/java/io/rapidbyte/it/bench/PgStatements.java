package io.rapidbyte.it.bench;

import io.rapidbyte.it.env.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Server-side execution time of the statements a run sent, from {@code pg_stat_statements}
 * (the embedded environment preloads it; elsewhere the figures are reported as unavailable).
 * A {@code COPY} runs as long as its client keeps feeding or draining it, so its time is the
 * server's view of the whole transfer, not the server's CPU. Stateless.
 */
final class PgStatements {
    /** Seconds of total execution time per kind of statement; negative when unavailable. */
    record Times(double copyOut, double copyIn, double commits, double other) {
        static final Times UNAVAILABLE = new Times(-1, -1, -1, -1);

        boolean available() {
            return copyOut >= 0;
        }
    }

    private PgStatements() {
    }

    /** Resets the statistics (call before a run); false when the extension is not there. */
    static boolean reset(PostgresServer pg) {
        try {
            pg.execute("postgres", "CREATE EXTENSION IF NOT EXISTS pg_stat_statements;"
                    + "SELECT pg_stat_statements_reset()");
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Totals since the last {@link #reset} over statements of {@code database} by its login roles. */
    static Times read(PostgresServer pg, String database) {
        String sql = "SELECT coalesce(sum(total_exec_time) FILTER (WHERE query ILIKE 'copy %to stdout%'), 0),"
                + " coalesce(sum(total_exec_time) FILTER (WHERE query ILIKE 'copy %from stdin%'), 0),"
                + " coalesce(sum(total_exec_time) FILTER (WHERE query ILIKE '%commit%'"
                + " AND query NOT ILIKE 'copy %'), 0),"
                + " coalesce(sum(total_exec_time) FILTER (WHERE query NOT ILIKE 'copy %'"
                + " AND query NOT ILIKE '%commit%'), 0)"
                + " FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid"
                + " JOIN pg_roles r ON r.oid = s.userid"
                + " WHERE d.datname = '" + database + "' AND r.rolname LIKE 'rapidbyte_%'";
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new Times(rs.getDouble(1) / 1e3, rs.getDouble(2) / 1e3, rs.getDouble(3) / 1e3, rs.getDouble(4) / 1e3);
        } catch (SQLException e) {
            return Times.UNAVAILABLE;
        }
    }
}
