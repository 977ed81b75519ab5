package io.rapidbyte.postgres.guest.config;

import io.rapidbyte.postgres.wire.ChannelBinding;
import io.rapidbyte.sdk.TlsVerify;
import io.rapidbyte.sdk.json.JsonObject;

/**
 * The libpq TLS settings of a Postgres connection: {@code sslmode} (default {@code prefer}),
 * {@code sslrootcert}, {@code sslcert}, {@code sslkey} (PEM text, not file names: a guest has no
 * files; they are config secrets, so Connect's {@code ${file:...}} provider can supply them),
 * {@code sslnegotiation} ({@code postgres} or PostgreSQL 17's {@code direct}) and
 * {@code channel_binding}. Immutable; {@link #toString()} never shows the PEM texts.
 */
public final class TlsSettings {
    private static final String[] NEGOTIATIONS = {"postgres", "direct"};
    private static final String[] CHANNEL_BINDINGS = {"disable", "prefer", "require"};

    private final SslMode mode;
    private final String rootCert;
    private final String cert;
    private final String key;
    private final boolean direct;
    private final ChannelBinding channelBinding;

    private TlsSettings(SslMode mode, String rootCert, String cert, String key, boolean direct,
            ChannelBinding channelBinding) {
        this.mode = mode;
        this.rootCert = rootCert;
        this.cert = cert;
        this.key = key;
        this.direct = direct;
        this.channelBinding = channelBinding;
    }

    /** Reads the TLS members of {@code config}; problems go to {@code members}. */
    static TlsSettings read(JsonObject config, ConfigMembers members) {
        SslMode mode = SslMode.fromWireName(members.choice(config, "sslmode", SslMode.wireNames(), "prefer", ""));
        String rootCert = pem(config, "sslrootcert", "CERTIFICATE", members);
        String cert = pem(config, "sslcert", "CERTIFICATE", members);
        String key = pem(config, "sslkey", "PRIVATE KEY", members);
        boolean direct = "direct".equals(members.choice(config, "sslnegotiation", NEGOTIATIONS, "postgres", ""));
        String binding = members.choice(config, "channel_binding", CHANNEL_BINDINGS, "prefer", "");
        if ((cert == null) != (key == null)) {
            members.problem("\"sslcert\" and \"sslkey\" go together: give both or neither");
        }
        if (direct && !mode.requiresTls()) {
            members.problem("\"sslnegotiation\" direct needs \"sslmode\" require, verify-ca or verify-full (a direct "
                    + "TLS connection cannot fall back to plaintext), got " + mode.wireName());
        }
        if ("require".equals(binding) && mode == SslMode.DISABLE) {
            members.problem("\"channel_binding\" require needs TLS, but \"sslmode\" is disable");
        }
        ChannelBinding cb = "disable".equals(binding) ? ChannelBinding.DISABLE
                : "require".equals(binding) ? ChannelBinding.REQUIRE : ChannelBinding.PREFER;
        return new TlsSettings(mode, rootCert, cert, key, direct, cb);
    }

    private static String pem(JsonObject config, String key, String label, ConfigMembers members) {
        String value = members.secret(config, key, "");
        if (value != null && !value.contains("-----BEGIN ") && !value.isEmpty()) {
            members.problem("\"" + key + "\" must be PEM text (-----BEGIN " + label + "----- ...), not a file name");
            return null;
        }
        return value == null || value.isEmpty() ? null : value;
    }

    public SslMode mode() {
        return mode;
    }

    /** Trusted CA certificates (PEM), or null for the host's default trust store. */
    public String rootCert() {
        return rootCert;
    }

    /** Client certificate chain (PEM), or null. */
    public String cert() {
        return cert;
    }

    /** The client certificate's private key (PEM), or null. A secret: never log or format it. */
    public String key() {
        return key;
    }

    /** PostgreSQL 17 direct TLS (no SSLRequest; ALPN {@code postgresql}). */
    public boolean direct() {
        return direct;
    }

    public ChannelBinding channelBinding() {
        return channelBinding;
    }

    /**
     * What the host checks: verify-full the chain and the name, verify-ca the chain; the weaker
     * modes check the chain only when {@code sslrootcert} is given (libpq does the same when its
     * root certificate file exists), else nothing.
     */
    public TlsVerify verify() {
        if (mode == SslMode.VERIFY_FULL) {
            return TlsVerify.FULL;
        }
        if (mode == SslMode.VERIFY_CA || rootCert != null) {
            return TlsVerify.CA;
        }
        return TlsVerify.NONE;
    }

    @Override
    public String toString() {
        return "sslmode=" + mode.wireName() + (rootCert == null ? "" : ", sslrootcert=<set>")
                + (cert == null ? "" : ", sslcert=<set>, sslkey=<redacted>") + (direct ? ", sslnegotiation=direct" : "")
                + ", channel_binding=" + channelBinding.name().toLowerCase();
    }
}
