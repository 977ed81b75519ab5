package io.rapidbyte.postgres.wire;

import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL session over protocol v3: startup and authentication, simple
 * queries with text results, and COPY in both directions.
 *
 * <p>Ownership: the connection owns its {@link PgTransport} and closes it in
 * {@link #close()}. A {@link CopyOut} or {@link CopyIn} it hands out reserves the
 * connection until that stream ends; starting anything else meanwhile throws
 * {@link IllegalStateException}.
 *
 * <p>After a {@link PgException} with {@link PgException#connectionBroken()} the
 * connection refuses further work; after other server errors (a missing table, a
 * rejected row) it is idle again and usable (inside a transaction block the
 * transaction is then failed, see {@link #transactionStatus()}).
 *
 * <p>Not thread-safe: use from one thread at a time.
 */
public final class PgConnection implements AutoCloseable {

    private final Session session;
    private final PgConnectOptions options;

    private PgConnection(Session session, PgConnectOptions options) {
        this.session = session;
        this.options = options;
    }

    /**
     * Runs startup and authentication over {@code transport}. On failure the
     * transport is closed before the exception is thrown.
     */
    public static PgConnection connect(PgTransport transport, PgConnectOptions options) throws PgException {
        return connect(transport, options, MessageReader.DEFAULT_BUFFER);
    }

    /** As {@link #connect(PgTransport, PgConnectOptions)} with a chosen receive buffer size. */
    public static PgConnection connect(PgTransport transport, PgConnectOptions options, int readBufferSize)
            throws PgException {
        if (readBufferSize < 1024) {
            throw new IllegalArgumentException("read buffer must be at least 1 KiB");
        }
        Session session = new Session(transport, readBufferSize);
        try {
            new StartupHandshake(session, options).run();
        } catch (PgException | RuntimeException e) {
            session.markBroken();
            session.close();
            throw e;
        }
        return new PgConnection(session, options);
    }

    /** Runs {@code sql} (one or more statements) with the simple query protocol. */
    public List<QueryResult> simpleQuery(String sql) throws PgException {
        checkReady();
        return new SimpleQuery(session).execute(sql);
    }

    /** Runs {@code sql} and returns the last statement's result (never null for non-empty SQL). */
    public QueryResult query(String sql) throws PgException {
        List<QueryResult> results = simpleQuery(sql);
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no statement in query");
        }
        return results.get(results.size() - 1);
    }

    /**
     * Starts {@code COPY ... TO STDOUT} and returns the stream of its payloads.
     *
     * @throws IllegalArgumentException if {@code sql} is not a COPY TO STDOUT (the connection is idle again)
     */
    public CopyOut copyOut(String sql) throws PgException {
        checkReady();
        return CopyOut.start(session, sql);
    }

    /**
     * Runs a COPY TO STDOUT to completion, handing each payload chunk to
     * {@code handler}; returns the row count.
     */
    public long copyOut(String sql, CopyDataHandler handler) throws PgException {
        CopyOut out = copyOut(sql);
        try {
            while (out.next()) {
                handler.onData(out.buffer(), out.offset(), out.length());
            }
        } catch (PgException | RuntimeException e) {
            // The handler gave up: drain so the connection is idle again, but
            // report the handler's failure, not whatever draining runs into.
            if (!out.isFinished() && !session.isBroken()) {
                try {
                    out.close();
                } catch (PgException | RuntimeException drainFailure) {
                    e.addSuppressed(drainFailure);
                }
            }
            throw e;
        }
        return out.rowCount();
    }

    /**
     * Starts {@code COPY ... FROM STDIN}.
     *
     * @throws IllegalArgumentException if {@code sql} is not a COPY FROM STDIN (the connection is idle again)
     */
    public CopyIn copyIn(String sql) throws PgException {
        checkReady();
        return CopyIn.start(session, sql);
    }

    /**
     * Starts a CopyBoth exchange, e.g. {@code START_REPLICATION} on a connection opened with the
     * startup parameter {@code replication=database}.
     *
     * @throws PgException the server's refusal (the connection is idle again)
     * @throws IllegalArgumentException if {@code sql} did not start CopyBoth (the connection is idle again)
     */
    public CopyBoth copyBoth(String sql) throws PgException {
        checkReady();
        return CopyBoth.start(session, sql);
    }

    /** Reports NoticeResponse messages to {@code listener} (null to ignore them). */
    public void setNoticeListener(NoticeListener listener) {
        session.setNoticeListener(listener);
    }

    /** Server parameters reported so far (server_version, TimeZone, integer_datetimes, ...). */
    public Map<String, String> parameters() {
        return session.parameters();
    }

    public String parameter(String name) {
        return session.parameter(name);
    }

    /** server_version_num as an integer when reported, else parsed from server_version, else -1. */
    public int serverVersionNum() {
        return ServerVersion.parse(session.parameter("server_version_num"), session.parameter("server_version"));
    }

    /** Backend process id from BackendKeyData. */
    public int backendProcessId() {
        return session.backendPid();
    }

    /** Cancel key from BackendKeyData. */
    public int backendSecretKey() {
        return session.backendSecret();
    }

    public TransactionStatus transactionStatus() {
        return session.txStatus();
    }

    /** Current size of the receive buffer in bytes (for memory accounting). */
    public int receiveBufferCapacity() {
        return session.in.capacity();
    }

    public PgConnectOptions options() {
        return options;
    }

    /** True after {@link #close()} or a failure that broke the session. */
    public boolean isClosed() {
        return session.isClosed() || session.isBroken();
    }

    /** Sends Terminate (when the session is still sane) and closes the transport. Never throws. */
    @Override
    public void close() {
        session.close();
    }

    private void checkReady() throws PgException {
        if (session.isClosed()) {
            throw new IllegalStateException("connection is closed");
        }
        if (session.isBroken()) {
            throw PgException.connectionFailure("connection is broken by an earlier failure", null);
        }
        if (session.activeOperation != null) {
            throw new IllegalStateException("a COPY is still in progress on this connection");
        }
    }
}
