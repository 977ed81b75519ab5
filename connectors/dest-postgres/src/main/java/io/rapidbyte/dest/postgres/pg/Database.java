package io.rapidbyte.dest.postgres.pg;

import io.rapidbyte.dest.postgres.config.PostgresDestConfig;
import io.rapidbyte.postgres.wire.CopyIn;
import io.rapidbyte.postgres.wire.NonceSource;
import io.rapidbyte.postgres.wire.PgConnectOptions;
import io.rapidbyte.postgres.wire.PgConnection;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.QueryResult;
import io.rapidbyte.postgres.wire.TransactionStatus;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.SocketStream;

/**
 * The connector's one PostgreSQL session: connects through the host's allow-listed sockets and
 * runs statements, turning failures into {@link PgException}s the callers classify. Owns the
 * connection; not thread-safe.
 */
public final class Database implements AutoCloseable {
    private final PgConnection connection;

    private Database(PgConnection connection) {
        this.connection = connection;
    }

    /**
     * Connects and authenticates.
     *
     * @throws ConnectorException the host's NETWORK_DENIED / CONNECT_FAILED, or the server's
     *         refusal (auth, missing database, ...) with its SQLSTATE
     */
    public static Database connect(PostgresDestConfig config) {
        SocketStream socket = SocketStream.connect(config.host, config.port, GuestTransport.BUFFER);
        PgConnectOptions.Builder options = PgConnectOptions.builder(config.user)
                .password(config.password())
                .database(config.database)
                .applicationName(config.applicationName)
                .nonceSource(NonceSource.fallback());
        if (config.statementTimeoutMs > 0) {
            options.parameter("statement_timeout", Long.toString(config.statementTimeoutMs));
        }
        try {
            return new Database(PgConnection.connect(new GuestTransport(socket), options.build()));
        } catch (PgException e) {
            throw PgErrors.of("connecting to " + config.host + ":" + config.port + "/" + config.database
                    + " as " + config.user, e);
        }
    }

    /** Runs one or more statements. */
    public void execute(String sql) throws PgException {
        connection.simpleQuery(sql);
    }

    /** Runs {@code sql} and returns its (last statement's) rows. */
    public QueryResult query(String sql) throws PgException {
        return connection.query(sql);
    }

    public CopyIn copyIn(String sql) throws PgException {
        return connection.copyIn(sql);
    }

    public boolean inTransaction() {
        TransactionStatus s = connection.transactionStatus();
        return s != TransactionStatus.IDLE;
    }

    public boolean isBroken() {
        return connection.isClosed();
    }

    /** Rolls back whatever is open; never throws (a broken session rolls back on its own). */
    public void rollbackQuietly() {
        if (connection.isClosed()) {
            return;
        }
        try {
            if (inTransaction()) {
                connection.simpleQuery("ROLLBACK");
            }
        } catch (PgException | RuntimeException ignored) {
            // the session is gone or unusable; the server rolls back when it notices
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
