package io.rapidbyte.connect.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigDef;

/**
 * One top-level property of a wasm connector's config schema, as a flat Connect property
 * {@code <prefix><property>} ({@value WasmConfig#SETTING_PREFIX} for the connector itself,
 * {@code wasm.transforms.<name>.config.} for a transform, see {@link ModuleKeys#transform}). Scalars map to the matching Connect type;
 * objects, arrays and untyped properties are written as JSON text. Properties marked
 * {@code "writeOnly": true}, {@code "x-secret": true} or {@code "format": "password"} are
 * Connect {@code PASSWORD}s, hidden in REST responses and logs. Immutable.
 *
 * @param prefix       the Connect key prefix of the module's settings
 * @param property     the JSON property name
 * @param kind         how the Connect string is turned into JSON
 * @param secret       whether the value is a secret
 * @param required     listed in the schema's {@code required}
 * @param defaultValue the schema's {@code default}, or null
 * @param description  the schema's {@code description} (or {@code title}), or ""
 * @param schema       the property's own schema, for validation
 */
public record SettingSpec(String prefix, String property, Kind kind, boolean secret, boolean required, JsonNode defaultValue,
                          String description, JsonNode schema) {
    /** JSON shape of a setting. */
    public enum Kind { STRING, INTEGER, NUMBER, BOOLEAN, JSON }

    public SettingSpec {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(schema, "schema");
    }

    /** Reads one property schema. */
    static SettingSpec of(String prefix, String property, JsonNode schema, boolean required) {
        String description = schema.path("description").asText(schema.path("title").asText(""));
        boolean secret = schema.path("writeOnly").asBoolean(false) || schema.path("x-secret").asBoolean(false)
                || "password".equals(schema.path("format").asText(""));
        JsonNode def = schema.has("default") ? schema.get("default") : null;
        return new SettingSpec(prefix, property, kindOf(schema), secret, required, def, description, schema);
    }

    private static Kind kindOf(JsonNode schema) {
        List<String> types = new ArrayList<>();
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual()) {
            types.add(type.asText());
        } else if (type != null && type.isArray()) {
            type.forEach(t -> {
                if (!"null".equals(t.asText())) {
                    types.add(t.asText());
                }
            });
        }
        if (types.isEmpty()) {
            return kindOfValues(schema);
        }
        if (types.size() != 1) {
            return Kind.JSON;
        }
        return switch (types.get(0)) {
            case "string" -> Kind.STRING;
            case "integer" -> Kind.INTEGER;
            case "number" -> Kind.NUMBER;
            case "boolean" -> Kind.BOOLEAN;
            default -> Kind.JSON;
        };
    }

    /**
     * An untyped property constrained by {@code enum} or {@code const} takes the kind its values
     * share (so {@code {"enum": ["append", "upsert"]}} is a plain string setting, not JSON text).
     */
    private static Kind kindOfValues(JsonNode schema) {
        List<JsonNode> values = new ArrayList<>();
        schema.path("enum").forEach(values::add);
        if (schema.has("const")) {
            values.add(schema.get("const"));
        }
        if (values.isEmpty()) {
            return Kind.JSON;
        }
        if (values.stream().allMatch(JsonNode::isTextual)) {
            return Kind.STRING;
        }
        if (values.stream().allMatch(JsonNode::isIntegralNumber)) {
            return Kind.INTEGER;
        }
        if (values.stream().allMatch(JsonNode::isBoolean)) {
            return Kind.BOOLEAN;
        }
        return Kind.JSON;
    }

    /** The Connect property holding this setting. */
    public String key() {
        return prefix + property;
    }

    public ConfigDef.Type connectType() {
        if (secret) {
            return ConfigDef.Type.PASSWORD;
        }
        return switch (kind) {
            case INTEGER -> ConfigDef.Type.LONG;
            case NUMBER -> ConfigDef.Type.DOUBLE;
            case BOOLEAN -> ConfigDef.Type.BOOLEAN;
            case STRING, JSON -> ConfigDef.Type.STRING;
        };
    }

    /** Documentation for the Connect property. */
    public String documentation() {
        String what = switch (kind) {
            case JSON -> "JSON text (" + schema.path("type").asText("any value") + ")";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
        String text = description.isEmpty() ? "Setting '" + property + "' of the wasm connector" : description;
        return text + " [" + what + (secret ? ", secret" : "") + (required ? ", required" : "")
                + (defaultValue != null ? ", default " + defaultValue : "") + "]";
    }
}
