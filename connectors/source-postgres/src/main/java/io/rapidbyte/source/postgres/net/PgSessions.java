package io.rapidbyte.source.postgres.net;

import io.rapidbyte.postgres.wire.NonceSource;
import io.rapidbyte.postgres.wire.PgConnectOptions;
import io.rapidbyte.postgres.wire.PgConnection;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.replication.ReplicationCommands;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.source.postgres.Errors;
import io.rapidbyte.source.postgres.Log;
import io.rapidbyte.source.postgres.Redactor;
import io.rapidbyte.source.postgres.config.SourceConfig;

/**
 * Opens authenticated sessions for the configured server through the host's allow-listed sockets.
 * SCRAM nonces come from a DRBG seeded with 32 bytes of host entropy per connection. Server notices
 * go to the log. Every failure becomes a connector error with the server's SQLSTATE or the host's
 * code (see {@link Errors}). Stateless apart from its collaborators; single-threaded.
 */
public final class PgSessions {
    private final SourceConfig config;
    private final Entropy entropy;
    private final Redactor redactor;
    private final Log log;

    public PgSessions(SourceConfig config, Entropy entropy, Redactor redactor, Log log) {
        this.config = config;
        this.entropy = entropy;
        this.redactor = redactor;
        this.log = log;
    }

    public PgConnection open() {
        return open(false);
    }

    /**
     * A logical replication session ({@code replication=database}): replication commands, plus
     * simple queries. Its socket reads wait without a deadline; a quiet stream is kept alive by
     * the caller's status updates.
     */
    public PgConnection openReplication() {
        return open(true);
    }

    private PgConnection open(boolean replication) {
        String address = config.address();
        String context = "connecting to " + address + " as " + config.user() + " (database " + config.database() + ")"
                + (replication ? " for replication" : "");
        HostSocketTransport transport;
        try {
            transport = HostSocketTransport.connect(config.host(), config.port(), address, config.connectTimeoutMs());
        } catch (ConnectorException e) {
            throw Errors.fromHost(context, e.error(), redactor);
        }
        byte[] seed = new byte[32];
        entropy.nextBytes(seed);
        PgConnectOptions.Builder options = PgConnectOptions.builder(config.user())
                .password(config.password())
                .database(config.database())
                .applicationName(config.applicationName())
                .nonceSource(NonceSource.seeded(seed));
        if (replication) {
            ReplicationCommands.replicationMode(options);
        }
        if (config.statementTimeoutMs() > 0 && !replication) {
            options.parameter("statement_timeout", Long.toString(config.statementTimeoutMs()));
        }
        PgConnection connection;
        try {
            connection = PgConnection.connect(transport, options.build());
        } catch (PgException e) {
            throw Errors.fromPg(context, e, redactor);
        } catch (ConnectorException e) {
            transport.close();
            throw Errors.fromHost(context, e.error(), redactor);
        } finally {
            for (int i = 0; i < seed.length; i++) {
                seed[i] = 0;
            }
        }
        transport.clearDeadline();
        connection.setNoticeListener(m -> log.info("server notice: " + m.message()));
        return connection;
    }
}
