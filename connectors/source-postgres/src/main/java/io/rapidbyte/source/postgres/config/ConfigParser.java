package io.rapidbyte.source.postgres.config;

import io.rapidbyte.postgres.guest.config.ConfigMembers;
import io.rapidbyte.postgres.guest.config.ConnectionSettings;
import io.rapidbyte.sdk.json.JsonArray;
import io.rapidbyte.sdk.json.JsonObject;
import io.rapidbyte.source.postgres.cdc.CdcOptions;
import io.rapidbyte.source.postgres.ranges.RangePlanner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the {@code open} config object into a {@link PostgresSourceConfig}: the shared
 * {@link ConnectionSettings} plus schemas, streams and batch caps, collecting every problem before
 * failing with one {@code config/INVALID_CONFIG} error that lists them all (see
 * {@link ConfigMembers}). Stateless.
 */
public final class ConfigParser {
    private static final String[] OWN = {"schemas", "streams", "max_batch_rows", "max_batch_bytes", "sync_mode",
        "cdc", "snapshot_ranges"};
    private static final String[] STREAM_LEVEL = {"name", "sync_mode", "cursor_field", "tie_breaker", "columns",
        "text_columns"};

    private ConfigParser() {
    }

    /** @throws io.rapidbyte.sdk.ConnectorException {@code config/INVALID_CONFIG} listing every problem */
    public static PostgresSourceConfig parse(JsonObject config) {
        ConfigMembers problems = new ConfigMembers();
        problems.unknownMembers(config, new String[][] {ConnectionSettings.MEMBERS, OWN}, "");
        ConnectionSettings connection = ConnectionSettings.read(config,
                PostgresSourceConfig.DEFAULT_APPLICATION_NAME, problems);
        List<String> schemas = problems.names(config, "schemas", "");
        long maxRows = problems.integer(config, "max_batch_rows", 0, 1, Long.MAX_VALUE, "");
        long maxBytes = problems.integer(config, "max_batch_bytes", PostgresSourceConfig.DEFAULT_MAX_BATCH_BYTES, 4096,
                Integer.MAX_VALUE, "");
        String defaultModeName = problems.string(config, "sync_mode", false, "");
        SyncMode defaultMode = defaultModeName == null ? SyncMode.FULL_REFRESH : SyncMode.fromWireName(defaultModeName);
        if (defaultMode == null || defaultMode == SyncMode.INCREMENTAL) {
            problems.problem("\"sync_mode\" must be full_refresh or cdc (incremental needs a cursor_field per "
                    + "stream), got \"" + defaultModeName + "\"");
            defaultMode = SyncMode.FULL_REFRESH;
        }
        CdcOptions cdc = CdcOptions.parse(config.get("cdc"), problems);
        List<StreamConfig> streams = streams(config, defaultMode, problems);
        int ranges = snapshotRanges(config, defaultMode, streams, cdc, problems);
        problems.throwIfAny("source-postgres");
        return new PostgresSourceConfig(connection, schemas != null ? schemas : Collections.singletonList("public"),
                streams, maxRows, maxBytes, defaultMode, cdc, ranges);
    }

