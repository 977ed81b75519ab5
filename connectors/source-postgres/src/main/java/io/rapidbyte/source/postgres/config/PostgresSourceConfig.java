package io.rapidbyte.source.postgres.config;

import io.rapidbyte.postgres.guest.config.ConnectionSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The connector's {@code open} config (JSON Schema in {@code src/main/wasm/manifest.json}), parsed
 * and checked by {@link ConfigParser}: the shared connection settings plus what to read. Immutable.
 * {@link #toString()} never shows the password.
 */
public final class PostgresSourceConfig {
    /**
     * Default cap on one batch: well under Kafka's 1 MiB default record size, leaving room for the
     * record's key, headers and framing.
     */
    public static final long DEFAULT_MAX_BATCH_BYTES = 900_000L;
    public static final String DEFAULT_APPLICATION_NAME = "rapidbyte-source-postgres";

    private final ConnectionSettings connection;
    private final List<String> schemas;
    private final List<StreamConfig> streams;
    private final long maxBatchRows;
    private final long maxBatchBytes;

    PostgresSourceConfig(ConnectionSettings connection, List<String> schemas, List<StreamConfig> streams,
            long maxBatchRows, long maxBatchBytes) {
        this.connection = connection;
        this.schemas = Collections.unmodifiableList(new ArrayList<String>(schemas));
        this.streams = Collections.unmodifiableList(new ArrayList<StreamConfig>(streams));
        this.maxBatchRows = maxBatchRows;
        this.maxBatchBytes = maxBatchBytes;
    }

    /** Server, credentials, timeouts. */
    public ConnectionSettings connection() {
        return connection;
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
        return StreamConfig.fullRefresh(name);
    }

    /** Row cap from the config, or 0 when only the run's limits apply. */
    public long maxBatchRows() {
        return maxBatchRows;
    }

    public long maxBatchBytes() {
        return maxBatchBytes;
    }

    @Override
    public String toString() {
        return "PostgresSourceConfig{" + connection + ", streams=" + streams + "}";
    }
}
