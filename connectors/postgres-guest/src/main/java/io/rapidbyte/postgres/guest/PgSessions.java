package io.rapidbyte.postgres.guest;

import io.rapidbyte.postgres.guest.config.ConnectionSettings;
import io.rapidbyte.postgres.guest.config.SslMode;
import io.rapidbyte.postgres.guest.net.Entropy;
import io.rapidbyte.postgres.guest.net.HostSocketTransport;
import io.rapidbyte.postgres.guest.net.TlsNegotiation;
import io.rapidbyte.postgres.wire.NonceSource;
import io.rapidbyte.postgres.wire.PgConnectOptions;
import io.rapidbyte.postgres.wire.PgConnection;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.replication.ReplicationCommands;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.TlsSession;

/**
 * Opens authenticated sessions for the configured server through the host's allow-listed sockets,
 * with libpq's {@code sslmode} rules: {@code disable} plaintext; {@code allow} plaintext, then TLS
 * on a new connection when the server refuses the plaintext startup; {@code prefer} TLS, plaintext
 * when the server answers {@code N} (same connection) or the TLS upgrade fails (new connection);
 * {@code require}, {@code verify-ca}, {@code verify-full} TLS or a clear error. Over TLS, SCRAM binds
 * to the channel per {@code channel_binding}. SCRAM nonces come from a DRBG seeded with 32 bytes of
 * host entropy per connection. Server notices go to the log. Every failure becomes a connector
 * error with the server's SQLSTATE or the host's code (see {@link PgErrors}). Stateless apart from
 * its collaborators; single-threaded.
 */
public final class PgSessions {
    private final ConnectionSettings settings;
    /** Whether the last {@link #attempt} got as far as a TLS session (libpq's prefer retry needs it). */
    private boolean tlsEstablished;
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
     * @throws ConnectorException the host's NETWORK_DENIED / CONNECT_FAILED / timeouts / TLS codes,
     *         {@code TLS_NOT_OFFERED}, or the server's refusal (auth, missing database, ...) with its SQLSTATE
     */
    public PgConnection open() {
        return open(false);
    }

    /**
     * A logical replication session ({@code replication=database}) with the same {@code sslmode}
     * and {@code channel_binding} rules as {@link #open()}: replication commands, plus simple
     * queries; no statement timeout. The caller owns it and closes it; a quiet stream is kept alive
     * by the caller's status updates.
     *
     * @throws ConnectorException as {@link #open()}
     */
    public PgConnection openReplication() {
        return open(true);
    }

    private PgConnection open(boolean replication) {
        SslMode mode = settings.tls().mode();
        if (mode == SslMode.ALLOW) {
            try {
                return attempt(false, true, replication);
            } catch (ConnectorException e) {
                if (!(e.getCause() instanceof PgException) || !((PgException) e.getCause()).isServerError()) {
                    throw e;
                }
                log.info("sslmode allow: the server refused the plaintext startup (" + e.error().code()
                        + "); trying TLS");
                return attempt(true, false, replication);
            }
        }
        if (mode == SslMode.PREFER) {
            try {
                return attempt(true, true, replication);
            } catch (ConnectorException e) {
                // As libpq: a failed TLS upgrade, or a server that refused the startup over TLS
                // (pg_hba.conf hostnossl), gets one more try without TLS.
                boolean refusedOverTls = tlsEstablished && e.getCause() instanceof PgException
                        && ((PgException) e.getCause()).isServerError();
                if (!e.error().code().startsWith("TLS_") && !refusedOverTls) {
                    throw e;
                }
                log.warn("sslmode prefer: " + (refusedOverTls ? "the server refused the connection over TLS"
                        : "TLS failed") + " (" + e.error().message() + "); connecting without TLS");
                return attempt(false, true, replication);
            }
        }
        return attempt(mode != SslMode.DISABLE, false, replication);
    }

    private PgConnection attempt(boolean tls, boolean plaintextAllowed, boolean replication) {
        String address = settings.address();
        String context = "connecting to " + address + " as " + settings.user() + " (database "
                + settings.database() + ", sslmode " + settings.tls().mode().wireName() + ")"
                + (replication ? " for replication" : "");
        HostSocketTransport transport;
        try {
            transport = HostSocketTransport.connect(settings.host(), settings.port(), address,
                    settings.connectTimeoutMs());
        } catch (ConnectorException e) {
            throw PgErrors.fromHost(context, e.error(), redactor);
        }
        byte[] seed = new byte[32];
        PgConnection connection;
        tlsEstablished = false;
        try {
            TlsSession session = tls ? TlsNegotiation.negotiate(transport, settings, plaintextAllowed) : null;
            if (session != null) {
                tlsEstablished = true;
                log.debug("TLS to " + address + ": " + session);
            }
            entropy.nextBytes(seed);
            connection = PgConnection.connect(transport, options(session, seed, replication));
        } catch (PgException e) {
            transport.close();
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

    private PgConnectOptions options(TlsSession session, byte[] seed, boolean replication) {
        PgConnectOptions.Builder options = PgConnectOptions.builder(settings.user())
                .password(settings.password())
                .database(settings.database())
                .applicationName(settings.applicationName())
                .nonceSource(NonceSource.seeded(seed))
                .channelBinding(settings.tls().channelBinding());
        if (session != null) {
            options.tls(session.serverEndPoint());
        }
        if (replication) {
            ReplicationCommands.replicationMode(options);
        }
        if (settings.statementTimeoutMs() > 0 && !replication) {
            options.parameter("statement_timeout", Long.toString(settings.statementTimeoutMs()));
        }
        return options.build();
    }
}
