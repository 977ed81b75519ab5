package io.rapidbyte.postgres.wire;

import io.rapidbyte.postgres.wire.binary.BigEndian;
import io.rapidbyte.sdk.text.Utf8;

import java.util.Map;

/**
 * Runs the startup phase: StartupMessage (protocol 3.0), the authentication
 * exchange (trust, cleartext, md5, SCRAM-SHA-256), then ParameterStatus and
 * BackendKeyData up to the first ReadyForQuery.
 *
 * <p>A server that ends SCRAM with AuthenticationOk without a verified
 * server-final-message is refused, so an impostor cannot skip the proof that it
 * knows the password. Over TLS, SCRAM-SHA-256-PLUS binds the exchange to the
 * channel when the server offers it ({@link ChannelBinding}); with
 * {@code REQUIRE} every other way to authenticate is refused. Single use; not
 * thread-safe.
 */
final class StartupHandshake {

    private static final int PROTOCOL_3_0 = 196608;

    private static final int AUTH_OK = 0;
    private static final int AUTH_CLEARTEXT = 3;
    private static final int AUTH_MD5 = 5;
    private static final int AUTH_SASL = 10;
    private static final int AUTH_SASL_CONTINUE = 11;
    private static final int AUTH_SASL_FINAL = 12;

    // Values the decoders and every text round trip depend on: text results in
    // UTF-8, ISO dates, UTC, floats printed with round-trip precision, intervals
    // in the style whose text reads back as the same value in any session
    // (sql_standard prints "-1 days -02:03:04" as "-1 2:03:04", which reads back
    // as -1 days +02:03:04), and money in the C locale, so a money text written
    // by one database reads back as the same amount in another whatever their
    // lc_monetary. Startup parameters win over database and role defaults.
    private static final String[][] FIXED = {
        {"client_encoding", "UTF8"},
        {"DateStyle", "ISO"},
        {"TimeZone", "UTC"},
        {"extra_float_digits", "3"},
        {"IntervalStyle", "postgres"},
        {"lc_monetary", "C"},
    };

    private final Session session;
    private final PgConnectOptions options;
    private ScramSha256Client scram;

    StartupHandshake(Session session, PgConnectOptions options) {
        this.session = session;
        this.options = options;
    }

