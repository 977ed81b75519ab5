package io.rapidbyte.postgres.guest;

import io.rapidbyte.postgres.guest.config.ConnectionSettings;
import io.rapidbyte.postgres.guest.net.Entropy;
import io.rapidbyte.postgres.guest.net.HostSocketTransport;
import io.rapidbyte.postgres.wire.NonceSource;
import io.rapidbyte.postgres.wire.PgConnectOptions;
import io.rapidbyte.postgres.wire.PgConnection;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.sdk.ConnectorException;

/**
 * Opens authenticated sessions for the configured server through the host's allow-listed sockets.
 * SCRAM nonces come from a DRBG seeded with 32 bytes of host entropy per connection. Server notices
 * go to the log. Every failure becomes a connector error with the server's SQLSTATE or the host's
 * code (see {@link PgErrors}). Stateless apart from its collaborators; single-threaded.
 */
public final class PgSessions {
    private final ConnectionSettings settings;
    private final Entropy entropy;
    private final Redactor redactor;
    private final Log log;

    public PgSessions(ConnectionSettings settings, Entropy entropy, Redactor redactor, Log log) {
        this.settings = settings;
        this.entropy = entropy;
        this.redactor = redactor;
        this.log = log;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /**
     * A new session; the caller owns it and closes it.
     *
     * @throws ConnectorException the host's NETWORK_DENIED / CONNECT_FAILED / timeouts, or the
     *         server's refusal (auth, missing database, ...) with its SQLSTATE
     */
    public PgConnection open() {
        String address = settings.address();
        String context = "connecting to " + address + " as " + settings.user() + " (database "
                + settings.database() + ")";
        HostSocketTransport transport;
        try {
            transport = HostSocketTransport.connect(settings.host(), settings.port(), address,
                    settings.connectTimeoutMs());
        } catch (ConnectorException e) {
            throw PgErrors.fromHost(context, e.error(), redactor);
        }
        byte[] seed = new byte[32];
        entropy.nextBytes(seed);
        PgConnectOptions.Builder options = PgConnectOptions.builder(settings.user())
                .password(settings.password())
                .database(settings.database())
                .applicationName(settings.applicationName())
                .nonceSource(NonceSource.seeded(seed));
        if (settings.statementTimeoutMs() > 0) {
            options.parameter("statement_timeout", Long.toString(settings.statementTimeoutMs()));
        }
        PgConnection connection;
        try {
            connection = PgConnection.connect(transport, options.build());
        } catch (PgException e) {
            throw PgErrors.of(context, e, redactor);
        } catch (ConnectorException e) {
            transport.close();
            throw PgErrors.fromHost(context, e.error(), redactor);
        } finally {
            for (int i = 0; i < seed.length; i++) {
                seed[i] = 0;
            }
        }
        transport.clearDeadline();
        connection.setNoticeListener(m -> log.info("server notice: " + redactor.redact(m.message())));
        return connection;
    }
}
