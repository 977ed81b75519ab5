package io.rapidbyte.source.postgres;

import io.rapidbyte.postgres.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The shared embedded Postgres 17 and small helpers around it for these tests. */
final class Pg {
    static final TestPostgres SERVER = TestPostgres.shared();

    private Pg() {
    }

    static String newDatabase(String prefix) {
        return SERVER.createDatabase(prefix);
    }

    static void sql(String database, String sql) {
        SERVER.execute(database, sql);
    }

    static long count(String database, String sql) {
        try (Connection c = SERVER.connect(database); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A config JSON for {@code database} as {@code user} (password {@link TestPostgres#PASSWORD} unless trust). */
    static String config(String database, String user, String extraMembers) {
        String password = user.equals(TestPostgres.TRUST_USER) ? "" : ",\"password\":\"" + TestPostgres.PASSWORD + "\"";
        return "{\"host\":\"" + SERVER.host() + "\",\"port\":" + SERVER.port() + ",\"database\":\"" + database
                + "\",\"user\":\"" + user + "\"" + password
                + (extraMembers == null || extraMembers.isEmpty() ? "" : "," + extraMembers) + "}";
    }

    static int port() {
        return SERVER.port();
    }
}
