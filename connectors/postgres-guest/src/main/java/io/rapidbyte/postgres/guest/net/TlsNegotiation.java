package io.rapidbyte.postgres.guest.net;

import io.rapidbyte.postgres.guest.config.ConnectionSettings;
import io.rapidbyte.postgres.guest.config.TlsSettings;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.SslRequest;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.TlsOptions;
import io.rapidbyte.sdk.TlsSession;
import java.util.Collections;

/**
 * Turns a fresh connection into a TLS one the libpq way: {@code SSLRequest} and, on {@code S}, the
 * host's {@code socket-start-tls} (or, with {@code sslnegotiation=direct}, the handshake at once,
 * which PostgreSQL 17 accepts only with ALPN {@code postgresql}). ALPN {@code postgresql} is always
 * offered, as libpq 17 does. Stateless.
 */
public final class TlsNegotiation {
    /** The ALPN protocol name PostgreSQL 17 registers. */
    public static final String ALPN = "postgresql";
    /** The server answered {@code N} to the SSLRequest while TLS is required. */
    public static final String TLS_NOT_OFFERED = "TLS_NOT_OFFERED";

    private TlsNegotiation() {
    }

    /**
     * Negotiates TLS on {@code transport}.
     *
     * @param plaintextAllowed whether an {@code N} answer may continue in plaintext
     * @return the session, or null when the server declined and plaintext is allowed
     * @throws io.rapidbyte.sdk.ConnectorException the host's TLS errors (the socket is closed then),
     *         or {@code config/TLS_NOT_OFFERED}
     */
    public static TlsSession negotiate(HostSocketTransport transport, ConnectionSettings settings,
            boolean plaintextAllowed) throws PgException {
        TlsSettings tls = settings.tls();
        if (!tls.direct() && !SslRequest.send(transport)) {
            if (plaintextAllowed) {
                return null;
            }
            throw ConnectorError.config(TLS_NOT_OFFERED, "the server at " + settings.address() + " does not offer "
                    + "TLS (it answered N to the SSLRequest), but sslmode is " + tls.mode().wireName()).toException();
        }
        TlsSession session;
        try {
            session = transport.startTls(new TlsOptions(settings.host(), tls.verify(), tls.rootCert(), tls.cert(),
                    tls.key(), Collections.singletonList(ALPN)));
        } catch (ConnectorException e) {
            throw inConfigTerms(e);
        }
        if (tls.direct() && !ALPN.equals(session.alpn())) {
            transport.close();
            throw ConnectorError.config("TLS_ALPN_MISMATCH", "the server at " + settings.address() + " did not select "
                    + "ALPN \"" + ALPN + "\" for a direct TLS connection").toException();
        }
        return session;
    }

    /** The host names the WIT fields; the user wrote this connector's settings. */
    private static ConnectorException inConfigTerms(ConnectorException e) {
        ConnectorError x = e.error();
        String message = x.message().replace("(ca-pem)", "(sslrootcert)").replace("(client-cert-pem)", "(sslcert)")
                .replace("(client-key-pem)", "(sslkey)");
        if (message.equals(x.message())) {
            return e;
        }
        return new ConnectorError(x.category(), x.scope(), x.code(), message, x.retryable(), x.retryAfterMs(),
                x.backoffClass(), x.safeToRetry(), x.commitState(), x.detailsJson()).toException();
    }
}
