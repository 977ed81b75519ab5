package io.rapidbyte.connect.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidbyte.connect.guest.GuestFailures;
import io.rapidbyte.connect.guest.OneShotGuest;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.sockets.NetworkAcl;
import io.rapidbyte.host.types.ValidationResult;
import io.rapidbyte.host.types.ValidationStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

/**
 * The work behind {@code Connector.validate()}: static keys through their {@link ConfigDef},
 * then the module selection, then every wasm setting against the manifest schema (one
 * {@link ConfigValue} per {@value WasmConfig#SETTING_PREFIX} key, errors on the field they
 * concern), the derived network allow-list, role-specific checks, and finally — when nothing
 * else failed and {@link WasmConfig#VALIDATE_WITH_CONNECTOR} is on — the connector's own
 * {@code open} and {@code validate}. Each stage runs only if the previous ones passed, so REST
 * shows the most basic problem first. Stateless.
 */
public final class ConfigValidator {
    /** Role-specific checks of the parsed static config; report through {@link Errors}. */
    public interface StaticChecks {
        void check(WasmConfig config, Errors errors);
    }

    /** Role-specific checks against the opened connector (e.g. that configured streams exist). */
    public interface GuestChecks {
        void check(ConnectorInstance instance, WasmConfig config, Errors errors);
    }

    /** Collects error messages on Connect keys. */
    public static final class Errors {
        private final Map<String, ConfigValue> values;

        Errors(Map<String, ConfigValue> values) {
            this.values = values;
        }

        /** Adds {@code message} to {@code key}, prefixed with the key (Connect's 400 answer lists messages without keys). */
        public void add(String key, String message) {
            String named = message.contains(key) ? message : key + ": " + message;
            values.computeIfAbsent(key, ConfigValue::new).addErrorMessage(named);
        }

        public boolean any() {
            return values.values().stream().anyMatch(v -> !v.errorMessages().isEmpty());
        }
    }

    private ConfigValidator() {
    }

