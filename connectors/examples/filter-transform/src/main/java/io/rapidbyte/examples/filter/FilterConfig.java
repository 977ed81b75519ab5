package io.rapidbyte.examples.filter;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.json.JsonArray;
import io.rapidbyte.sdk.json.JsonException;
import io.rapidbyte.sdk.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The transform's {@code open} config (JSON Schema in {@code src/main/wasm/manifest.json}):
 * {@code columns} (the projection, in output order; absent = every column) and an optional
 * {@code filter}. Column names are checked against the schema only when the first batch arrives.
 * Unknown members are rejected. Immutable.
 */
public final class FilterConfig {
    private static final List<String> KEYS = Arrays.asList("columns", "filter");
    private static final List<String> FILTER_KEYS = Arrays.asList("column", "op", "value");

    private final List<String> columns;
    private final FilterSpec filter;

    private FilterConfig(List<String> columns, FilterSpec filter) {
        this.columns = columns;
        this.filter = filter;
    }

    /** @throws ConnectorException category config, code {@code INVALID_CONFIG} */
    public static FilterConfig parse(JsonObject config) {
        try {
            checkKeys(config, KEYS, "");
            JsonObject filter = config.optObject("filter");
            return new FilterConfig(columns(config.optArray("columns")), filter == null ? null : filter(filter));
        } catch (JsonException e) {
            throw invalid(e.getMessage());
        }
    }

    private static List<String> columns(JsonArray array) {
        if (array == null) {
            return null;
        }
        if (array.isEmpty()) {
            throw invalid("columns must not be empty (leave it out to keep every column)");
        }
        List<String> names = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String name = array.getString(i);
            if (names.contains(name)) {
                throw invalid("column \"" + name + "\" is listed twice");
            }
            names.add(name);
        }
        return Collections.unmodifiableList(names);
    }

    private static FilterSpec filter(JsonObject f) {
        checkKeys(f, FILTER_KEYS, "filter.");
        FilterOp op = FilterOp.fromWireName(f.getString("op"));
        if (op == null) {
            throw invalid("filter.op must be one of eq, ne, lt, le, gt, ge, is_null, not_null; got \""
                    + f.getString("op") + "\"");
        }
        Object value = f.get("value");
        if (op.takesValue() && value == null) {
            throw invalid("filter.op " + op.wireName() + " needs a non-null value");
        }
        if (!op.takesValue() && f.containsKey("value")) {
            throw invalid("filter.op " + op.wireName() + " takes no value");
        }
        if (value instanceof JsonObject || value instanceof JsonArray) {
            throw invalid("filter.value must be a number, string or boolean");
        }
        return new FilterSpec(f.getString("column"), op, value);
    }

    private static void checkKeys(JsonObject object, List<String> allowed, String prefix) {
        for (String key : object.keySet()) {
            if (!allowed.contains(key)) {
                throw invalid("unknown member \"" + prefix + key + "\"; allowed: " + allowed);
            }
        }
    }

    static ConnectorException invalid(String message) {
        return ConnectorError.config("INVALID_CONFIG", "filter config: " + message).toException();
    }

    /** The projection in output order, or null for every input column. */
    public List<String> columns() {
        return columns;
    }

    /** The row filter, or null to keep every row. */
    public FilterSpec filter() {
        return filter;
    }
}
