package io.rapidbyte.connect.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidbyte.connect.json.PluginJson;
import io.rapidbyte.host.lifecycle.Manifest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the plugin reads from a wasm connector's manifest (custom section
 * {@code rapidbyte-manifest}): the JSON Schema of its config ({@code config_schema}), one
 * {@link SettingSpec} per top-level property, and the network permission templates
 * ({@code permissions.network}, see {@link NetworkRules}). A module without a manifest or schema
 * takes no settings. Immutable.
 */
public final class ManifestSchema {
    private final String settingPrefix;
    private final JsonNode configSchema;
    private final List<SettingSpec> settings;
    private final List<String> networkTemplates;

    private ManifestSchema(String settingPrefix, JsonNode configSchema, List<SettingSpec> settings,
                           List<String> networkTemplates) {
        this.settingPrefix = settingPrefix;
        this.configSchema = configSchema;
        this.settings = settings;
        this.networkTemplates = networkTemplates;
    }

    /**
     * The schema of the connector's own settings ({@value WasmConfig#SETTING_PREFIX}{@code <property>}).
     *
     * @throws IllegalArgumentException if the manifest is not JSON or its schema is not an object
     */
    public static ManifestSchema of(Optional<Manifest> manifest) {
        return of(manifest, WasmConfig.SETTING_PREFIX);
    }

    /**
     * The schema of a module whose settings are the Connect keys {@code settingPrefix<property>}.
     *
     * @throws IllegalArgumentException if the manifest is not JSON or its schema is not an object
     */
    public static ManifestSchema of(Optional<Manifest> manifest, String settingPrefix) {
        if (manifest.isEmpty()) {
            return new ManifestSchema(settingPrefix, PluginJson.object(), List.of(), List.of());
        }
        JsonNode root = PluginJson.parse(manifest.get().json());
        JsonNode schema = root.path("config_schema");
        if (schema.isMissingNode() || schema.isNull()) {
            schema = PluginJson.object();
        }
        if (!schema.isObject()) {
            throw new IllegalArgumentException("config_schema must be a JSON object");
        }
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        List<SettingSpec> specs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            specs.add(SettingSpec.of(settingPrefix, p.getKey(), p.getValue(), required.contains(p.getKey())));
        }
        List<String> templates = new ArrayList<>();
        root.path("permissions").path("network").forEach(t -> templates.add(t.asText()));
        return new ManifestSchema(settingPrefix, schema, List.copyOf(specs), List.copyOf(templates));
    }

    /** The Connect key prefix of the settings, e.g. {@value WasmConfig#SETTING_PREFIX}. */
    public String settingPrefix() {
        return settingPrefix;
    }

    public JsonNode configSchema() {
        return configSchema;
    }

    public List<SettingSpec> settings() {
        return settings;
    }

    public Optional<SettingSpec> setting(String property) {
        return settings.stream().filter(s -> s.property().equals(property)).findFirst();
    }

    /** Whether properties outside {@link #settings()} are allowed ({@code additionalProperties} not false). */
    public boolean allowsOtherSettings() {
        JsonNode additional = configSchema.path("additionalProperties");
        return !additional.isBoolean() || additional.asBoolean();
    }

    public List<String> networkTemplates() {
        return networkTemplates;
    }
}