    public static Config validate(Map<String, String> props, ConfigDef definition, Role role,
                                  Function<Map<String, String>, WasmConfig> parser, StaticChecks staticChecks,
                                  GuestChecks guestChecks) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        for (ConfigValue v : definition.validate(props)) {
            values.put(v.name(), v);
        }
        Errors errors = new Errors(values);
        ConnectKeyChecks.check(props).forEach(errors::add);
        Echo echo = new Echo(props, definition, PluginConfigDef.of(definition, role));
        if (errors.any()) {
            return echo.result(values);
        }
        WasmConfig config;
        try {
            config = parser.apply(props);
        } catch (ConfigException e) {
            errors.add(WasmConfig.CONNECTOR, e.getMessage());
            return echo.result(values);
        }
        config.frameLimitProblems().forEach(errors::add);
        staticChecks.check(config, errors);
        ModuleSelector.Selected selected;
        ManifestSchema schema;
        try {
            selected = ModuleSelector.select(config, role);
            schema = ConnectorSetup.manifestSchema(selected);
        } catch (KeyedConfigException e) {
            errors.add(e.key(), e.reason());
            return echo.result(values);
        }
        echo.secrets(schema);
        SettingsMapper.Result settings = SettingsMapper.map(props, schema);
        addSettingValues(props, schema, settings, values);
        settings.errors().forEach((key, messages) -> messages.forEach(m -> errors.add(key, m)));
        List<String> rules = NetworkRules.allowList(config.networkOverride(), schema, settings.configJson());
        try {
            NetworkAcl.of(rules);
        } catch (IllegalArgumentException e) {
            errors.add(WasmConfig.NETWORK_ALLOW, "the allow-list derived from the settings " + rules
                    + " is invalid: " + e.getMessage());
        }
        validateTransforms(props, config, values, errors, echo);
        if (!errors.any() && config.getBoolean(WasmConfig.VALIDATE_WITH_CONNECTOR)) {
            validateWithConnector(config, role, selected.key(), schema, errors, guestChecks);
        }
        return echo.result(values);
    }

    /**
     * Each transform of {@value WasmConfig#TRANSFORMS} like the connector's own module: its
     * selection, then its settings against its own manifest schema, errors on
     * {@code wasm.transforms.<name>.config.<field>}; keys of no listed transform are errors too.
     */
    private static void validateTransforms(Map<String, String> props, WasmConfig config,
                                           Map<String, ConfigValue> values, Errors errors, Echo echo) {
        TransformSetup.strayKeys(props, config.transformNames()).forEach(errors::add);
        for (String name : config.transformNames()) {
            ModuleKeys keys = ModuleKeys.transform(name);
            ManifestSchema schema;
            ModuleSelector.Selected selected;
            try {
                selected = TransformSetup.select(props, keys);
                schema = TransformSetup.schema(selected, keys);
            } catch (KeyedConfigException e) {
                errors.add(e.key(), e.reason());
                continue;
            }
            echo.secrets(schema);
            SettingsMapper.Result settings = SettingsMapper.map(props, schema, selected.key());
            addSettingValues(props, schema, settings, values);
            settings.errors().forEach((key, messages) -> messages.forEach(m -> errors.add(key, m)));
        }
    }

    private static void validateWithConnector(WasmConfig config, Role role, String selectorKey, ManifestSchema schema,
                                              Errors errors, GuestChecks guestChecks) {
        try {
            ConnectorSetup setup = ConnectorSetup.resolve(config, role);
            OneShotGuest.run(setup, role, "validate:" + config.connectorName(), instance -> {
                ValidationResult result = instance.validate();
                if (result.status() == ValidationStatus.FAILED) {
                    reportRejection(result.message(), schema, selectorKey, errors);
                } else {
                    guestChecks.check(instance, config, errors);
                }
                return null;
            });
            for (TransformSetup t : setup.transforms()) {
                validateTransformWithConnector(setup, t, config, errors);
            }
        } catch (KeyedConfigException e) {
            errors.add(e.key(), e.reason());
        } catch (RuntimeException e) {
            errors.add(selectorKey, "the connector could not be opened with these settings: "
                    + GuestFailures.describe(null, e));
        }
    }

    private static void validateTransformWithConnector(ConnectorSetup setup, TransformSetup t, WasmConfig config,
                                                       Errors errors) {
        try {
            OneShotGuest.run(t.module(), t.configJson(), t.acl(), setup.instanceLimits(), Role.TRANSFORM,
                    "validate:" + config.connectorName() + ":" + t.name(), instance -> {
                        ValidationResult result = instance.validate();
                        if (result.status() == ValidationStatus.FAILED) {
                            reportRejection(result.message(), t.schema(), t.selectorKey(), errors);
                        }
                        return null;
                    });
        } catch (RuntimeException e) {
            errors.add(t.selectorKey(), "transform '" + t.name() + "' could not be opened with these settings: "
                    + GuestFailures.describe(null, e));
        }
    }

    /**
     * Puts each line of a failed validation on the field it names: a line (after an optional
     * {@code error: }) that starts with {@code <property>: }, {@code <property>} one of the
     * manifest's settings, goes to that setting's key ({@link SettingSpec#key()}); the other
     * lines go to the module's selector key.
     */
    static void reportRejection(String message, ManifestSchema schema, String selectorKey, Errors errors) {
        List<String> unassigned = new ArrayList<>();
        for (String line : message.split("\n")) {
            String text = line.startsWith("error: ") ? line.substring("error: ".length()) : line;
            int colon = text.indexOf(": ");
            java.util.Optional<SettingSpec> spec = colon > 0 ? schema.setting(text.substring(0, colon))
                    : java.util.Optional.empty();
            if (spec.isPresent()) {
                errors.add(spec.get().key(), "the connector rejected it: " + text.substring(colon + 2));
            } else if (!line.isBlank()) {
                unassigned.add(line);
            }
        }
        if (!unassigned.isEmpty()) {
            errors.add(selectorKey, "the connector rejected its settings: " + String.join("\n", unassigned));
        }
    }

    /** One ConfigValue per setting key the user set or the schema requires (for REST). */
    private static void addSettingValues(Map<String, String> props, ManifestSchema schema,
                                         SettingsMapper.Result settings, Map<String, ConfigValue> values) {
        for (SettingSpec spec : schema.settings()) {
            if (!props.containsKey(spec.key()) && !spec.required()) {
                continue;
            }
            JsonNode json = settings.configJson().get(spec.property());
            Object value = json == null ? null : (json.isTextual() ? json.asText() : json.toString());
            List<Object> recommended = new ArrayList<>();
            spec.schema().path("enum").forEach(e -> recommended.add(e.isTextual() ? e.asText() : e.toString()));
            values.put(spec.key(), new ConfigValue(spec.key(), value, recommended, new ArrayList<>()));
        }
    }

    /**
     * Gives every ConfigValue that has none the value as given (Connect's own parse errors and
     * values that did not parse leave it null, which REST shows as {@code "value": null}), and
     * makes the value of every secret key a {@link Password}, which REST shows as
     * {@code [hidden]}: a secret is never echoed, not even a wrong one.
     */
    private static final class Echo {
        private final Map<String, String> props;
        private final ConfigDef definition;
        private final ConfigDef pluginDefinition;
        private final java.util.Set<String> secretKeys = new java.util.HashSet<>();
        /** Setting prefixes whose schema has been read: their secrets are in {@link #secretKeys}. */
        private final java.util.Set<String> knownPrefixes = new java.util.HashSet<>();

        Echo(Map<String, String> props, ConfigDef definition, ConfigDef pluginDefinition) {
            this.props = props;
            this.definition = definition;
            this.pluginDefinition = pluginDefinition;
            definition.configKeys().values().stream().filter(k -> k.type == ConfigDef.Type.PASSWORD)
                    .forEach(k -> secretKeys.add(k.name));
        }

        /**
         * Until this is called for a module's schema, every value under its setting prefix
         * ({@value WasmConfig#SETTING_PREFIX}, {@code wasm.transforms.<name>.config.}) counts as a secret.
         */
        void secrets(ManifestSchema schema) {
            knownPrefixes.add(schema.settingPrefix());
            schema.settings().stream().filter(SettingSpec::secret).forEach(s -> secretKeys.add(s.key()));
        }

        Config result(Map<String, ConfigValue> values) {
            // Connect expects a value for every key of config() (its 400 answer at creation reads them all).
            pluginDefinition.configKeys().keySet().forEach(k -> values.computeIfAbsent(k, ConfigValue::new));
            for (ConfigValue v : values.values()) {
                String raw = props.get(v.name());
                if (v.value() == null && raw != null) {
                    v.value(asGiven(v.name(), raw));
                }
                String prefix = settingPrefixOf(v.name());
                boolean secret = secretKeys.contains(v.name())
                        || (prefix != null && !knownPrefixes.contains(prefix));
                if (secret && v.value() != null && !(v.value() instanceof Password)) {
                    v.value(new Password(v.value().toString()));
                }
            }
            return new Config(new ArrayList<>(values.values()));
        }

        /** The setting prefix {@code key} lies under (the connector's or a transform's), or null. */
        private static String settingPrefixOf(String key) {
            if (key.startsWith(WasmConfig.SETTING_PREFIX)) {
                return WasmConfig.SETTING_PREFIX;
            }
            String root = WasmConfig.TRANSFORMS + ".";
            int config = key.indexOf(".config.", root.length());
            return key.startsWith(root) && config > 0 ? key.substring(0, config + ".config.".length()) : null;
        }

        /**
         * {@code raw} in the form Connect's REST layer prints for the key's type (it casts lists
         * and classes), or null where it cannot be had.
         */
        private Object asGiven(String key, String raw) {
            ConfigDef.ConfigKey own = definition.configKeys().get(key);
            if (own != null) {
                return own.type == ConfigDef.Type.LIST ? List.of(raw.split(",", -1))
                        : own.type == ConfigDef.Type.CLASS ? null : raw;
            }
            if (settingPrefixOf(key) != null) {
                return raw;
            }
            if (key.equals(ConnectKeyChecks.VALUE_CONVERTER) || key.equals(ConnectKeyChecks.HEADER_CONVERTER)
                    || key.equals(ConnectKeyChecks.KEY_CONVERTER)) {
                try {
                    return Class.forName(raw.trim(), false, ConfigValidator.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    return null;
                }
            }
            return null;
        }
    }

}