    static boolean isReserved(String name) {
        if (name.equals("user") || name.equals("database") || name.equals("application_name")) {
            return true;
        }
        for (String[] kv : FIXED) {
            if (kv[0].equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    void run() throws PgException {
        sendStartup();
        boolean authenticated = false;
        while (true) {
            int type = session.next();
            switch (type) {
                case 'R':
                    authenticated = onAuthentication();
                    break;
                case 'E':
                    throw session.errorFromCurrent();
                case 'K':
                    session.onBackendKeyData();
                    break;
                case 'v':
                    break; // NegotiateProtocolVersion: we ask for 3.0 with no options, nothing to adapt
                case 'Z':
                    if (!authenticated) {
                        throw session.protocolViolation("ReadyForQuery before authentication completed");
                    }
                    session.onReadyForQuery();
                    return;
                default:
                    throw session.unexpected(type, "startup");
            }
        }
    }

    private void sendStartup() throws PgException {
        MessageWriter w = session.out;
        w.beginUntyped();
        w.int32(PROTOCOL_3_0);
        w.cstring("user");
        w.cstring(options.user());
        w.cstring("database");
        w.cstring(options.database());
        if (options.applicationName() != null) {
            w.cstring("application_name");
            w.cstring(options.applicationName());
        }
        for (String[] kv : FIXED) {
            w.cstring(kv[0]);
            w.cstring(kv[1]);
        }
        for (Map.Entry<String, String> e : options.extraParameters().entrySet()) {
            w.cstring(e.getKey());
            w.cstring(e.getValue());
        }
        w.int8(0);
        w.end();
        session.flush();
    }

    /** Handles one Authentication message; returns true once AuthenticationOk is accepted. */
    private boolean onAuthentication() throws PgException {
        MessageReader in = session.in;
        byte[] b = in.buffer();
        int p = in.bodyOffset();
        int len = in.bodyLength();
        if (len < 4) {
            throw session.protocolViolation("short Authentication message");
        }
        int code = BigEndian.int32(b, p);
        switch (code) {
            case AUTH_OK:
                if (scram != null && !scram.isVerified()) {
                    throw PgException.authFailure("server skipped SCRAM verification; refusing to continue");
                }
                if (options.channelBinding() == ChannelBinding.REQUIRE && (scram == null || !scram.bindsChannel())) {
                    throw PgException.authFailure("channel_binding is require, but the server authenticated the "
                            + "client without channel binding");
                }
                return true;
            case AUTH_CLEARTEXT:
                refuseUnboundMethod("cleartext password");
                sendPassword(requirePassword("cleartext"));
                return false;
            case AUTH_MD5:
                refuseUnboundMethod("md5");
                if (len < 8) {
                    throw session.protocolViolation("short AuthenticationMD5Password");
                }
                byte[] salt = new byte[4];
                System.arraycopy(b, p + 4, salt, 0, 4);
                sendPassword(Md5Password.response(options.user(), requirePassword("md5"), salt));
                return false;
            case AUTH_SASL:
                startScram(b, p + 4, p + len);
                return false;
            case AUTH_SASL_CONTINUE:
                if (scram == null) {
                    throw session.protocolViolation("SASL continue without SASL start");
                }
                String clientFinal = scram.handleServerFirst(Utf8.decode(b, p + 4, len - 4));
                sendSaslResponse(clientFinal);
                return false;
            case AUTH_SASL_FINAL:
                if (scram == null) {
                    throw session.protocolViolation("SASL final without SASL start");
                }
                scram.verifyServerFinal(Utf8.decode(b, p + 4, len - 4));
                return false;
            default:
                throw PgException.authFailure("server requested unsupported authentication method (code "
                        + code + "); supported: trust, password, md5, scram-sha-256");
        }
    }

    private void startScram(byte[] b, int from, int end) throws PgException {
        boolean offered = false;
        boolean offeredPlus = false;
        StringBuilder list = new StringBuilder();
        int p = from;
        while (p < end && b[p] != 0) {
            int z = Session.indexOfZero(b, p, end);
            if (z < 0) {
                throw session.protocolViolation("malformed SASL mechanism list");
            }
            String mech = Utf8.decode(b, p, z - p);
            offered |= mech.equals(ScramSha256Client.MECHANISM);
            offeredPlus |= mech.equals(ScramSha256Client.MECHANISM_PLUS);
            list.append(list.length() == 0 ? "" : ", ").append(mech);
            p = z + 1;
        }
        byte[] endPoint = options.serverEndPoint();
        boolean canBind = endPoint != null && endPoint.length > 0 && options.channelBinding() != ChannelBinding.DISABLE;
        boolean bind = canBind && offeredPlus;
        if (options.channelBinding() == ChannelBinding.REQUIRE && !bind) {
            throw PgException.authFailure("channel_binding is require, but " + (endPoint == null
                    ? "the connection is not TLS" : endPoint.length == 0
                    ? "the server certificate's hash is unknown (unsupported signature algorithm)"
                    : "the server does not offer " + ScramSha256Client.MECHANISM_PLUS) + " (offered: " + list + ")");
        }
        if (!offered && !bind) {
            throw PgException.authFailure("server offers no supported SASL mechanism (offered: " + list + ")");
        }
        String password = requirePassword("scram-sha-256");
        NonceSource nonces = options.nonceSource() != null ? options.nonceSource() : NonceSource.fallback();
        String gs2 = bind ? ScramSha256Client.GS2_END_POINT
                : canBind ? ScramSha256Client.GS2_NOT_OFFERED : ScramSha256Client.GS2_NONE;
        scram = new ScramSha256Client("", SaslPrep.prepare(password), ScramSha256Client.newNonce(nonces), gs2,
                bind ? endPoint : null);
        byte[] first = Utf8.encode(scram.clientFirstMessage());
        MessageWriter w = session.out;
        w.begin('p');
        w.cstring(bind ? ScramSha256Client.MECHANISM_PLUS : ScramSha256Client.MECHANISM);
        w.int32(first.length);
        w.bytes(first, 0, first.length);
        w.end();
        session.flush();
    }

    private void refuseUnboundMethod(String method) throws PgException {
        if (options.channelBinding() == ChannelBinding.REQUIRE) {
            throw PgException.authFailure("channel_binding is require, but the server asks for " + method
                    + " authentication, which cannot bind to the channel");
        }
    }

    private void sendSaslResponse(String message) throws PgException {
        byte[] bytes = Utf8.encode(message);
        MessageWriter w = session.out;
        w.begin('p');
        w.bytes(bytes, 0, bytes.length);
        w.end();
        session.flush();
    }

    private void sendPassword(String secret) throws PgException {
        MessageWriter w = session.out;
        w.begin('p');
        w.cstring(secret);
        w.end();
        session.flush();
    }

    private String requirePassword(String method) throws PgException {
        String pw = options.password();
        if (pw == null) {
            throw PgException.authFailure("server requires " + method
                    + " authentication for user " + options.user() + " but no password is configured");
        }
        return pw;
    }
}
