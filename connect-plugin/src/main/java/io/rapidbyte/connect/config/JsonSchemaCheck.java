package io.rapidbyte.connect.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a config object against the subset of JSON Schema that connector manifests use:
 * {@code type}, {@code enum}, {@code const}, {@code minimum}/{@code maximum} (and the exclusive
 * forms), {@code minLength}/{@code maxLength}, {@code pattern}, {@code required},
 * {@code properties}, {@code additionalProperties}, {@code items}, {@code minItems}/{@code maxItems}
 * and {@code uniqueItems}. Other keywords are ignored: the connector's own {@code validate} is
 * the final word, this check exists to put errors on the right Connect field early.
 * Stateless and thread-safe.
 */
public final class JsonSchemaCheck {
    /**
     * One failed constraint.
     *
     * @param path     JSON pointer of the offending value ("" for the root)
     * @param property the top-level property it is under, or null for the root object itself
     */
    public record Violation(String path, String property, String message) {
    }

    private JsonSchemaCheck() {
    }

    public static List<Violation> check(JsonNode value, JsonNode schema) {
        List<Violation> out = new ArrayList<>();
        check(value, schema, "", null, out);
        return out;
    }

    private static void check(JsonNode value, JsonNode schema, String path, String property, List<Violation> out) {
        if (schema == null || !schema.isObject()) {
            return;
        }
        JsonNode type = schema.get("type");
        if (type != null && !matchesType(value, type)) {
            out.add(new Violation(path, property, "must be of type " + type + ", got " + describe(value)));
            return;
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null && allowed.isArray() && !contains(allowed, value)) {
            out.add(new Violation(path, property, "must be one of " + allowed));
        }
        if (schema.has("const") && !equal(schema.get("const"), value)) {
            out.add(new Violation(path, property, "must be " + schema.get("const")));
        }
        if (value.isNumber()) {
            numberChecks(value.decimalValue(), schema, path, property, out);
        } else if (value.isTextual()) {
            stringChecks(value.asText(), schema, path, property, out);
        } else if (value.isArray()) {
            arrayChecks(value, schema, path, property, out);
        } else if (value.isObject()) {
            objectChecks(value, schema, path, property, out);
        }
    }

    private static void numberChecks(BigDecimal n, JsonNode s, String path, String property, List<Violation> out) {
        if (s.path("minimum").isNumber() && n.compareTo(s.get("minimum").decimalValue()) < 0) {
            out.add(new Violation(path, property, "must be at least " + s.get("minimum")));
        }
        if (s.path("maximum").isNumber() && n.compareTo(s.get("maximum").decimalValue()) > 0) {
            out.add(new Violation(path, property, "must be at most " + s.get("maximum")));
        }
        if (s.path("exclusiveMinimum").isNumber() && n.compareTo(s.get("exclusiveMinimum").decimalValue()) <= 0) {
            out.add(new Violation(path, property, "must be greater than " + s.get("exclusiveMinimum")));
        }
        if (s.path("exclusiveMaximum").isNumber() && n.compareTo(s.get("exclusiveMaximum").decimalValue()) >= 0) {
            out.add(new Violation(path, property, "must be less than " + s.get("exclusiveMaximum")));
        }
    }

    private static void stringChecks(String text, JsonNode s, String path, String property, List<Violation> out) {
        int length = text.codePointCount(0, text.length());
        if (s.path("minLength").canConvertToInt() && length < s.get("minLength").asInt()) {
            out.add(new Violation(path, property, "must have at least " + s.get("minLength") + " characters"));
        }
        if (s.path("maxLength").canConvertToInt() && s.has("maxLength") && length > s.get("maxLength").asInt()) {
            out.add(new Violation(path, property, "must have at most " + s.get("maxLength") + " characters"));
        }
        if (s.path("pattern").isTextual()) {
            try {
                if (!Pattern.compile(s.get("pattern").asText()).matcher(text).find()) {
                    out.add(new Violation(path, property, "must match " + s.get("pattern").asText()));
                }
            } catch (PatternSyntaxException e) {
                // A pattern Java cannot compile is the manifest's problem, not the user's.
            }
        }
    }

    private static void arrayChecks(JsonNode array, JsonNode s, String path, String property, List<Violation> out) {
        if (s.path("minItems").canConvertToInt() && s.has("minItems") && array.size() < s.get("minItems").asInt()) {
            out.add(new Violation(path, property, "must have at least " + s.get("minItems") + " items"));
        }
        if (s.path("maxItems").canConvertToInt() && s.has("maxItems") && array.size() > s.get("maxItems").asInt()) {
            out.add(new Violation(path, property, "must have at most " + s.get("maxItems") + " items"));
        }
        if (s.path("uniqueItems").asBoolean(false)) {
            Set<JsonNode> seen = new HashSet<>();
            for (JsonNode item : array) {
                if (!seen.add(item)) {
                    out.add(new Violation(path, property, "must not repeat " + item));
                    break;
                }
            }
        }
        JsonNode items = s.get("items");
        for (int i = 0; i < array.size(); i++) {
            check(array.get(i), items, path + "/" + i, property, out);
        }
    }

    private static void objectChecks(JsonNode object, JsonNode s, String path, String property, List<Violation> out) {
        for (JsonNode r : s.path("required")) {
            if (!object.has(r.asText())) {
                String missing = r.asText();
                out.add(new Violation(path + "/" + escape(missing), property == null ? missing : property,
                        "is required"));
            }
        }
        JsonNode properties = s.path("properties");
        JsonNode additional = s.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String childPath = path + "/" + escape(e.getKey());
            String childProperty = property == null ? e.getKey() : property;
            if (properties.has(e.getKey())) {
                check(e.getValue(), properties.get(e.getKey()), childPath, childProperty, out);
            } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                out.add(new Violation(childPath, childProperty, "is not a known setting"));
            } else if (additional != null && additional.isObject()) {
                check(e.getValue(), additional, childPath, childProperty, out);
            }
        }
    }

    private static boolean matchesType(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (matchesType(value, t)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber()
                    || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode candidate : array) {
            if (equal(candidate, value)) {
                return true;
            }
        }
        return false;
    }

    /** JSON equality: numbers compare by value (1 equals 1.0). */
    private static boolean equal(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** The value's JSON type only: values may be secrets and never go into messages. */
    private static String describe(JsonNode value) {
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
