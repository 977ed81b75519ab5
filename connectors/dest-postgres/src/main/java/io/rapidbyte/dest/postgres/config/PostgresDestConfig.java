package io.rapidbyte.dest.postgres.config;

import io.rapidbyte.postgres.guest.config.ConfigMembers;
import io.rapidbyte.postgres.guest.config.ConnectionSettings;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.json.JsonArray;
import io.rapidbyte.sdk.json.JsonException;
import io.rapidbyte.sdk.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The connector's {@code open} config (JSON Schema in {@code src/main/wasm/manifest.json}),
 * checked and with defaults applied: the shared connection settings (every problem with them
 * listed in one {@code config/INVALID_CONFIG} error) plus the loading options (an
 * {@code INVALID_CONFIG} error naming the first bad member). {@link #toString()} never shows the
 * password. Immutable.
 */
public final class PostgresDestConfig {
    private static final String[] OWN = {
        "schema", "table_mapping", "write_mode", "primary_key", "load_method",
        "insert_batch_rows", "auto_create", "commit_interval", "schema_drift", "on_data_error",
        "cdc_truncate",
    };
    public static final String DEFAULT_APPLICATION_NAME = "rapidbyte-dest-postgres";

    /** Server, credentials, timeouts (the settings shared with source-postgres). */
    public final ConnectionSettings connection;
    public final String schema;
    /** Stream name to target table ({@code table} or {@code schema.table}). */
    public final Map<String, String> tableMapping;
    public final WriteMode writeMode;
    /** Configured key columns, in key order; empty when none is configured. */
    public final List<String> primaryKey;
    public final LoadMethod loadMethod;
    public final int insertBatchRows;
    public final boolean autoCreate;
    /** Config commit thresholds; -1 where the stream limit applies. */
    public final long commitRows;
    public final long commitBytes;
    public final long commitSeconds;
    public final DriftPolicy drift;
    public final OnDataError onDataError;
    /** What a truncate event of a change batch does to the target. */
    public final TruncatePolicy cdcTruncate;

    private PostgresDestConfig(JsonObject c, ConnectionSettings connection) {
        this.connection = connection;
        schema = nonEmpty(c.optString("schema", "public"), "schema");
        tableMapping = mapping(c.optObject("table_mapping"));
        writeMode = choice(c, "write_mode", WriteMode.values(), WriteMode.APPEND);
        primaryKey = keyColumns(c.get("primary_key"));
        loadMethod = choice(c, "load_method", LoadMethod.values(), LoadMethod.COPY);
        insertBatchRows = (int) range(c, "insert_batch_rows", 1000, 1, 100_000);
        autoCreate = c.optBoolean("auto_create", true);
        JsonObject commit = c.optObject("commit_interval");
        commitRows = commit == null ? -1 : range(commit, "rows", -1, 0, Long.MAX_VALUE);
        commitBytes = commit == null ? -1 : range(commit, "bytes", -1, 0, Long.MAX_VALUE);
        commitSeconds = commit == null ? -1 : range(commit, "seconds", -1, 0, 365L * 24 * 3600);
        drift = driftPolicy(c.optObject("schema_drift"));
        onDataError = choice(c, "on_data_error", OnDataError.values(), OnDataError.FAIL);
        cdcTruncate = choice(c, "cdc_truncate", TruncatePolicy.values(), TruncatePolicy.TRUNCATE);
    }

    /**
     * @throws ConnectorException category config, code INVALID_CONFIG, naming the first bad member
     */
    public static PostgresDestConfig parse(JsonObject config) {
        if (config == null) {
            throw invalid("config must be a JSON object");
        }
        ConfigMembers members = new ConfigMembers();
        members.unknownMembers(config, new String[][] {ConnectionSettings.MEMBERS, OWN}, "");
        ConnectionSettings connection = ConnectionSettings.read(config, DEFAULT_APPLICATION_NAME, members);
        members.throwIfAny("dest-postgres");
        try {
            return new PostgresDestConfig(config, connection);
        } catch (JsonException e) {
            throw invalid(e.getMessage());
        }
    }

    /** The table for {@code stream}: {schema, table}. */
    public String[] targetTable(String stream) {
        String mapped = tableMapping.get(stream);
        if (mapped != null) {
            int dot = mapped.indexOf('.');
            if (dot > 0 && dot < mapped.length() - 1) {
                return new String[] {mapped.substring(0, dot), mapped.substring(dot + 1)};
            }
            return new String[] {schema, mapped};
        }
        int dot = stream.lastIndexOf('.');
        String table = dot >= 0 ? stream.substring(dot + 1) : stream;
        if (table.isEmpty()) {
            throw invalid("stream \"" + stream + "\" names no table; add it to table_mapping");
        }
        return new String[] {schema, table};
    }

    @Override
    public String toString() {
        return "PostgresDestConfig{" + connection + ", schema=" + schema + ", mode=" + writeMode + ", load="
                + loadMethod + ", onDataError=" + onDataError + "}";
    }

    public static ConnectorException invalid(String message) {
        return ConnectorError.config("INVALID_CONFIG", message).toException();
    }

    private static String nonEmpty(String value, String key) {
        if (value.isEmpty()) {
            throw invalid("member \"" + key + "\" must not be empty");
        }
        return value;
    }

    private static long range(JsonObject c, String key, long fallback, long min, long max) {
        long v = c.optLong(key, fallback);
        if (v == fallback && c.get(key) == null) {
            return fallback;
        }
        if (v < min || v > max) {
            throw invalid("member \"" + key + "\" must be in " + min + ".." + max + ", got " + v);
        }
        return v;
    }

    private static <E extends Enum<E>> E choice(JsonObject c, String key, E[] values, E fallback) {
        String s = c.optString(key, null);
        if (s == null) {
            return fallback;
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : values) {
            String name = e.name().toLowerCase();
            if (name.equals(s)) {
                return e;
            }
            allowed.append(allowed.length() == 0 ? "" : ", ").append(name);
        }
        throw invalid("member \"" + key + "\" must be one of " + allowed + ", got \"" + s + "\"");
    }

    private static Map<String, String> mapping(JsonObject m) {
        if (m == null) {
            return Collections.emptyMap();
        }
        Map<String, String> out = new HashMap<>();
        for (String stream : m.keySet()) {
            Object v = m.get(stream);
            if (!(v instanceof String) || ((String) v).isEmpty()) {
                throw invalid("table_mapping[\"" + stream + "\"] must be a non-empty string");
            }
            out.put(stream, (String) v);
        }
        return Collections.unmodifiableMap(out);
    }

    private static List<String> keyColumns(Object v) {
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof String) {
            String s = (String) v;
            int start = 0;
            for (int i = 0; i <= s.length(); i++) {
                if (i == s.length() || s.charAt(i) == ',') {
                    String col = s.substring(start, i).trim();
                    if (!col.isEmpty()) {
                        out.add(col);
                    }
                    start = i + 1;
                }
            }
            return out;
        }
        if (v instanceof JsonArray) {
            JsonArray a = (JsonArray) v;
            for (int i = 0; i < a.size(); i++) {
                if (!(a.get(i) instanceof String) || ((String) a.get(i)).isEmpty()) {
                    throw invalid("primary_key entries must be non-empty strings");
                }
                out.add((String) a.get(i));
            }
            return out;
        }
        throw invalid("primary_key must be an array of column names or a comma-separated string");
    }

    private static DriftPolicy driftPolicy(JsonObject d) {
        if (d == null) {
            return DriftPolicy.DEFAULT;
        }
        for (String key : d.keySet()) {
            if (!key.equals("new_column") && !key.equals("removed_column") && !key.equals("type_change")) {
                throw invalid("unknown schema_drift member \"" + key + "\"");
            }
        }
        return new DriftPolicy(
                choice(d, "new_column", DriftPolicy.NewColumn.values(), DriftPolicy.NewColumn.ADD),
                choice(d, "removed_column", DriftPolicy.RemovedColumn.values(), DriftPolicy.RemovedColumn.IGNORE),
                choice(d, "type_change", DriftPolicy.TypeChange.values(), DriftPolicy.TypeChange.FAIL));
    }
}
