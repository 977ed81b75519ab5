package io.rapidbyte.postgres.guest.config;

import io.rapidbyte.sdk.json.JsonObject;

/**
 * Where and how a Postgres connector connects: host, port, database, user, password, timeouts,
 * application name and the TLS settings ({@link TlsSettings}), read from the connector's
 * {@code open} config with one set of bounds and messages for both connectors (the members in
 * {@link #MEMBERS}; each connector's manifest declares them with the same JSON Schema).
 * Immutable. {@link #toString()} never shows the password or a private key.
 */
public final class ConnectionSettings {
    /** The config members read here; a connector's own members come on top. */
    public static final String[] MEMBERS = {"host", "port", "database", "user", "password", "connect_timeout_ms",
        "statement_timeout_ms", "application_name", "sslmode", "sslrootcert", "sslcert", "sslkey", "sslnegotiation",
        "channel_binding"};
    public static final int DEFAULT_PORT = 5432;
    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 10_000L;

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final long connectTimeoutMs;
    private final long statementTimeoutMs;
    private final String applicationName;
    private final TlsSettings tls;

    private ConnectionSettings(String host, int port, String database, String user, String password,
            long connectTimeoutMs, long statementTimeoutMs, String applicationName, TlsSettings tls) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.connectTimeoutMs = connectTimeoutMs;
        this.statementTimeoutMs = statementTimeoutMs;
        this.applicationName = applicationName;
        this.tls = tls;
    }

    /**
     * Reads the connection members of {@code config}; problems go to {@code members}, and the result
     * is only meaningful when there were none.
     *
     * @param defaultApplicationName the connector's {@code application_name} default
     */
    public static ConnectionSettings read(JsonObject config, String defaultApplicationName, ConfigMembers members) {
        String host = members.string(config, "host", true, "");
        long port = members.integer(config, "port", DEFAULT_PORT, 1, 65535, "");
        String user = members.string(config, "user", true, "");
        String database = members.string(config, "database", false, "");
        String password = members.secret(config, "password", "");
        long connectTimeout = members.integer(config, "connect_timeout_ms", DEFAULT_CONNECT_TIMEOUT_MS, 0,
                Integer.MAX_VALUE, "");
        long statementTimeout = members.integer(config, "statement_timeout_ms", 0, 0, Integer.MAX_VALUE, "");
        String appName = members.string(config, "application_name", false, "");
        TlsSettings tls = TlsSettings.read(config, members);
        return new ConnectionSettings(host, (int) port, database != null ? database : user, user, password,
                connectTimeout, statementTimeout, appName != null ? appName : defaultApplicationName, tls);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The database; the user name when none is configured (as libpq does). */
    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    /** The password, or null. Only the connection code may use it; never log or format it. */
    public String password() {
        return password;
    }

    /** Bound on TCP connect, startup and authentication; 0 for none of its own (the host's socket timeouts still apply). */
    public long connectTimeoutMs() {
        return connectTimeoutMs;
    }

    /** The server's statement_timeout for the session; 0 for none. */
    public long statementTimeoutMs() {
        return statementTimeoutMs;
    }

    public String applicationName() {
        return applicationName;
    }

    public TlsSettings tls() {
        return tls;
    }

    /** {@code host:port} ({@code [v6]:port}), for messages. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return user + "@" + address() + "/" + database + ", password=" + (password == null ? "<none>" : "<redacted>")
                + ", " + tls;
    }
}
