package io.rapidbyte.postgres.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A real PostgreSQL 17 server (zonky embedded binaries) for tests, listening on 127.0.0.1.
 *
 * <p>Users: {@code postgres} (superuser, trust), {@link #TRUST_USER} (trust), {@link #PASSWORD_USER}
 * (cleartext password), {@link #MD5_USER} (md5) and {@link #SCRAM_USER} (scram-sha-256), all with
 * {@link #PASSWORD}; any other user must pass SCRAM. {@code synchronous_commit=on} so a commit the
 * server acknowledged survives, and {@code wal_level=logical} so CDC can be tested.
 *
 * <p>Thread-safe. {@link #shared()} gives one server per JVM, stopped at JVM exit; {@link #start()}
 * gives a private one the caller closes.
 */
public final class TestPostgres implements AutoCloseable {
    public static final String TRUST_USER = "trust_user";
    public static final String PASSWORD_USER = "pw_user";
    public static final String MD5_USER = "md5_user";
    public static final String SCRAM_USER = "scram_user";
    public static final String PASSWORD = "s3cr3t-Pa55word!";

    private static TestPostgres shared;

    private final EmbeddedPostgres pg;

    private TestPostgres(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    /** The JVM-wide server, started on first use. */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            shared = start();
            TestPostgres server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-postgres-stop"));
        }
        return shared;
    }

    /** A new private server with the users above. */
    public static TestPostgres start() {
        return start(java.util.Map.of());
    }

    /**
     * A new private server with the users above and extra server settings (e.g.
     * {@code shared_preload_libraries=pg_stat_statements} for a benchmark).
     */
    public static TestPostgres start(java.util.Map<String, String> settings) {
        EmbeddedPostgres pg;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setDataDirectoryCustomizer(TestPostgres::writeHba);
            settings.forEach(builder::setServerConfig);
            pg = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting embedded PostgreSQL failed", e);
        }
        TestPostgres server = new TestPostgres(pg);
        server.execute("postgres",
                "SET password_encryption = 'scram-sha-256';"
                        + "CREATE ROLE " + TRUST_USER + " LOGIN SUPERUSER;"
                        + "CREATE ROLE " + PASSWORD_USER + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "';"
                        + "CREATE ROLE " + SCRAM_USER + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "';"
                        + "SET password_encryption = 'md5';"
                        + "CREATE ROLE " + MD5_USER + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "';");
        return server;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return pg.getPort();
    }

    /** A JDBC URL for {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** A pgjdbc connection as the trusted superuser to {@code database}. */
    public Connection connect(String database) {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        try {
            return DriverManager.getConnection(jdbcUrl(database), props);
        } catch (SQLException e) {
            throw new IllegalStateException("connecting to " + jdbcUrl(database) + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code sql} (may hold several statements) as the superuser in database {@code postgres}. */
    public void execute(String sql) {
        execute("postgres", sql);
    }

    /** Runs {@code sql} as the superuser in {@code database}. */
    public void execute(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed in " + database + ": " + e.getMessage() + "\n" + sql, e);
        }
    }

    /** Creates a fresh, empty database and returns its name. */
    public String createDatabase(String prefix) {
        String name = prefix + "_" + Long.toUnsignedString(System.nanoTime(), 36);
        execute("CREATE DATABASE " + name);
        return name;
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeHba(File dataDir) {
        String hba = String.join("\n",
                "local all all trust",
                "host all postgres 127.0.0.1/32 trust",
                "host all " + TRUST_USER + " 127.0.0.1/32 trust",
                "host all " + PASSWORD_USER + " 127.0.0.1/32 password",
                "host all " + MD5_USER + " 127.0.0.1/32 md5",
                "host all " + SCRAM_USER + " 127.0.0.1/32 scram-sha-256",
                "host all all 127.0.0.1/32 scram-sha-256",
                "");
        try {
            Files.write(Path.of(dataDir.getPath(), "pg_hba.conf"), hba.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
