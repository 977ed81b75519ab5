package io.rapidbyte.connect.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidbyte.connect.guest.GuestFailures;
import io.rapidbyte.connect.guest.OneShotGuest;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.lifecycle.ValidationResult;
import io.rapidbyte.host.lifecycle.ValidationStatus;
import io.rapidbyte.host.sockets.NetworkAcl;
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
        if (errors.any()) {
            return result(values);
        }
        WasmConfig config;
        try {
            config = parser.apply(props);
        } catch (ConfigException e) {
            errors.add(WasmConfig.CONNECTOR, e.getMessage());
            return result(values);
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
            return result(values);
        }
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
        if (!errors.any() && config.getBoolean(WasmConfig.VALIDATE_WITH_CONNECTOR)) {
            validateWithConnector(config, role, selected.key(), errors, guestChecks);
        }
        return result(values);
    }

    private static void validateWithConnector(WasmConfig config, Role role, String selectorKey, Errors errors,
                                              GuestChecks guestChecks) {
        try {
            ConnectorSetup setup = ConnectorSetup.resolve(config, role);
            OneShotGuest.run(setup, role, "validate:" + config.connectorName(), instance -> {
                ValidationResult result = instance.validate();
                if (result.status() == ValidationStatus.FAILED) {
                    errors.add(selectorKey, "the connector rejected its settings: " + result.message());
                } else {
                    guestChecks.check(instance, config, errors);
                }
                return null;
            });
        } catch (KeyedConfigException e) {
            errors.add(e.key(), e.reason());
        } catch (RuntimeException e) {
            errors.add(selectorKey, "the connector could not be opened with these settings: "
                    + GuestFailures.describe(null, e));
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
            if (spec.secret() && value != null) {
                value = new Password(value.toString());
            }
            List<Object> recommended = new ArrayList<>();
            spec.schema().path("enum").forEach(e -> recommended.add(e.isTextual() ? e.asText() : e.toString()));
            values.put(spec.key(), new ConfigValue(spec.key(), value, recommended, new ArrayList<>()));
        }
    }

    private static Config result(Map<String, ConfigValue> values) {
        return new Config(new ArrayList<>(values.values()));
    }
}
