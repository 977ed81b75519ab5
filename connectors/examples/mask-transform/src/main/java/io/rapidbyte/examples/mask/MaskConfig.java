package io.rapidbyte.examples.mask;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.json.JsonArray;
import io.rapidbyte.sdk.json.JsonException;
import io.rapidbyte.sdk.json.JsonObject;
import io.rapidbyte.sdk.text.Utf8;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transform's {@code open} config (JSON Schema in {@code src/main/wasm/manifest.json}): the
 * columns to {@code hash}, {@code redact} and {@code drop}, an optional {@code hash_key} (HMAC),
 * the {@code replacement} text and an optional {@code streams} list. A column may have one action
 * only. Column names are checked against a stream's schema when its first batch arrives.
 * Unknown members are rejected. Immutable.
 */
public final class MaskConfig {
    /** The text a redacted utf8 value becomes when {@code replacement} is not set. */
    public static final String DEFAULT_REPLACEMENT = "***";
    private static final List<String> KEYS = Arrays.asList("hash", "hash_key", "redact", "replacement", "drop",
            "streams");

    private final Map<String, MaskAction> actions;
    private final byte[] hashKey;
    private final byte[] replacement;
    private final List<String> streams;

    private MaskConfig(Map<String, MaskAction> actions, byte[] hashKey, byte[] replacement, List<String> streams) {
        this.actions = actions;
        this.hashKey = hashKey;
        this.replacement = replacement;
        this.streams = streams;
    }

    /** @throws ConnectorException category config, code {@code INVALID_CONFIG} */
    public static MaskConfig parse(JsonObject config) {
        try {
            for (String key : config.keySet()) {
                if (!KEYS.contains(key)) {
                    throw invalid("unknown member \"" + key + "\"; allowed: " + KEYS);
                }
            }
            Map<String, MaskAction> actions = new LinkedHashMap<>();
            for (MaskAction action : MaskAction.values()) {
                addColumns(actions, config.optArray(action.wireName()), action);
            }
            if (actions.isEmpty()) {
                throw invalid("name at least one column in hash, redact or drop");
            }
            String key = config.optString("hash_key", null);
            if (key != null && key.isEmpty()) {
                throw invalid("hash_key must not be empty (leave it out for plain SHA-256)");
            }
            String replacement = config.optString("replacement", DEFAULT_REPLACEMENT);
            return new MaskConfig(Collections.unmodifiableMap(actions), key == null ? null : Utf8.encode(key),
                    Utf8.encode(replacement), streams(config.optArray("streams")));
        } catch (JsonException e) {
            throw invalid(e.getMessage());
        } catch (IllegalArgumentException e) {
            // Utf8.encode: an unpaired surrogate in a string.
            throw invalid(e.getMessage());
        }
    }

    private static void addColumns(Map<String, MaskAction> actions, JsonArray names, MaskAction action) {
        if (names == null) {
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.getString(i);
            if (name == null || name.isEmpty()) {
                throw invalid(action.wireName() + "[" + i + "] must be a column name");
            }
            MaskAction before = actions.put(name, action);
            if (before != null) {
                throw invalid("column \"" + name + "\" is listed in " + before.wireName()
                        + (before == action ? " twice" : " and in " + action.wireName()));
            }
        }
    }

    private static List<String> streams(JsonArray array) {
        if (array == null) {
            return null;
        }
        if (array.isEmpty()) {
            throw invalid("streams must not be empty (leave it out to mask every stream)");
        }
        List<String> names = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            names.add(array.getString(i));
        }
        return Collections.unmodifiableList(names);
    }

    static ConnectorException invalid(String message) {
        return ConnectorError.config("INVALID_CONFIG", "mask config: " + message).toException();
    }

    /** Every configured column with its action, in config order (hash, redact, drop). */
    public Map<String, MaskAction> actions() {
        return actions;
    }

    /** The HMAC key's bytes (the caller must not modify them), or null for plain SHA-256. */
    public byte[] hashKey() {
        return hashKey;
    }

    /** The UTF-8 bytes of the redaction text; the caller must not modify them. */
    public byte[] replacement() {
        return replacement;
    }

    /** Whether batches of {@code stream} are masked (every stream when no list is configured). */
    public boolean masks(String stream) {
        return streams == null || streams.contains(stream);
    }
}
