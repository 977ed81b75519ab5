package io.rapidbyte.host.abi;

import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonException;
import io.rapidbyte.sdk.json.JsonObject;
import io.rapidbyte.sdk.json.JsonReader;
import io.rapidbyte.sdk.json.JsonWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The little JSON the host needs, on the SDK's one JSON parser ({@link io.rapidbyte.sdk.json}):
 * checking that a guest payload is well-formed JSON (ABI.md section 6 makes malformed JSON an
 * {@code INVALID_ARGUMENT}), quoting strings for the {@code ctx-json} the host builds, and reading
 * the top-level string members of an object (the manifest's name/version/role). Duplicate member
 * names are malformed (the SDK parser rejects them: which one wins would be a guess). Stateless and
 * thread-safe.
 */
public final class JsonText {
    /** Deeper nesting is rejected so that hostile input cannot exhaust the host's stack. */
    static final int MAX_DEPTH = JsonReader.MAX_DEPTH;

    private JsonText() {
    }

    /** Whether {@code text} is exactly one JSON value (RFC 8259), surrounded by whitespace only. */
    public static boolean isValid(String text) {
        try {
            Json.parse(text);
            return true;
        } catch (JsonException e) {
            return false;
        }
    }

    /**
     * The members of a top-level JSON object whose values are strings, in document order.
     *
     * @throws IllegalArgumentException if {@code text} is not a JSON object
     */
    public static Map<String, String> topLevelStrings(String text) {
        JsonObject object;
        try {
            object = Json.parseObject(text);
        } catch (JsonException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        object.forEach((key, value) -> {
            if (value instanceof String s) {
                out.put(key, s);
            }
        });
        return out;
    }

    /** {@code value} as a JSON string literal, quotes included. */
    public static String quote(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2);
        JsonWriter.quote(b, value);
        return b.toString();
    }
}
