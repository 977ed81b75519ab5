package io.rapidbyte.postgres.guest.config;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.json.JsonArray;
import io.rapidbyte.sdk.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads members of an {@code open} config object and collects every problem, so a connector fails
 * once with one {@code config/INVALID_CONFIG} error listing them all. Problems name the member
 * ({@code where} is a path prefix such as {@code "streams[2]."}) but never echo a value given as a
 * string (a misplaced secret must not end up in a message). Single use; not thread-safe.
 */
public final class ConfigMembers {
    private final List<String> problems = new ArrayList<String>();

    public void problem(String message) {
        problems.add(message);
    }

    public int count() {
        return problems.size();
    }

    /** @throws io.rapidbyte.sdk.ConnectorException {@code config/INVALID_CONFIG} listing every problem */
    public void throwIfAny(String connector) {
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("invalid ").append(connector).append(" config: ");
        for (int i = 0; i < problems.size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(problems.get(i));
        }
        throw ConnectorError.config("INVALID_CONFIG", sb.toString()).toException();
    }

    /** A problem for every member of {@code o} not in {@code known}. */
    public void unknownMembers(JsonObject o, String[][] known, String where) {
        for (String key : o.keySet()) {
            boolean ok = false;
            for (String[] names : known) {
                for (String k : names) {
                    ok |= k.equals(key);
                }
            }
            if (!ok) {
                problems.add("unknown member \"" + where + key + "\"");
            }
        }
    }

    /** A non-empty string, or null when absent (a problem when required). */
    public String string(JsonObject o, String key, boolean required, String where) {
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

    /** A string that may be empty (a secret: never echoed), or null when absent. */
    public String secret(JsonObject o, String key, String where) {
        Object v = o.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String)) {
            problems.add("\"" + where + key + "\" must be a string");
            return null;
        }
        return (String) v;
    }

    /** One of {@code allowed}, or {@code fallback} when absent. */
    public String choice(JsonObject o, String key, String[] allowed, String fallback, String where) {
        String v = string(o, key, false, where);
        if (v == null) {
            return fallback;
        }
        StringBuilder list = new StringBuilder();
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
            list.append(list.length() == 0 ? "" : ", ").append(a);
        }
        problems.add("\"" + where + key + "\" must be one of " + list + ", got \"" + v + "\"");
        return fallback;
    }

    /** An integer in {@code [min, max]}, or {@code fallback} when absent or wrong. */
    public long integer(JsonObject o, String key, long fallback, long min, long max, String where) {
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
    public List<String> names(JsonObject o, String key, String where) {
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