    private static List<StreamConfig> streams(JsonObject config, SyncMode defaultMode, ConfigMembers problems) {
        List<StreamConfig> out = new ArrayList<StreamConfig>();
        Object raw = config.get("streams");
        if (raw == null) {
            return out;
        }
        if (!(raw instanceof JsonArray)) {
            problems.problem("\"streams\" must be an array");
            return out;
        }
        JsonArray array = (JsonArray) raw;
        Set<String> seen = new HashSet<String>();
        for (int i = 0; i < array.size(); i++) {
            String where = "streams[" + i + "].";
            if (!(array.get(i) instanceof JsonObject)) {
                problems.problem("\"streams[" + i + "]\" must be an object");
                continue;
            }
            JsonObject s = (JsonObject) array.get(i);
            int before = problems.count();
            problems.unknownMembers(s, new String[][] {STREAM_LEVEL}, where);
            String name = problems.string(s, "name", true, where);
            if (name != null && !StreamConfig.isValidName(name)) {
                problems.problem("\"" + where + "name\" must be schema.table, got \"" + name + "\"");
            } else if (name != null && !seen.add(name)) {
                problems.problem("stream \"" + name + "\" is configured twice");
            }
            String modeName = problems.string(s, "sync_mode", false, where);
            SyncMode mode = modeName == null ? defaultMode : SyncMode.fromWireName(modeName);
            if (mode == null) {
                problems.problem("\"" + where + "sync_mode\" must be full_refresh, incremental or cdc, got \""
                        + modeName + "\"");
            }
            String cursor = problems.string(s, "cursor_field", false, where);
            List<String> tieBreaker = tieBreaker(s, where, problems);
            List<String> columns = problems.names(s, "columns", where);
            List<String> textColumns = problems.names(s, "text_columns", where);
            String label = name != null ? "stream \"" + name + "\"" : "\"" + where.substring(0, where.length() - 1) + "\"";
            if (mode == SyncMode.INCREMENTAL && cursor == null) {
                problems.problem(label + ": incremental sync needs \"cursor_field\"");
            }
            if (mode != SyncMode.INCREMENTAL && (cursor != null || !tieBreaker.isEmpty())) {
                problems.problem(label + ": \"cursor_field\" and \"tie_breaker\" only apply to incremental sync");
            }
            if (mode == SyncMode.CDC && columns != null) {
                problems.problem(label + ": cdc reads every column (the replication stream carries whole rows); "
                        + "leave \"columns\" out");
            }
            if (columns != null && columns.isEmpty()) {
                problems.problem(label + ": \"columns\" must not be empty (leave it out to read every column)");
            }
            if (cursor != null && columns != null && !columns.contains(cursor)) {
                problems.problem(label + ": cursor_field \"" + cursor + "\" must be one of the projected \"columns\"");
            }
            if (cursor != null && tieBreaker.contains(cursor)) {
                problems.problem(label + ": the cursor_field cannot also be a tie_breaker column");
            }
            if (textColumns != null && columns != null) {
                for (String t : textColumns) {
                    if (!columns.contains(t)) {
                        problems.problem(label + ": text_columns \"" + t + "\" must be one of the projected \"columns\"");
                    }
                }
            }
            duplicates(columns, label + ": column", problems);
            duplicates(textColumns, label + ": text_columns column", problems);
            duplicates(tieBreaker, label + ": tie_breaker column", problems);
            if (problems.count() == before) {
                out.add(new StreamConfig(name, mode, cursor, tieBreaker, columns,
                        textColumns == null ? Collections.<String>emptyList() : textColumns));
            }
        }
        return out;
    }

    /**
     * {@code snapshot_ranges}: into how many ctid ranges discover splits each full-refresh or cdc
     * table. Refused with a temporary slot: a cdc stream read in ranges creates its slot in one
     * run and streams from it in a later one, after the ranges (a temporary slot ends with the
     * first run's connection).
     */
    private static int snapshotRanges(JsonObject config, SyncMode defaultMode, List<StreamConfig> streams,
            CdcOptions cdcOptions, ConfigMembers problems) {
        int ranges = (int) problems.integer(config, "snapshot_ranges", 1, 1, RangePlanner.MAX_RANGES, "");
        boolean cdc = defaultMode == SyncMode.CDC;
        for (StreamConfig s : streams) {
            cdc |= s.syncMode() == SyncMode.CDC;
        }
        if (ranges > 1 && cdc && cdcOptions != null && cdcOptions.lifecycle() == CdcOptions.SlotLifecycle.TEMPORARY) {
            problems.problem("\"snapshot_ranges\" above 1 with sync_mode cdc needs \"cdc.slot_lifecycle\" retain "
                    + "(a ranged snapshot creates the slot before its ranges and streams from it after them; a "
                    + "temporary slot ends in between), got " + ranges + " with temporary");
        }
        return ranges;
    }

    private static List<String> tieBreaker(JsonObject s, String where, ConfigMembers problems) {
        Object raw = s.get("tie_breaker");
        if (raw == null) {
            return Collections.emptyList();
        }
        if (raw instanceof String) {
            if (((String) raw).isEmpty()) {
                problems.problem("\"" + where + "tie_breaker\" must not be empty");
                return Collections.emptyList();
            }
            return Collections.singletonList((String) raw);
        }
        List<String> list = problems.names(s, "tie_breaker", where);
        if (list != null && list.isEmpty()) {
            problems.problem("\"" + where + "tie_breaker\" must not be empty");
        }
        return list == null ? Collections.<String>emptyList() : list;
    }

    private static void duplicates(List<String> names, String label, ConfigMembers problems) {
        if (names == null) {
            return;
        }
        Set<String> seen = new HashSet<String>();
        for (String n : names) {
            if (!seen.add(n)) {
                problems.problem(label + " \"" + n + "\" is listed twice");
            }
        }
    }
}
