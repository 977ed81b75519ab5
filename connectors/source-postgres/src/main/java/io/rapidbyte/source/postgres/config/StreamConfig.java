package io.rapidbyte.source.postgres.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One configured stream: which table, how to read it, and which columns. Immutable.
 *
 * <p>The stream name is {@code schema.table}, split at the first dot (BATCH-METADATA.md: stream
 * names are {@code schema.table}).
 */
public final class StreamConfig {
    private final String name;
    private final String schema;
    private final String table;
    private final SyncMode syncMode;
    private final String cursorField;
    private final List<String> tieBreaker;
    private final List<String> columns;

    /**
     * @param cursorField null for full refresh
     * @param tieBreaker  empty when none
     * @param columns     null for every column of the table
     */
    public StreamConfig(String name, SyncMode syncMode, String cursorField, List<String> tieBreaker,
            List<String> columns) {
        int dot = name.indexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            throw new IllegalArgumentException("stream name must be schema.table: " + name);
        }
        this.name = name;
        this.schema = name.substring(0, dot);
        this.table = name.substring(dot + 1);
        this.syncMode = syncMode;
        this.cursorField = cursorField;
        this.tieBreaker = Collections.unmodifiableList(new ArrayList<String>(tieBreaker));
        this.columns = columns == null ? null : Collections.unmodifiableList(new ArrayList<String>(columns));
    }

    /** A full refresh of every column: what a stream that is not configured gets. */
    public static StreamConfig fullRefresh(String name) {
        return new StreamConfig(name, SyncMode.FULL_REFRESH, null, Collections.<String>emptyList(), null);
    }

    /** Change data capture of every column. */
    public static StreamConfig cdc(String name) {
        return new StreamConfig(name, SyncMode.CDC, null, Collections.<String>emptyList(), null);
    }

    /** True if {@code name} has the {@code schema.table} shape this connector needs. */
    public static boolean isValidName(String name) {
        int dot = name.indexOf('.');
        return dot > 0 && dot < name.length() - 1;
    }

    public String name() {
        return name;
    }

    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    public SyncMode syncMode() {
        return syncMode;
    }

    /** The cursor column; null for full refresh. */
    public String cursorField() {
        return cursorField;
    }

    /** Tie-breaker columns in order; empty when none. */
    public List<String> tieBreaker() {
        return tieBreaker;
    }

    /** The projection in output order, or null for every column in table order. */
    public List<String> columns() {
        return columns;
    }

    @Override
    public String toString() {
        return name + "(" + syncMode.wireName() + (cursorField == null ? "" : ", cursor=" + cursorField)
                + (tieBreaker.isEmpty() ? "" : ", tie_breaker=" + tieBreaker)
                + (columns == null ? "" : ", columns=" + columns) + ")";
    }
}
