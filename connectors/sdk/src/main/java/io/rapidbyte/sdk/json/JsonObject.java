package io.rapidbyte.sdk.json;

import java.util.LinkedHashMap;

/**
 * A JSON object: an insertion-ordered map from member names to parsed values (see
 * {@link JsonReader}) with typed accessors. {@code getX} throws {@link JsonException} when the
 * member is missing or of another type; {@code optX} returns the default when it is missing or
 * null (and still throws for a wrong type). Not thread-safe.
 */
public class JsonObject extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    /** Puts a member and returns this object, for building payloads fluently. */
    public JsonObject with(String key, Object value) {
        put(key, value);
        return this;
    }

    /** True if the member is present and JSON null. */
    public boolean isNull(String key) {
        return containsKey(key) && get(key) == null;
    }

    public String getString(String key) {
        return JsonValues.asString(required(key), key);
    }

    public String optString(String key, String fallback) {
        Object v = get(key);
        return v == null ? fallback : JsonValues.asString(v, key);
    }

    public long getLong(String key) {
        return JsonValues.asLong(required(key), key);
    }

    public long optLong(String key, long fallback) {
        Object v = get(key);
        return v == null ? fallback : JsonValues.asLong(v, key);
    }

    public int getInt(String key) {
        return JsonValues.asInt(required(key), key);
    }

    public int optInt(String key, int fallback) {
        Object v = get(key);
        return v == null ? fallback : JsonValues.asInt(v, key);
    }

    public double getDouble(String key) {
        return JsonValues.asDouble(required(key), key);
    }

    public boolean getBoolean(String key) {
        return JsonValues.asBoolean(required(key), key);
    }

    public boolean optBoolean(String key, boolean fallback) {
        Object v = get(key);
        return v == null ? fallback : JsonValues.asBoolean(v, key);
    }

    public JsonObject getObject(String key) {
        return JsonValues.asObject(required(key), key);
    }

    /** The member as an object, or null when missing or null. */
    public JsonObject optObject(String key) {
        Object v = get(key);
        return v == null ? null : JsonValues.asObject(v, key);
    }

    public JsonArray getArray(String key) {
        return JsonValues.asArray(required(key), key);
    }

    /** The member as an array, or null when missing or null. */
    public JsonArray optArray(String key) {
        Object v = get(key);
        return v == null ? null : JsonValues.asArray(v, key);
    }

    /** Compact JSON text of this object. */
    public String toJson() {
        return JsonWriter.write(this);
    }

    private Object required(String key) {
        Object v = get(key);
        if (v == null) {
            throw new JsonException(containsKey(key) ? "member \"" + key + "\" is null"
                    : "missing member \"" + key + "\"");
        }
        return v;
    }
}
