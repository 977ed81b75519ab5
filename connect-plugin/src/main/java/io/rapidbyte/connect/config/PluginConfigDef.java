package io.rapidbyte.connect.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidbyte.host.lifecycle.Manifest;
import io.rapidbyte.host.lifecycle.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * What {@code Connector.config()} answers ({@code GET /connector-plugins/{plugin}/config}, and the
 * key metadata of {@code config/validate}): the connector's static definition plus the
 * {@value WasmConfig#SETTING_PREFIX}{@code <property>} settings of every bundled wasm connector of
 * its role, read from their manifests, with the manifest's description, type and default, secrets
 * as {@code PASSWORD}s. The settings of a module given by {@link WasmConfig#PATH} are known only
 * from a connector's config, so they appear in {@code config/validate} answers, not here. A
 * setting is never marked required here: whether it is depends on the module chosen
 * (documentation says "required"). Not used to parse configs. Thread-safe; built once per role.
 */
public final class PluginConfigDef {
    private static final Map<Role, ConfigDef> BUILT = new java.util.concurrent.ConcurrentHashMap<>();

    private PluginConfigDef() {
    }

    /** {@code base} plus the bundled connectors' settings for {@code role}. */
    public static ConfigDef of(ConfigDef base, Role role) {
        return BUILT.computeIfAbsent(role, r -> build(base, r));
    }

    private static ConfigDef build(ConfigDef base, Role role) {
        Map<String, SettingSpec> specs = new LinkedHashMap<>();
        Map<String, List<String>> connectors = new LinkedHashMap<>();
        for (String name : BundledConnectors.names()) {
            Optional<Manifest> manifest = BundledConnectors.manifest(name);
            if (manifest.isEmpty() || manifest.get().role().map(ModuleSelector::roleOf).orElse(null) != role) {
                continue;
            }
            for (SettingSpec spec : ManifestSchema.of(manifest).settings()) {
                specs.putIfAbsent(spec.key(), spec);
                connectors.computeIfAbsent(spec.key(), k -> new ArrayList<>()).add(name);
            }
        }
        ConfigDef def = new ConfigDef(base);
        int order = 0;
        for (SettingSpec spec : specs.values()) {
            List<String> of = connectors.get(spec.key());
            String group = "Settings of " + String.join(", ", of);
            def.define(spec.key(), spec.connectType(), defaultOf(spec), Importance.MEDIUM,
                    spec.documentation() + " (" + WasmConfig.CONNECTOR + "=" + String.join(" or ", of) + ")",
                    group, ++order, Width.MEDIUM, spec.property());
        }
        return def;
    }

    /** The schema's default as a value of the key's Connect type; null for none (and for secrets). */
    static Object defaultOf(SettingSpec spec) {
        JsonNode d = spec.defaultValue();
        if (d == null || d.isNull() || spec.secret()) {
            return null;
        }
        return switch (spec.connectType()) {
            case LONG -> d.canConvertToExactIntegral() ? (Object) d.asLong() : null;
            case DOUBLE -> d.isNumber() ? (Object) d.asDouble() : null;
            case BOOLEAN -> d.isBoolean() ? (Object) d.asBoolean() : null;
            default -> d.isTextual() ? d.asText() : d.toString();
        };
    }
}
