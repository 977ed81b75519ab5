package io.rapidbyte.connect.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapidbyte.connect.config.BundledConnectors;
import io.rapidbyte.connect.config.ManifestSchema;
import io.rapidbyte.connect.config.NetworkRules;
import io.rapidbyte.connect.config.SettingSpec;
import io.rapidbyte.connect.config.WasmConfig;
import io.rapidbyte.connect.json.PluginJson;
import io.rapidbyte.connect.sink.SinkConfig;
import io.rapidbyte.connect.sink.WasmSinkConnector;
import io.rapidbyte.connect.source.SourceConfig;
import io.rapidbyte.connect.source.WasmSourceConnector;
import io.rapidbyte.connect.transforms.WasmTransform;
import io.rapidbyte.connect.transforms.WasmTransformConfig;
import io.rapidbyte.host.lifecycle.Manifest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Renders the configuration reference of the README as Markdown, from the code that defines the
 * configuration: the {@link ConfigDef}s of the two Connect connectors (common keys from
 * {@link WasmConfig#commonDefinition()}, then the keys only the source or only the sink has) and,
 * for the bundled Postgres connectors, the {@code wasm.config.<property>} settings the plugin
 * derives from each module's embedded manifest ({@link ManifestSchema}, {@link SettingSpec}),
 * with the JSON Schema constraints of each property and the network allow-list templates.
 *
 * <p>The output is deterministic: Connect keys in definition order, settings in manifest order.
 * Every cell is one line with {@code |} escaped. Stateless.
 */
public final class ConfigReference {
    /** The bundled connectors documented, in this order. */
    public static final List<String> DOCUMENTED_CONNECTORS = List.of("source-postgres", "dest-postgres");
    /** The bundled transforms documented after them, in this order. */
    public static final List<String> DOCUMENTED_TRANSFORMS = List.of("example-filter", "example-mask");
    /**
     * How a transform's setting is written, {@code <property>} standing for the setting: in a
     * source or sink connector's chain, and in the single-message transform.
     */
    static final String TRANSFORM_CHAIN_KEY = "wasm.transforms.<name>.config.";
    static final String TRANSFORM_SMT_KEY = "transforms.<alias>.config.";

    private ConfigReference() {
    }

    /** The whole reference: Connect keys, then one section per documented bundled connector. */
    public static String render() {
        StringBuilder out = new StringBuilder();
        renderConnectKeys(out);
        for (String name : DOCUMENTED_CONNECTORS) {
            out.append('\n');
            renderBundled(out, name, manifestOf(name), WasmConfig.SETTING_PREFIX, WasmConfig.CONNECTOR + '=' + name, "");
        }
        for (String name : DOCUMENTED_TRANSFORMS) {
            out.append('\n');
            renderBundled(out, name, manifestOf(name), TRANSFORM_CHAIN_KEY, "wasm.transforms.<name>.connector=" + name,
                    "In a source or sink connector's chain (`wasm.transforms=<name>,...`) each key is written as below; in "
                            + "the single-message transform (`transforms.<alias>.module.connector=" + name + "`) it is `"
                            + TRANSFORM_SMT_KEY + "<property>`.\n\n");
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- Connect keys

    private static void renderConnectKeys(StringBuilder out) {
        Map<String, ConfigKey> common = visible(WasmConfig.commonDefinition());
        Map<String, ConfigKey> source = visible(SourceConfig.DEFINITION);
        Map<String, ConfigKey> sink = visible(SinkConfig.DEFINITION);
        for (String key : common.keySet()) {
            if (!source.containsKey(key) || !sink.containsKey(key)) {
                throw new IllegalStateException("common key " + key + " is missing from a connector's definition");
            }
        }

        out.append("### Connect properties\n\n");
        out.append("From the connectors' `ConfigDef`s (`WasmConfig`, `SourceConfig`, `SinkConfig`). ")
                .append("Set them in the connector's JSON next to Connect's own keys (`connector.class`, ")
                .append("`tasks.max`, converters, `errors.*`, ...).\n\n");

        out.append("#### Common to both connectors\n\n");
        keyTable(out, common, k -> true);

        out.append("\n#### Source only (`").append(WasmSourceConnector.class.getName()).append("`)\n\n");
        keyTable(out, source, k -> !common.containsKey(k));

        out.append("\n#### Sink only (`").append(WasmSinkConnector.class.getName()).append("`)\n\n");
        keyTable(out, sink, k -> !common.containsKey(k));
        out.append("\nThe sink also passes every `").append(SinkConfig.STATE_KAFKA_PREFIX)
                .append("<client setting>` key, prefix removed, to the Kafka clients of its state store (e.g. `")
                .append(SinkConfig.STATE_KAFKA_PREFIX).append("bootstrap.servers`).\n");

        out.append("\n#### Single-message transform (`").append(WasmTransform.class.getName()).append("`)\n\n");
        out.append("Keys of `transforms.<alias>.*` (`WasmTransformConfig`); the module's settings are `transforms.<alias>.")
                .append(WasmTransformConfig.SETTING_PREFIX).append("<property>`, checked against its manifest when ")
                .append("the task starts.\n\n");
        keyTable(out, visible(WasmTransformConfig.DEFINITION), k -> true);
    }

    /** The definition's non-internal keys, in definition order. */
    private static Map<String, ConfigKey> visible(ConfigDef def) {
        Map<String, ConfigKey> out = new java.util.LinkedHashMap<>();
        def.configKeys().forEach((name, key) -> {
            if (!key.internalConfig) {
                out.put(name, key);
            }
        });
        return out;
    }

    private static void keyTable(StringBuilder out, Map<String, ConfigKey> keys, Predicate<String> include) {
        Table table = new Table("key", "type", "default", "valid values", "importance", "description");
        keys.forEach((name, key) -> {
            if (include.test(name)) {
                table.row(code(name), key.type.name().toLowerCase(Locale.ROOT), connectDefault(key),
                        validValues(key), key.importance.name().toLowerCase(Locale.ROOT), text(key.documentation));
            }
        });
        table.appendTo(out);
    }

    private static String connectDefault(ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return code("null");
        }
        String s = ConfigDef.convertToString(key.defaultValue, key.type);
        return code(s.isEmpty() ? "\"\"" : s);
    }

    private static String validValues(ConfigKey key) {
        List<String> parts = new ArrayList<>();
        if (key.validator != null) {
            parts.add(text(key.validator.toString()));
        }
        if (key.recommender != null) {
            List<Object> recommended = key.recommender.validValues(key.name, Map.of());
            if (!recommended.isEmpty()) {
                parts.add("bundled: " + recommended.stream().map(v -> code(String.valueOf(v)))
                        .collect(Collectors.joining(", ")));
            }
        }
        return String.join("; ", parts);
    }

    // ---------------------------------------------------------------- bundled connectors

    /** The manifest embedded in the bundled module (custom section only; nothing is compiled). */
    static Manifest manifestOf(String name) {
        return BundledConnectors.manifest(name).orElseThrow(() -> new IllegalStateException(
                "no bundled connector " + name + " with a manifest on the class path; bundled: "
                        + BundledConnectors.names()));
    }

    /**
     * @param prefix   what each setting's key starts with ({@code wasm.config.} for a connector)
     * @param selected how the module is chosen, written inside backquotes
     * @param note     a paragraph after the description, or ""
     */
    static void renderBundled(StringBuilder out, String name, Manifest manifest, String prefix, String selected,
            String note) {
        ManifestSchema schema = ManifestSchema.of(Optional.of(manifest));
        JsonNode root = PluginJson.parse(manifest.json());
        out.append("### `").append(name).append("` settings (`").append(selected).append("`)\n\n");
        out.append("From the module's embedded manifest (").append(manifest.role().map(r -> "role " + r).orElse("no role"))
                .append(manifest.version().map(v -> ", version " + v).orElse("")).append(")");
        String description = root.path("description").asText("");
        out.append(description.isEmpty() ? "." : ": " + text(description)).append("\n\n");
        out.append(note);

        Table table = new Table("key", "type", "value", "required", "secret", "default", "constraints", "description");
        for (SettingSpec spec : schema.settings()) {
            table.row(code(prefix + spec.property()), spec.connectType().name().toLowerCase(Locale.ROOT), valueFormat(spec),
                    spec.required() ? "yes" : "", spec.secret() ? "yes" : "",
                    spec.defaultValue() == null ? "" : code(connectValue(spec, spec.defaultValue())),
                    String.join("; ", constraints(spec.schema(), spec, false)),
                    text(spec.description()));
        }
        table.appendTo(out);
        out.append('\n');
        out.append(schema.allowsOtherSettings()
                ? "Other `" + prefix + "*` keys are passed to the connector as strings.\n"
                : "Any other `" + prefix + "*` key is refused (`additionalProperties: false`).\n");
        out.append('\n');
        renderNetwork(out, schema);
    }

    private static void renderNetwork(StringBuilder out, ManifestSchema schema) {
        List<String> templates = schema.networkTemplates();
        if (templates.isEmpty()) {
            out.append("Network: the manifest declares no network permission; without `").append(WasmConfig.NETWORK_ALLOW)
                    .append("` the connector cannot open any connection.\n");
            return;
        }
        Set<String> placeholders = NetworkRules.placeholders(templates);
        ObjectNode example = PluginJson.object();
        List<String> bindings = new ArrayList<>();
        for (String p : placeholders) {
            Optional<SettingSpec> spec = schema.setting(p);
            String binding = "`${" + p + "}` = " + spec.map(s -> code(s.key())).orElse("(not a setting)");
            if (spec.isPresent() && spec.get().defaultValue() != null) {
                binding += " (default " + code(spec.get().defaultValue().asText()) + ")";
            } else {
                example.put(p, "<" + p + ">");
            }
            bindings.add(binding);
        }
        List<String> derived = NetworkRules.allowList(null, schema, example);
        out.append("Network allow-list when `").append(WasmConfig.NETWORK_ALLOW).append("` is unset: templates ")
                .append(templates.stream().map(ConfigReference::code).collect(Collectors.joining(", ")))
                .append(" with ").append(String.join(", ", bindings)).append(", i.e. ")
                .append(derived.isEmpty() ? "nothing" : derived.stream().map(ConfigReference::code)
                        .collect(Collectors.joining(", ")))
                .append(".\n");
    }

    /** How the Connect string value is written. */
    private static String valueFormat(SettingSpec spec) {
        return switch (spec.kind()) {
            case STRING -> "string";
            case INTEGER -> "integer";
            case NUMBER -> "number";
            case BOOLEAN -> "`true` / `false`";
            case JSON -> "JSON text (" + shape(spec.schema()).orElse("any JSON value")
                    + (admitsString(spec.schema()) ? "; a string is written with its JSON quotes" : "") + ")";
        };
    }

    /** Whether a JSON string can satisfy the schema (type, enum or one of its alternatives). */
    private static boolean admitsString(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type != null) {
            if (type.isTextual()) {
                return type.asText().equals("string");
            }
            for (JsonNode t : type) {
                if (t.asText().equals("string")) {
                    return true;
                }
            }
            return false;
        }
        if (schema.has("const")) {
            return schema.get("const").isTextual();
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null && allowed.isArray()) {
            for (JsonNode v : allowed) {
                if (v.isTextual()) {
                    return true;
                }
            }
            return false;
        }
        for (String combinator : List.of("oneOf", "anyOf")) {
            for (JsonNode alternative : schema.path(combinator)) {
                if (admitsString(alternative)) {
                    return true;
                }
            }
        }
        return !schema.has("oneOf") && !schema.has("anyOf");
    }

    /** A JSON value as it is written in the Connect property of {@code spec}. */
    private static String connectValue(SettingSpec spec, JsonNode value) {
        return spec.kind() != SettingSpec.Kind.JSON && value.isValueNode() ? value.asText() : PluginJson.write(value);
    }

    /** The schema's {@code type}, e.g. "array" or "string or null"; empty without one. */
    private static Optional<String> shape(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return Optional.empty();
        }
        if (type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(t -> names.add(t.asText()));
            return Optional.of(String.join(" or ", names));
        }
        return Optional.of(type.asText());
    }

    /**
     * The JSON Schema constraints of a property, as readable fragments. Top-level values are
     * shown as written in the Connect property ({@code spec} non-null), nested ones as JSON.
     */
    static List<String> constraints(JsonNode schema, SettingSpec spec, boolean nested) {
        List<String> parts = new ArrayList<>();
        if (!schema.isObject()) {
            return parts;
        }
        if (nested) {
            shape(schema).ifPresent(parts::add);
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null && allowed.isArray()) {
            List<String> values = new ArrayList<>();
            allowed.forEach(v -> values.add(code(spec == null ? PluginJson.write(v) : connectValue(spec, v))));
            parts.add("one of " + String.join(", ", values));
        }
        if (schema.has("const")) {
            JsonNode c = schema.get("const");
            parts.add("exactly " + code(spec == null ? PluginJson.write(c) : connectValue(spec, c)));
        }
        bound(parts, schema, "minimum", "≥ ");
        bound(parts, schema, "exclusiveMinimum", "> ");
        bound(parts, schema, "maximum", "≤ ");
        bound(parts, schema, "exclusiveMaximum", "< ");
        bound(parts, schema, "minLength", "length ≥ ");
        bound(parts, schema, "maxLength", "length ≤ ");
        if (schema.has("pattern")) {
            parts.add("matches " + code(schema.get("pattern").asText()));
        }
        String format = schema.path("format").asText("");
        if (!format.isEmpty() && !format.equals("password")) {
            parts.add("format " + code(format));
        }
        bound(parts, schema, "minItems", "≥ ", " items");
        bound(parts, schema, "maxItems", "≤ ", " items");
        if (schema.path("uniqueItems").asBoolean(false)) {
            parts.add("unique items");
        }
        JsonNode items = schema.get("items");
        if (items != null && items.isObject()) {
            parts.add("items: " + nestedSummary(items));
        }
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.isObject()) {
            Set<String> required = new LinkedHashSet<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            List<String> members = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                List<String> about = new ArrayList<>();
                if (required.contains(p.getKey())) {
                    about.add("required");
                }
                about.addAll(constraints(p.getValue(), null, true));
                if (p.getValue().has("default")) {
                    about.add("default " + code(PluginJson.write(p.getValue().get("default"))));
                }
                members.add(code(p.getKey()) + (about.isEmpty() ? "" : " (" + String.join(", ", about) + ")"));
            }
            parts.add("members: " + String.join(", ", members));
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isObject()) {
            parts.add("member values: " + nestedSummary(additional));
        } else if (additional != null && additional.isBoolean() && !additional.asBoolean()
                && (nested || properties != null)) {
            parts.add("no other members");
        }
        for (String combinator : List.of("oneOf", "anyOf")) {
            JsonNode alternatives = schema.get(combinator);
            if (alternatives != null && alternatives.isArray()) {
                List<String> each = new ArrayList<>();
                alternatives.forEach(a -> each.add(nestedSummary(a)));
                parts.add((combinator.equals("oneOf") ? "one of: " : "any of: ") + String.join("; or ", each));
            }
        }
        return parts;
    }

    private static String nestedSummary(JsonNode schema) {
        List<String> parts = constraints(schema, null, true);
        return parts.isEmpty() ? "any value" : String.join(", ", parts);
    }

    private static void bound(List<String> parts, JsonNode schema, String keyword, String prefix) {
        bound(parts, schema, keyword, prefix, "");
    }

    private static void bound(List<String> parts, JsonNode schema, String keyword, String prefix, String suffix) {
        JsonNode n = schema.get(keyword);
        if (n != null && n.isNumber()) {
            parts.add(prefix + n.asText() + suffix);
        }
    }

    // ---------------------------------------------------------------- Markdown

    /** A Markdown table whose cells are already escaped. */
    static final class Table {
        private final List<String> header;
        private final List<List<String>> rows = new ArrayList<>();

        Table(String... header) {
            this.header = List.of(header);
        }

        void row(String... cells) {
            if (cells.length != header.size()) {
                throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
            }
            for (String c : cells) {
                if (c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                    throw new IllegalArgumentException("newline inside a cell: " + c);
                }
            }
            rows.add(List.of(cells));
        }

        void appendTo(StringBuilder out) {
            line(out, header);
            line(out, header.stream().map(h -> "---").toList());
            rows.forEach(r -> line(out, r));
        }

        private static void line(StringBuilder out, List<String> cells) {
            out.append('|');
            for (String c : cells) {
                out.append(' ').append(c).append(c.isEmpty() ? "|" : " |");
            }
            out.append('\n');
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    /** Inline code, table-safe. */
    static String code(String s) {
        String t = oneLine(s).replace("|", "\\|");
        String fence = t.contains("`") ? "``" : "`";
        String pad = t.startsWith("`") || t.endsWith("`") ? " " : "";
        return fence + pad + t + pad + fence;
    }

    /** Plain text, table-safe: no line breaks, no raw HTML, no accidental emphasis. */
    static String text(String s) {
        String t = oneLine(s);
        StringBuilder b = new StringBuilder(t.length() + 8);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '\\', '|', '*', '`' -> b.append('\\').append(c);
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '_' -> {
                    boolean wordBefore = i > 0 && Character.isLetterOrDigit(t.charAt(i - 1));
                    boolean wordAfter = i + 1 < t.length() && Character.isLetterOrDigit(t.charAt(i + 1));
                    b.append(wordBefore && wordAfter ? "_" : "\\_");
                }
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
