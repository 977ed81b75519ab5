package io.rapidbyte.source.postgres.config;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.json.JsonArray;
import io.rapidbyte.sdk.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the {@code open} config object into a {@link SourceConfig}, collecting every problem before
 * failing with one {@code config/INVALID_CONFIG} error that lists them all. Values are never echoed
 * in problems (a misplaced secret must not end up in a message); member names are. Stateless.
 */
public final class ConfigParser {
    private static final String[] TOP_LEVEL = {"host", "port", "database", "user", "password", "schemas", "streams",
        "max_batch_rows", "max_batch_bytes", "connect_timeout_ms", "statement_timeout_ms", "application_name"};
    private static final String[] STREAM_LEVEL = {"name", "sync_mode", "cursor_field", "tie_breaker", "columns",
        "text_columns"};

    private ConfigParser() {
    }

    /** @throws io.rapidbyte.sdk.ConnectorException {@code config/INVALID_CONFIG} listing every problem */
    public static SourceConfig parse(JsonObject config) {
        List<String> problems = new ArrayList<String>();
        unknownMembers(config, TOP_LEVEL, "", problems);
        String host = string(config, "host", true, "", problems);
        long port = integer(config, "port", SourceConfig.DEFAULT_PORT, 1, 65535, "", problems);
        String user = string(config, "user", true, "", problems);
        String database = string(config, "database", false, "", problems);
        String password = password(config, problems);
        List<String> schemas = names(config, "schemas", "", problems);
        long maxRows = integer(config, "max_batch_rows", 0, 1, Long.MAX_VALUE, "", problems);
        long maxBytes = integer(config, "max_batch_bytes", SourceConfig.DEFAULT_MAX_BATCH_BYTES, 4096,
                Integer.MAX_VALUE, "", problems);
        long connectTimeout = integer(config, "connect_timeout_ms", SourceConfig.DEFAULT_CONNECT_TIMEOUT_MS, 1,
                Integer.MAX_VALUE, "", problems);
        long statementTimeout = integer(config, "statement_timeout_ms", 0, 0, Integer.MAX_VALUE, "", problems);
        String appName = string(config, "application_name", false, "", problems);
        List<StreamConfig> streams = streams(config, problems);
        if (!problems.isEmpty()) {
            StringBuilder sb = new StringBuilder("invalid source-postgres config: ");
            for (int i = 0; i < problems.size(); i++) {
                sb.append(i == 0 ? "" : "; ").append(problems.get(i));
            }
            throw ConnectorError.config("INVALID_CONFIG", sb.toString()).toException();
        }
        return new SourceConfig(host, (int) port, database != null ? database : user, user, password,
                schemas != null ? schemas : Collections.singletonList("public"), streams, maxRows, maxBytes,
                connectTimeout, statementTimeout, appName != null ? appName : SourceConfig.DEFAULT_APPLICATION_NAME);
    }

    private static List<StreamConfig> streams(JsonObject config, List<String> problems) {
        List<StreamConfig> out = new ArrayList<StreamConfig>();
        Object raw = config.get("streams");
        if (raw == null) {
            return out;
        }
        if (!(raw instanceof JsonArray)) {
            problems.add("\"streams\" must be an array");
            return out;
        }
        JsonArray array = (JsonArray) raw;
        Set<String> seen = new HashSet<String>();
        for (int i = 0; i < array.size(); i++) {
            String where = "streams[" + i + "].";
            if (!(array.get(i) instanceof JsonObject)) {
                problems.add("\"streams[" + i + "]\" must be an object");
                continue;
            }
            JsonObject s = (JsonObject) array.get(i);
            int before = problems.size();
            unknownMembers(s, STREAM_LEVEL, where, problems);
            String name = string(s, "name", true, where, problems);
            if (name != null && !StreamConfig.isValidName(name)) {
                problems.add("\"" + where + "name\" must be schema.table, got \"" + name + "\"");
            } else if (name != null && !seen.add(name)) {
                problems.add("stream \"" + name + "\" is configured twice");
            }
            String modeName = string(s, "sync_mode", false, where, problems);
            SyncMode mode = modeName == null ? SyncMode.FULL_REFRESH : SyncMode.fromWireName(modeName);
            if (mode == null) {
                problems.add("\"" + where + "sync_mode\" must be full_refresh or incremental, got \"" + modeName + "\"");
            }
            String cursor = string(s, "cursor_field", false, where, problems);
            List<String> tieBreaker = tieBreaker(s, where, problems);
            List<String> columns = names(s, "columns", where, problems);
            List<String> textColumns = names(s, "text_columns", where, problems);
            String label = name != null ? "stream \"" + name + "\"" : "\"" + where.substring(0, where.length() - 1) + "\"";
            if (mode == SyncMode.INCREMENTAL && cursor == null) {
                problems.add(label + ": incremental sync needs \"cursor_field\"");
            }
            if (mode == SyncMode.FULL_REFRESH && (cursor != null || !tieBreaker.isEmpty())) {
                problems.add(label + ": \"cursor_field\" and \"tie_breaker\" only apply to incremental sync");
            }
            if (columns != null && columns.isEmpty()) {
                problems.add(label + ": \"columns\" must not be empty (leave it out to read every column)");
            }
            if (cursor != null && columns != null && !columns.contains(cursor)) {
                problems.add(label + ": cursor_field \"" + cursor + "\" must be one of the projected \"columns\"");
            }
            if (cursor != null && tieBreaker.contains(cursor)) {
                problems.add(label + ": the cursor_field cannot also be a tie_breaker column");
            }
            if (textColumns != null && columns != null) {
                for (String t : textColumns) {
                    if (!columns.contains(t)) {
                        problems.add(label + ": text_columns \"" + t + "\" must be one of the projected \"columns\"");
                    }
                }
            }
            duplicates(columns, label + ": column", problems);
            duplicates(textColumns, label + ": text_columns column", problems);
            duplicates(tieBreaker, label + ": tie_breaker column", problems);
            if (problems.size() == before) {
                out.add(new StreamConfig(name, mode, cursor, tieBreaker, columns,
                        textColumns == null ? Collections.<String>emptyList() : textColumns));
            }
        }
        return out;
    }

