package io.rapidbyte.it.data;

import io.rapidbyte.it.env.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two tables of one database row by row with {@code EXCEPT ALL} both ways (so a missing,
 * changed or duplicated row all count), and their column types. Values are compared by their
 * text form: stricter than {@code =} where it matters here (-0 vs 0, 1.0 vs 1.00) and defined
 * for types without an equality operator (json, point, xml). Stateless.
 */
public final class TableDiff {
    private TableDiff() {
    }

    /**
     * @param onlyInLeft  rows of {@code left} (with multiplicity) that {@code right} lacks
     * @param onlyInRight rows of {@code right} that {@code left} lacks
     * @param typeDiffs   "column: left type ≠ right type" for every column whose declared type differs
     */
    public record Result(long leftRows, long rightRows, long onlyInLeft, long onlyInRight, List<String> typeDiffs) {
        public boolean equal() {
            return onlyInLeft == 0 && onlyInRight == 0 && leftRows == rightRows && typeDiffs.isEmpty();
        }

        @Override
        public String toString() {
            return "rows " + leftRows + " vs " + rightRows + ", only in source " + onlyInLeft + ", only in target "
                    + onlyInRight + (typeDiffs.isEmpty() ? "" : ", type differences " + typeDiffs);
        }
    }

    /** {@code left} and {@code right} are {@code schema.table}; the columns compared are {@code left}'s. */
    public static Result compare(PostgresServer pg, String database, String left, String right) {
        try (Connection c = pg.connect(database)) {
            Map<String, String> leftTypes = columnTypes(c, left);
            Map<String, String> rightTypes = columnTypes(c, right);
            List<String> typeDiffs = new ArrayList<>();
            List<String> select = new ArrayList<>();
            for (Map.Entry<String, String> col : leftTypes.entrySet()) {
                String other = rightTypes.get(col.getKey());
                if (!col.getValue().equals(other)) {
                    typeDiffs.add(col.getKey() + ": " + col.getValue() + " ≠ " + other);
                }
                String quoted = "\"" + col.getKey().replace("\"", "\"\"") + "\"";
                select.add(quoted + "::text");
            }
            String cols = String.join(", ", select);
            long onlyLeft = count(c, "SELECT " + cols + " FROM " + left + " EXCEPT ALL SELECT " + cols + " FROM " + right);
            long onlyRight = count(c, "SELECT " + cols + " FROM " + right + " EXCEPT ALL SELECT " + cols + " FROM " + left);
            return new Result(count(c, "SELECT 1 FROM " + left), count(c, "SELECT 1 FROM " + right), onlyLeft, onlyRight,
                    typeDiffs);
        } catch (SQLException e) {
            throw new IllegalStateException("comparing " + left + " with " + right + " failed: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> columnTypes(Connection c, String table) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private static long count(Connection c, String query) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM (" + query + ") AS d");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
