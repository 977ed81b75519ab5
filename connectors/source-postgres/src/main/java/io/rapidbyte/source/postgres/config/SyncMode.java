package io.rapidbyte.source.postgres.config;

/** How a stream is read. The wire names are the {@code sync_mode} config values. */
public enum SyncMode {
    /** Every row, in key order; a new {@code sync_run} each time it starts from the beginning. */
    FULL_REFRESH("full_refresh"),
    /** Rows whose cursor is greater than the saved cursor; one {@code sync_run} for all passes. */
    INCREMENTAL("incremental"),
    /** A consistent snapshot, then every change through a logical replication slot (one long run). */
    CDC("cdc");

    private final String wireName;

    SyncMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The mode with this wire name, or null. */
    public static SyncMode fromWireName(String name) {
        for (SyncMode m : values()) {
            if (m.wireName.equals(name)) {
                return m;
            }
        }
        return null;
    }
}
