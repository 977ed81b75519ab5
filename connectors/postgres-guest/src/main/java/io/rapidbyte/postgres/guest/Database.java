package io.rapidbyte.postgres.guest;

import io.rapidbyte.postgres.wire.CopyIn;
import io.rapidbyte.postgres.wire.PgConnection;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.QueryResult;
import io.rapidbyte.postgres.wire.TransactionStatus;

/**
 * A Postgres session as the connectors use it: statements, queries, COPY, transaction state, and
 * string literals quoted for this server's {@code standard_conforming_strings}. Failures are
 * {@link PgException}s the callers classify with {@link PgErrors}. Owns the connection; not
 * thread-safe.
 */
public final class Database implements AutoCloseable {
    private final PgConnection connection;
    private final boolean standardConformingStrings;

    public Database(PgConnection connection) {
        this.connection = connection;
        this.standardConformingStrings = Sql.standardConformingStrings(connection);
    }

    /** A new session from {@code sessions}; see {@link PgSessions#open()} for its errors. */
    public static Database open(PgSessions sessions) {
        return new Database(sessions.open());
    }

    /** The underlying connection, for work this class does not wrap (COPY TO, server parameters). */
    public PgConnection connection() {
        return connection;
    }

    /** Whether string literals for this server need no backslash escaping. */
    public boolean standardConformingStrings() {
        return standardConformingStrings;
    }

    /** {@link Sql#literal} for this server. */
    public String literal(String value) {
        return Sql.literal(value, standardConformingStrings);
    }

    /** {@link Sql#appendLiteral} for this server. */
    public void appendLiteral(StringBuilder sb, CharSequence value) {
        Sql.appendLiteral(sb, value, standardConformingStrings);
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
