package io.rapidbyte.it.env;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A PostgreSQL server the tests, the demo and the benchmark talk to through pgjdbc as a superuser
 * (embedded binaries or a container). Connectors never use the superuser: they log in as a role
 * created with {@link #createLoginRole}. Thread-safe (every call opens its own connection).
 */
public final class PostgresServer {
    private final String host;
    private final int port;
    private final String superUser;
    private final String superPassword;

    public PostgresServer(String host, int port, String superUser, String superPassword) {
        this.host = host;
        this.port = port;
        this.superUser = superUser;
        this.superPassword = superPassword;
    }

    /** The host connectors connect to (what goes into {@code wasm.config.host}). */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** A superuser connection to {@code database}; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", superUser);
        if (superPassword != null) {
            props.setProperty("password", superPassword);
        }
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /**
     * A superuser logical replication connection ({@code replication=database}, simple query
     * protocol, pgjdbc's replication API) to {@code database}; the caller closes it.
     */
    public Connection connectForReplication(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", superUser);
        if (superPassword != null) {
            props.setProperty("password", superPassword);
        }
        props.setProperty("replication", "database");
        props.setProperty("preferQueryMode", "simple");
        props.setProperty("assumeMinServerVersion", "10");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** Runs {@code sql} (may hold several statements) in {@code database}. */
    public void execute(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed in " + database + ": " + e.getMessage() + "\n" + sql, e);
        }
    }

    /** The first column of the first row of {@code sql} as a long. */
    public long queryLong(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row from: " + sql);
            }
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("query failed in " + database + ": " + e.getMessage() + "\n" + sql, e);
        }
    }

    /** Creates database {@code name} (dropping an old one of that name first). */
    public void createDatabase(String name) {
        execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        execute("postgres", "CREATE DATABASE " + name);
    }

    /**
     * Creates (or resets the password of) a login role that authenticates with a password. It is a
     * superuser because scenarios create and drop databases freely; in production the source needs
     * only SELECT on its tables and the destination CREATE on its target schema.
     */
    public void createLoginRole(String role, String password) {
        execute("postgres", "SET password_encryption = 'scram-sha-256';"
                + "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN "
                + "CREATE ROLE " + role + " LOGIN SUPERUSER; END IF; END$$;"
                + "ALTER ROLE " + role + " PASSWORD '" + password.replace("'", "''") + "'");
    }
}
