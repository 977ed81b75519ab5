package io.rapidbyte.source.postgres.net;

import io.rapidbyte.postgres.guest.Log;
import io.rapidbyte.postgres.guest.Redactor;
import io.rapidbyte.postgres.guest.net.Entropy;
import io.rapidbyte.postgres.guest.net.HostSocketTransport;
import io.rapidbyte.postgres.wire.NonceSource;
import io.rapidbyte.postgres.wire.PgConnectOptions;
import io.rapidbyte.postgres.wire.PgConnection;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.source.postgres.Errors;
import io.rapidbyte.source.postgres.config.PostgresSourceConfig;

/**
 * Opens authenticated sessions for the configured server through the host's allow-listed sockets.
 * SCRAM nonces come from a DRBG seeded with 32 bytes of host entropy per connection. Server notices
 * go to the log. Every failure becomes a connector error with the server's SQLSTATE or the host's
 * code (see {@link Errors}). Stateless apart from its collaborators; single-threaded.
 */
public final class PgSessions {
    private final PostgresSourceConfig config;
    private final Entropy entropy;
    private final Redactor redactor;
    private final Log log;

    public PgSessions(PostgresSourceConfig config, Entropy entropy, Redactor redactor, Log log) {
        this.config = config;
        this.entropy = entropy;
        this.redactor = redactor;
        this.log = log;
    }

    public PgConnection open() {
        String address = config.address();
        String context = "connecting to " + address + " as " + config.user() + " (database " + config.database() + ")";
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
        if (config.statementTimeoutMs() > 0) {
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
