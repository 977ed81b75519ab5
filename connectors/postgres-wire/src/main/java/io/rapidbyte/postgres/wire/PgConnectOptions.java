package io.rapidbyte.postgres.wire;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link PgConnection#connect} needs besides a transport: user, password,
 * database, application name, extra startup parameters and the nonce source for
 * SCRAM.
 *
 * <p>Immutable once built; thread-safe. {@link #toString()} never shows the
 * password. The password is held as a {@code String} because it arrives as one
 * from connector config; it is not copied into any message, log or exception.
 */
public final class PgConnectOptions {

    private final String user;
    private final String password;
    private final String database;
    private final String applicationName;
    private final Map<String, String> extraParameters;
    private final NonceSource nonceSource;
    private final ChannelBinding channelBinding;
    private final byte[] serverEndPoint;

    private PgConnectOptions(Builder b) {
        this.user = b.user;
        this.password = b.password;
        this.database = b.database != null ? b.database : b.user;
        this.applicationName = b.applicationName;
        this.extraParameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.extraParameters));
        this.nonceSource = b.nonceSource;
        this.channelBinding = b.channelBinding;
        this.serverEndPoint = b.serverEndPoint == null ? null : b.serverEndPoint.clone();
    }

    public static Builder builder(String user) {
        return new Builder(user);
    }

    public String user() {
        return user;
    }

    /** The password, or null when none is configured. */
    String password() {
        return password;
    }

    public boolean hasPassword() {
        return password != null;
    }

    public String database() {
        return database;
    }

    public String applicationName() {
        return applicationName;
    }

    /** Extra startup parameters (e.g. {@code search_path}, {@code options}), in insertion order. */
    public Map<String, String> extraParameters() {
        return extraParameters;
    }

    /** The nonce source; null means {@link NonceSource#fallback()} is created per connect. */
    public NonceSource nonceSource() {
        return nonceSource;
    }

    public ChannelBinding channelBinding() {
        return channelBinding;
    }

    /** {@code tls-server-end-point} data of the TLS channel, or null when the transport is not TLS. */
    byte[] serverEndPoint() {
        return serverEndPoint;
    }

    @Override
    public String toString() {
        return "PgConnectOptions{user=" + user + ", database=" + database + ", applicationName=" + applicationName
                + ", password=" + (password == null ? "<none>" : "<redacted>")
                + ", extraParameters=" + extraParameters.keySet() + "}";
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private final String user;
        private String password;
        private String database;
        private String applicationName = "rapidbyte";
        private final Map<String, String> extraParameters = new LinkedHashMap<>();
        private NonceSource nonceSource;
        private ChannelBinding channelBinding = ChannelBinding.PREFER;
        private byte[] serverEndPoint;

        private Builder(String user) {
            if (user == null || user.isEmpty()) {
                throw new IllegalArgumentException("user is required");
            }
            this.user = user;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** Defaults to the user name, as libpq does. */
        public Builder database(String database) {
            this.database = database;
            return this;
        }

        public Builder applicationName(String applicationName) {
            this.applicationName = applicationName;
            return this;
        }

        /**
         * Adds a startup parameter. The ones the client relies on (user, database,
         * client_encoding, DateStyle, TimeZone, extra_float_digits) cannot be
         * overridden because the decoders assume their values.
         */
        public Builder parameter(String name, String value) {
            if (StartupHandshake.isReserved(name)) {
                throw new IllegalArgumentException("startup parameter " + name + " is fixed by the client");
            }
            extraParameters.put(name, value);
            return this;
        }

        public Builder nonceSource(NonceSource nonceSource) {
            this.nonceSource = nonceSource;
            return this;
        }

        /** libpq's {@code channel_binding}; {@link ChannelBinding#PREFER} by default. */
        public Builder channelBinding(ChannelBinding mode) {
            if (mode == null) {
                throw new IllegalArgumentException("channel binding mode is required");
            }
            this.channelBinding = mode;
            return this;
        }

        /**
         * The transport is TLS, and this is its {@code tls-server-end-point} data (RFC 5929: the
         * hash of the server certificate); an empty array when that hash is unknown (SCRAM then
         * cannot bind to the channel).
         */
        public Builder tls(byte[] serverEndPoint) {
            this.serverEndPoint = serverEndPoint.clone();
            return this;
        }

        public PgConnectOptions build() {
            return new PgConnectOptions(this);
        }
    }
}
