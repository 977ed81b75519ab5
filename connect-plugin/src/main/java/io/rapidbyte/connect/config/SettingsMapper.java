package io.rapidbyte.connect.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapidbyte.connect.json.PluginJson;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns the flat {@value WasmConfig#SETTING_PREFIX}{@code <property>} Connect properties into the
 * wasm connector's config JSON (the argument of its {@code open}), and reports what is wrong
 * per Connect key: values that do not parse as their type, missing required settings, unknown
 * settings, and every {@link JsonSchemaCheck} violation, attributed to the top-level property
 * it concerns. Settings that are not set are left out, so the connector applies its own
 * defaults. Stateless.
 */
public final class SettingsMapper {
    private SettingsMapper() {
    }

    /**
     * The config JSON and the problems found, keyed by Connect property name (insertion order).
     * Problems that concern no single setting are keyed by {@link WasmConfig#CONNECTOR}.
     */
    public record Result(ObjectNode configJson, Map<String, List<String>> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }

        /** The first problem as one line, for exceptions at task start. */
        public String firstError() {
            return errors.entrySet().stream().findFirst()
                    .map(e -> e.getKey() + ": " + String.join("; ", e.getValue())).orElse("");
        }
    }

    public static Result map(Map<String, String> props, ManifestSchema schema) {
        return map(props, schema, WasmConfig.CONNECTOR);
    }

    /**
     * Like {@link #map(Map, ManifestSchema)} for the settings under {@link ManifestSchema#settingPrefix()};
     * problems that concern no single setting are keyed {@code generalKey}.
     */
    public static Result map(Map<String, String> props, ManifestSchema schema, String generalKey) {
        String prefix = schema.settingPrefix();
        ObjectNode json = PluginJson.object();
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (SettingSpec spec : schema.settings()) {
            String raw = props.get(spec.key());
            if (raw == null) {
                if (spec.required()) {
                    add(errors, spec.key(), "Missing required configuration \"" + spec.key() + "\" which has no default value.");
                }
                continue;
            }
            try {
                json.set(spec.property(), toJson(spec, raw));
            } catch (IllegalArgumentException e) {
                add(errors, spec.key(), e.getMessage());
            }
        }
        Map<String, String> others = new TreeMap<>();
        props.forEach((k, v) -> {
            if (k.startsWith(prefix) && schema.setting(k.substring(prefix.length())).isEmpty()) {
                others.put(k, v);
            }
        });
        others.forEach((key, value) -> {
            String property = key.substring(prefix.length());
            if (property.isEmpty() || !schema.allowsOtherSettings()) {
                add(errors, key, "not a setting of this connector; it accepts: " + schema.settings().stream()
                        .map(SettingSpec::key).collect(Collectors.joining(", ")));
            } else {
                json.put(property, value);
            }
        });
        for (JsonSchemaCheck.Violation v : JsonSchemaCheck.check(json, schema.configSchema())) {
            String key = v.property() == null ? generalKey : prefix + v.property();
            if (!errors.containsKey(key)) {
                String where = v.path().isEmpty() || v.path().equals("/" + v.property()) ? "" : " (at " + v.path() + ")";
                add(errors, key, "Invalid value" + where + ": " + v.message());
            }
        }
        return new Result(json, errors);
    }

    /**
     * @throws IllegalArgumentException saying why {@code raw} is not a value of the setting's kind
     */
    static JsonNode toJson(SettingSpec spec, String raw) {
        String text = raw.trim();
        switch (spec.kind()) {
            case STRING:
                return PluginJson.nodes().textNode(raw);
            case INTEGER:
                try {
                    // Re-parsed, so the node is what any JSON parser makes of the number.
                    return PluginJson.parse(new BigDecimal(text).toBigIntegerExact().toString());
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new IllegalArgumentException("Invalid value: must be an integer");
                }
            case NUMBER:
                try {
                    return PluginJson.parse(new BigDecimal(text).toString());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Invalid value: must be a number");
                }
            case BOOLEAN:
                String b = text.toLowerCase(Locale.ROOT);
                if (b.equals("true") || b.equals("false")) {
                    return PluginJson.nodes().booleanNode(b.equals("true"));
                }
                throw new IllegalArgumentException("Invalid value: must be true or false");
            default:
                try {
                    return PluginJson.parse(raw);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Invalid value: must be JSON text"
                            + (spec.secret() ? "" : " (" + e.getMessage() + ")"));
                }
        }
    }

    private static void add(Map<String, List<String>> errors, String key, String message) {
        errors.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(message);
    }
}
