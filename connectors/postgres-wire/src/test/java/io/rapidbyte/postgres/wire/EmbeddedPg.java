package io.rapidbyte.postgres.wire;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One embedded PostgreSQL 17 per test JVM, with pg_hba.conf rules giving each
 * test user its own authentication method.
 */
final class EmbeddedPg {

    static final String TRUST_USER = "trust_user";
    static final String PASSWORD_USER = "pw_user";
    static final String MD5_USER = "md5_user";
    static final String SCRAM_USER = "scram_user";
    static final String PASSWORD = "s3cr3t-Pa55word!";
    static final String SCRAM_PASSWORD = "Sc\u00e4m-p\u00e4ss w\u00f6rd \u2603";

    private static EmbeddedPostgres pg;

    private EmbeddedPg() {
    }

    static synchronized int port() {
        if (pg == null) {
            start();
        }
        return pg.getPort();
    }

    static PgConnection connect(String user, String password) throws PgException {
        PgConnectOptions.Builder b = PgConnectOptions.builder(user).database("postgres")
                .nonceSource(NonceSource.seeded(new byte[] {1, 2, 3, (byte) System.nanoTime()}));
        if (password != null) {
            b.password(password);
        }
        return PgConnection.connect(new SocketTransport("127.0.0.1", port()), b.build());
    }

    /** A logical replication connection (replication=database) as the superuser. */
    static PgConnection replication() throws PgException {
        return PgConnection.connect(new SocketTransport("127.0.0.1", port()),
                io.rapidbyte.postgres.wire.replication.ReplicationCommands.replicationMode(
                        PgConnectOptions.builder("postgres").database("postgres")).build());
    }

    static PgConnection superuser() throws PgException {
        return connect("postgres", null);
    }

    private static void start() {
        try {
            pg = EmbeddedPostgres.builder()
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setDataDirectoryCustomizer(EmbeddedPg::writeHba)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (PgConnection c = superuser()) {
            c.simpleQuery("SET password_encryption = 'scram-sha-256';"
                    + "CREATE ROLE " + TRUST_USER + " LOGIN;"
                    + "CREATE ROLE " + PASSWORD_USER + " LOGIN PASSWORD '" + PASSWORD + "';"
                    + "CREATE ROLE " + SCRAM_USER + " LOGIN PASSWORD '" + SCRAM_PASSWORD + "';"
                    + "SET password_encryption = 'md5';"
                    + "CREATE ROLE " + MD5_USER + " LOGIN PASSWORD '" + PASSWORD + "';");
        } catch (PgException e) {
            throw new IllegalStateException("creating test roles failed: " + e, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (IOException ignored) {
                // JVM is exiting
            }
        }));
    }

    private static void writeHba(java.io.File dataDir) {
        String hba = String.join("\n",
                "local all all trust",
                "host all postgres 127.0.0.1/32 trust",
                "host all " + TRUST_USER + " 127.0.0.1/32 trust",
                "host all " + PASSWORD_USER + " 127.0.0.1/32 password",
                "host all " + MD5_USER + " 127.0.0.1/32 md5",
                "host all " + SCRAM_USER + " 127.0.0.1/32 scram-sha-256",
                "host all all 127.0.0.1/32 scram-sha-256",
                "host all all ::1/128 scram-sha-256",
                "");
        try {
            Files.write(Path.of(dataDir.getPath(), "pg_hba.conf"), hba.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
