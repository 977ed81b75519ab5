package io.rapidbyte.sdk.json;

import java.util.ArrayList;

/**
 * A JSON array of parsed values (see {@link JsonReader}) with typed accessors that throw
 * {@link JsonException} for a null or wrongly typed element. Not thread-safe.
 */
public class JsonArray extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;

    /** Appends a value and returns this array, for building payloads fluently. */
    public JsonArray with(Object value) {
        add(value);
        return this;
    }

    public String getString(int index) {
        return JsonValues.asString(get(index), "[" + index + "]");
    }

    public long getLong(int index) {
        return JsonValues.asLong(get(index), "[" + index + "]");
    }

    public int getInt(int index) {
        return JsonValues.asInt(get(index), "[" + index + "]");
    }

    public boolean getBoolean(int index) {
        return JsonValues.asBoolean(get(index), "[" + index + "]");
    }

    public JsonObject getObject(int index) {
        return JsonValues.asObject(get(index), "[" + index + "]");
    }

    public JsonArray getArray(int index) {
        return JsonValues.asArray(get(index), "[" + index + "]");
    }

    /** Compact JSON text of this array. */
    public String toJson() {
        return JsonWriter.write(this);
    }
}
