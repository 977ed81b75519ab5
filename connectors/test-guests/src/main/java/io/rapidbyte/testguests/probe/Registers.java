package io.rapidbyte.testguests.probe;

import io.rapidbyte.sdk.json.JsonException;
import io.rapidbyte.sdk.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Named handles of a probe script: an op with {@code "as": "name"} stores its handle; later ops
 * name it ({@code "frame": "name"}) or pass a raw number ({@code "frame": 7}) to test stale or
 * garbage handles. Dropping a frame keeps its register, so the stale handle can be reused on purpose.
 * Single-threaded.
 */
final class Registers {
    private final Map<String, Long> values = new HashMap<>();

    void store(JsonObject op, long handle) {
        String name = op.optString("as", null);
        if (name != null) {
            values.put(name, handle);
        }
    }

    /** The handle in member {@code key}: a register name or a raw number. */
    long resolve(JsonObject op, String key) {
        Object ref = op.get(key);
        if (ref instanceof String) {
            Long handle = values.get(ref);
            if (handle == null) {
                throw new JsonException("no register named \"" + ref + "\"");
            }
            return handle;
        }
        return op.getLong(key);
    }

    int frame(JsonObject op) {
        return (int) resolve(op, "frame");
    }

    long socket(JsonObject op) {
        return resolve(op, "socket");
    }
}
