package io.rapidbyte.sdk.json;

/**
 * Entry points of the SDK's JSON support, used for configs, run contexts, checkpoints, metrics and
 * catalogs. Values are {@link JsonObject}, {@link JsonArray}, {@link String}, {@link Long},
 * {@link JsonNumber}, {@link Boolean} and {@code null}. Stateless and thread-safe.
 */
public final class Json {
    private Json() {
    }

    /** Parses any JSON text. */
    public static Object parse(String text) {
        return JsonReader.parse(text);
    }

    /** Parses JSON text that must be an object. */
    public static JsonObject parseObject(String text) {
        Object value = JsonReader.parse(text);
        if (!(value instanceof JsonObject)) {
            throw new JsonException("expected a JSON object");
        }
        return (JsonObject) value;
    }

    /** Compact JSON text of a value graph (see {@link JsonWriter}). */
    public static String write(Object value) {
        return JsonWriter.write(value);
    }

    /** A new empty object, for fluent building: {@code Json.object().with("name", "rows")}. */
    public static JsonObject object() {
        return new JsonObject();
    }

    /** A new empty array. */
    public static JsonArray array() {
        return new JsonArray();
    }
}
