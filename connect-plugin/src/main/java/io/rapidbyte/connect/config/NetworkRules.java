package io.rapidbyte.connect.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives a connector's network allow-list from its settings. A manifest declares templates in
 * {@code permissions.network}, e.g. {@code ["${host}:${port}"]}: each {@code ${property}} is
 * replaced by the setting's value, or the schema default when it is not set; an array value
 * yields one rule per element. A template referring to a property with neither is skipped
 * (that endpoint is not configured). A substituted IPv6 literal followed by {@code :port} is
 * bracketed. An explicit {@link WasmConfig#NETWORK_ALLOW} replaces the derived list. Stateless.
 */
public final class NetworkRules {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private NetworkRules() {
    }

    public static List<String> allowList(List<String> override, ManifestSchema schema, JsonNode configJson) {
        if (override != null) {
            return List.copyOf(override);
        }
        Set<String> rules = new LinkedHashSet<>();
        for (String template : schema.networkTemplates()) {
            rules.addAll(expand(template, schema, configJson));
        }
        return List.copyOf(rules);
    }

    /** The property names the templates refer to ({@code ${name}}), in order of appearance. */
    public static Set<String> placeholders(List<String> templates) {
        Set<String> names = new LinkedHashSet<>();
        for (String t : templates) {
            Matcher m = PLACEHOLDER.matcher(t);
            while (m.find()) {
                names.add(m.group(1).trim());
            }
        }
        return names;
    }

    static List<String> expand(String template, ManifestSchema schema, JsonNode configJson) {
        List<String> partial = List.of("");
        Matcher m = PLACEHOLDER.matcher(template);
        int last = 0;
        while (m.find()) {
            String literal = template.substring(last, m.start());
            Optional<List<String>> values = values(m.group(1).trim(), schema, configJson);
            if (values.isEmpty()) {
                return List.of();
            }
            boolean portFollows = template.startsWith(":", m.end());
            List<String> next = new ArrayList<>();
            for (String prefix : partial) {
                for (String v : values.get()) {
                    next.add(prefix + literal + (portFollows && v.contains(":") && !v.startsWith("[") ? "[" + v + "]" : v));
                }
            }
            partial = next;
            last = m.end();
        }
        String tail = template.substring(last);
        return partial.stream().map(p -> (p + tail).trim()).filter(s -> !s.isEmpty()).toList();
    }

    private static Optional<List<String>> values(String property, ManifestSchema schema, JsonNode configJson) {
        JsonNode value = configJson.get(property);
        if (value == null || value.isNull()) {
            value = schema.setting(property).map(SettingSpec::defaultValue).orElse(null);
        }
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> out.add(v.asText()));
        } else if (value.isValueNode()) {
            out.add(value.asText());
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }
}
