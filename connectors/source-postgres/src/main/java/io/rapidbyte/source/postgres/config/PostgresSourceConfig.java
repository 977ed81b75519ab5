package io.rapidbyte.source.postgres.config;

import io.rapidbyte.postgres.guest.config.ConnectionSettings;
import io.rapidbyte.source.postgres.cdc.CdcOptions;
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
    private final SyncMode defaultSyncMode;
    private final CdcOptions cdc;
    private final int snapshotRanges;

    PostgresSourceConfig(ConnectionSettings connection, List<String> schemas, List<StreamConfig> streams,
            long maxBatchRows, long maxBatchBytes, SyncMode defaultSyncMode, CdcOptions cdc, int snapshotRanges) {
        this.snapshotRanges = snapshotRanges;
        this.connection = connection;
        this.schemas = Collections.unmodifiableList(new ArrayList<String>(schemas));
        this.streams = Collections.unmodifiableList(new ArrayList<StreamConfig>(streams));
        this.maxBatchRows = maxBatchRows;
        this.maxBatchBytes = maxBatchBytes;
        this.defaultSyncMode = defaultSyncMode;
        this.cdc = cdc;
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

    /**
     * The configured stream called {@code name}, else every column in the default mode (a full
     * refresh, or cdc).
     */
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

    /** Ctid ranges per full-refresh table that discover offers (1: the table is read whole). */
    public int snapshotRanges() {
        return snapshotRanges;
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
