package io.rapidbyte.source.postgres.config;

import io.rapidbyte.source.postgres.cdc.CdcOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The connector's {@code open} config (JSON Schema in {@code src/main/wasm/manifest.json}), parsed
 * and checked by {@link ConfigParser}. Immutable. {@link #toString()} never shows the password.
 */
public final class SourceConfig {
    public static final int DEFAULT_PORT = 5432;
    /**
     * Default cap on one batch: well under Kafka's 1 MiB default record size, leaving room for the
     * record's key, headers and framing.
     */
    public static final long DEFAULT_MAX_BATCH_BYTES = 900_000L;
    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 10_000L;
    public static final String DEFAULT_APPLICATION_NAME = "rapidbyte-source-postgres";

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final List<String> schemas;
    private final List<StreamConfig> streams;
    private final long maxBatchRows;
    private final long maxBatchBytes;
    private final long connectTimeoutMs;
    private final long statementTimeoutMs;
    private final String applicationName;
    private final SyncMode defaultSyncMode;
    private final CdcOptions cdc;

    SourceConfig(String host, int port, String database, String user, String password, List<String> schemas,
            List<StreamConfig> streams, long maxBatchRows, long maxBatchBytes, long connectTimeoutMs,
            long statementTimeoutMs, String applicationName, SyncMode defaultSyncMode, CdcOptions cdc) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.schemas = Collections.unmodifiableList(new ArrayList<String>(schemas));
        this.streams = Collections.unmodifiableList(new ArrayList<StreamConfig>(streams));
        this.maxBatchRows = maxBatchRows;
        this.maxBatchBytes = maxBatchBytes;
        this.connectTimeoutMs = connectTimeoutMs;
        this.statementTimeoutMs = statementTimeoutMs;
        this.applicationName = applicationName;
        this.defaultSyncMode = defaultSyncMode;
        this.cdc = cdc;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

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

    /** Schemas that discover lists. */
    public List<String> schemas() {
        return schemas;
    }

    public List<StreamConfig> streams() {
        return streams;
    }

    /** The configured stream called {@code name}, else a full refresh of every column. */
    public StreamConfig stream(String name) {
        for (StreamConfig s : streams) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return defaultSyncMode == SyncMode.CDC ? StreamConfig.cdc(name) : StreamConfig.fullRefresh(name);
    }

    /** The mode of streams without a {@code sync_mode} of their own. */
    public SyncMode defaultSyncMode() {
        return defaultSyncMode;
    }

    /** Settings of cdc streams. */
    public CdcOptions cdc() {
        return cdc;
    }

    /** Row cap from the config, or 0 when only the run's limits apply. */
    public long maxBatchRows() {
        return maxBatchRows;
    }

    public long maxBatchBytes() {
        return maxBatchBytes;
    }

    public long connectTimeoutMs() {
        return connectTimeoutMs;
    }

    /** 0 for no statement timeout. */
    public long statementTimeoutMs() {
        return statementTimeoutMs;
    }

    public String applicationName() {
        return applicationName;
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return "SourceConfig{" + user + "@" + address() + "/" + database + ", password="
                + (password == null ? "<none>" : "<redacted>") + ", streams=" + streams + "}";
    }
}