    private static List<String> tieBreaker(JsonObject s, String where, List<String> problems) {
        Object raw = s.get("tie_breaker");
        if (raw == null) {
            return Collections.emptyList();
        }
        if (raw instanceof String) {
            if (((String) raw).isEmpty()) {
                problems.add("\"" + where + "tie_breaker\" must not be empty");
                return Collections.emptyList();
            }
            return Collections.singletonList((String) raw);
        }
        List<String> list = names(s, "tie_breaker", where, problems);
        if (list != null && list.isEmpty()) {
            problems.add("\"" + where + "tie_breaker\" must not be empty");
        }
        return list == null ? Collections.<String>emptyList() : list;
    }

    private static void duplicates(List<String> names, String label, List<String> problems) {
        if (names == null) {
            return;
        }
        Set<String> seen = new HashSet<String>();
        for (String n : names) {
            if (!seen.add(n)) {
                problems.add(label + " \"" + n + "\" is listed twice");
            }
        }
    }

    private static void unknownMembers(JsonObject o, String[] known, String where, List<String> problems) {
        for (String key : o.keySet()) {
            boolean ok = false;
            for (String k : known) {
                ok |= k.equals(key);
            }
            if (!ok) {
                problems.add("unknown member \"" + where + key + "\"");
            }
        }
    }

    private static String string(JsonObject o, String key, boolean required, String where, List<String> problems) {
        Object v = o.get(key);
        if (v == null) {
            if (required) {
                problems.add("\"" + where + key + "\" is required");
            }
            return null;
        }
        if (!(v instanceof String) || ((String) v).isEmpty()) {
            problems.add("\"" + where + key + "\" must be a non-empty string");
            return null;
        }
        return (String) v;
    }

    private static String password(JsonObject o, List<String> problems) {
        Object v = o.get("password");
        if (v == null) {
            return null;
        }
        if (!(v instanceof String)) {
            problems.add("\"password\" must be a string");
            return null;
        }
        return (String) v;
    }

    private static long integer(JsonObject o, String key, long fallback, long min, long max, String where,
            List<String> problems) {
        Object v = o.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Long)) {
            problems.add("\"" + where + key + "\" must be an integer");
            return fallback;
        }
        long value = ((Long) v).longValue();
        if (value < min || value > max) {
            problems.add("\"" + where + key + "\" must be between " + min + " and " + max + ", got " + value);
            return fallback;
        }
        return value;
    }

    /** An array of non-empty strings, or null when absent. */
    private static List<String> names(JsonObject o, String key, String where, List<String> problems) {
        Object v = o.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonArray)) {
            problems.add("\"" + where + key + "\" must be an array of strings");
            return null;
        }
        List<String> out = new ArrayList<String>();
        for (Object e : (JsonArray) v) {
            if (!(e instanceof String) || ((String) e).isEmpty()) {
                problems.add("\"" + where + key + "\" must hold non-empty strings only");
                return null;
            }
            out.add((String) e);
        }
        return out;
    }
}
