package io.rapidbyte.connect.config;

import io.rapidbyte.connect.json.PluginJson;
import io.rapidbyte.host.lifecycle.ConnectorModule;
import io.rapidbyte.host.lifecycle.InstanceLimits;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.sockets.NetworkAcl;
import io.rapidbyte.host.types.StreamLimits;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to run the wasm connector a config describes: the module (checked for its
 * role), the config JSON for {@code open}, the network allow-list, instance and stream limits,
 * and the transforms chained to it ({@link TransformSetup}).
 * Built once per Connect connector or task. Immutable and thread-safe.
 */
public final class ConnectorSetup {
    private final WasmConfig config;
    private final ModuleSelector.Selected selected;
    private final ManifestSchema schema;
    private final String configJson;
    private final List<String> allowList;
    private final NetworkAcl acl;
    private final List<TransformSetup> transforms;

    private ConnectorSetup(WasmConfig config, ModuleSelector.Selected selected, ManifestSchema schema,
                           String configJson, List<String> allowList, NetworkAcl acl, List<TransformSetup> transforms) {
        this.config = config;
        this.selected = selected;
        this.schema = schema;
        this.configJson = configJson;
        this.allowList = allowList;
        this.acl = acl;
        this.transforms = transforms;
    }

    /**
     * @throws KeyedConfigException the first problem with the config, naming its key
     */
    public static ConnectorSetup resolve(WasmConfig config, Role role) {
        for (Map.Entry<String, String> problem : config.frameLimitProblems().entrySet()) {
            throw new KeyedConfigException(problem.getKey(), problem.getValue());
        }
        ModuleSelector.Selected selected = ModuleSelector.select(config, role);
        ManifestSchema schema = manifestSchema(selected);
        SettingsMapper.Result settings = SettingsMapper.map(config.originalsStrings(), schema);
        if (!settings.ok()) {
            String key = settings.errors().keySet().iterator().next();
            throw new KeyedConfigException(key, String.join("; ", settings.errors().get(key)));
        }
        List<String> rules = NetworkRules.allowList(config.networkOverride(), schema, settings.configJson());
        NetworkAcl acl;
        try {
            acl = NetworkAcl.of(rules);
        } catch (IllegalArgumentException e) {
            throw new KeyedConfigException(WasmConfig.NETWORK_ALLOW, "the allow-list derived from the settings "
                    + rules + " is invalid: " + e.getMessage());
        }
        List<TransformSetup> transforms = TransformSetup.resolveAll(config);
        return new ConnectorSetup(config, selected, schema, PluginJson.write(settings.configJson()), rules, acl,
                transforms);
    }

    static ManifestSchema manifestSchema(ModuleSelector.Selected selected) {
        try {
            return ManifestSchema.of(selected.module().manifest());
        } catch (IllegalArgumentException e) {
            throw new KeyedConfigException(selected.key(), selected.origin() + " has an unusable manifest: "
                    + e.getMessage());
        }
    }

    public ConnectorModule module() {
        return selected.module();
    }

    /** e.g. {@code bundled connector 'source-postgres'}. */
    public String origin() {
        return selected.origin();
    }

    /** The Connect key that selected the module ({@link WasmConfig#CONNECTOR} or {@link WasmConfig#PATH}). */
    public String selectorKey() {
        return selected.key();
    }

    public ManifestSchema schema() {
        return schema;
    }

    /** The argument of the connector's {@code open}; may contain secrets, never log it. */
    public String configJson() {
        return configJson;
    }

    public List<String> allowList() {
        return allowList;
    }

    public NetworkAcl acl() {
        return acl;
    }

    /** The {@value WasmConfig#TRANSFORMS} chain, in order; empty for none. */
    public List<TransformSetup> transforms() {
        return transforms;
    }

    /** The sandbox limits of every instance: the connector's and each transform's. */
    public InstanceLimits instanceLimits() {
        return InstanceLimits.DEFAULT
                .withMaxMemoryPages(config.getInt(WasmConfig.MEMORY_MAX_MB) * 16)
                .withCallTimeout(Duration.ofMillis(config.getLong(WasmConfig.CALL_TIMEOUT_MS)))
                .withFrames(config.frameLimits());
    }

    /** The limits passed in every run's ctx-json. */
    public StreamLimits streamLimits(int maxInflightBatches) {
        return new StreamLimits(config.getLong(WasmConfig.BATCH_MAX_BYTES), config.getLong(WasmConfig.BATCH_MAX_ROWS),
                maxInflightBatches, config.getLong(WasmConfig.CHECKPOINT_INTERVAL_BYTES),
                config.getLong(WasmConfig.CHECKPOINT_INTERVAL_ROWS), config.getLong(WasmConfig.CHECKPOINT_INTERVAL_SECONDS));
    }

    public WasmConfig config() {
        return config;
    }
}
