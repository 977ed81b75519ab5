package io.rapidbyte.connect.config;

import io.rapidbyte.connect.json.PluginJson;
import io.rapidbyte.host.lifecycle.ConnectorModule;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.sockets.NetworkAcl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One transform of a connector's {@value WasmConfig#TRANSFORMS} chain, resolved like the
 * connector's own module: selected by its {@link ModuleKeys#transform keys} (bundled, by path,
 * optionally pinned), required to be a transform-role module, its
 * {@code wasm.transforms.<name>.config.*} settings mapped to its {@code open} config JSON and
 * checked against its manifest's schema, its network allow-list derived from its manifest's
 * templates. Immutable and thread-safe.
 */
public final class TransformSetup {
    private static final Set<String> MODULE_KEYS = Set.of("connector", "path", "sha256");

    private final String name;
    private final ModuleKeys keys;
    private final ModuleSelector.Selected selected;
    private final ManifestSchema schema;
    private final String configJson;
    private final NetworkAcl acl;

    private TransformSetup(String name, ModuleKeys keys, ModuleSelector.Selected selected, ManifestSchema schema,
                           String configJson, NetworkAcl acl) {
        this.name = name;
        this.keys = keys;
        this.selected = selected;
        this.schema = schema;
        this.configJson = configJson;
        this.acl = acl;
    }

    /**
     * Every transform of the chain, in order.
     *
     * @throws KeyedConfigException the first problem, naming its key
     */
    public static List<TransformSetup> resolveAll(WasmConfig config) {
        Map<String, String> props = config.originalsStrings();
        for (Map.Entry<String, String> stray : strayKeys(props, config.transformNames()).entrySet()) {
            throw new KeyedConfigException(stray.getKey(), stray.getValue());
        }
        List<TransformSetup> out = new ArrayList<>();
        for (String name : config.transformNames()) {
            out.add(resolve(props, name));
        }
        return List.copyOf(out);
    }

    /**
     * Transform {@code name}: its module and settings.
     *
     * @throws KeyedConfigException the first problem, naming its key
     */
    static TransformSetup resolve(Map<String, String> props, String name) {
        ModuleKeys keys = ModuleKeys.transform(name);
        ModuleSelector.Selected selected = select(props, keys);
        ManifestSchema schema = schema(selected, keys);
        SettingsMapper.Result settings = SettingsMapper.map(props, schema, selected.key());
        if (!settings.ok()) {
            String key = settings.errors().keySet().iterator().next();
            throw new KeyedConfigException(key, String.join("; ", settings.errors().get(key)));
        }
        List<String> rules = NetworkRules.allowList(null, schema, settings.configJson());
        NetworkAcl acl;
        try {
            acl = NetworkAcl.of(rules);
        } catch (IllegalArgumentException e) {
            throw new KeyedConfigException(selected.key(), "the allow-list derived from the settings " + rules
                    + " is invalid: " + e.getMessage());
        }
        return new TransformSetup(name, keys, selected, schema, PluginJson.write(settings.configJson()), acl);
    }

    /** The module {@code keys} select in {@code props}, which must be a transform. */
    static ModuleSelector.Selected select(Map<String, String> props, ModuleKeys keys) {
        return ModuleSelector.select(keys, props.get(keys.connector()), props.get(keys.path()), props.get(keys.sha256()),
                Role.TRANSFORM);
    }

    /** The manifest schema of a selected transform, its settings under {@link ModuleKeys#settingPrefix()}. */
    static ManifestSchema schema(ModuleSelector.Selected selected, ModuleKeys keys) {
        try {
            return ManifestSchema.of(selected.module().manifest(), keys.settingPrefix());
        } catch (IllegalArgumentException e) {
            throw new KeyedConfigException(selected.key(), selected.origin() + " has an unusable manifest: "
                    + e.getMessage());
        }
    }

    /**
     * Keys under {@value WasmConfig#TRANSFORMS}{@code .} that no listed transform uses: those of a
     * name missing from the list (a typo, or a transform removed from the chain but not its keys),
     * and misspelt keys of a listed one. By key, in key order.
     */
    static Map<String, String> strayKeys(Map<String, String> props, List<String> names) {
        Map<String, String> problems = new LinkedHashMap<>();
        String root = WasmConfig.TRANSFORMS + ".";
        props.keySet().stream().filter(k -> k.startsWith(root)).sorted().forEach(key -> {
            String rest = key.substring(root.length());
            int dot = rest.indexOf('.');
            String name = dot < 0 ? rest : rest.substring(0, dot);
            String sub = dot < 0 ? "" : rest.substring(dot + 1);
            if (!names.contains(name)) {
                problems.put(key, "transform '" + name + "' is not listed in " + WasmConfig.TRANSFORMS + " "
                        + names + "; add it there or remove this key");
            } else if (!MODULE_KEYS.contains(sub) && !sub.startsWith("config.")) {
                problems.put(key, "not a key of a transform; transform '" + name + "' takes "
                        + ModuleKeys.transformPrefix(name) + "connector, .path, .sha256 and .config.<property>");
            }
        });
        return problems;
    }

    public String name() {
        return name;
    }

    public ModuleKeys keys() {
        return keys;
    }

    public ConnectorModule module() {
        return selected.module();
    }

    /** e.g. {@code bundled connector 'example-filter'}. */
    public String origin() {
        return selected.origin();
    }

    /** The key that selected the module ({@code wasm.transforms.<name>.connector} or {@code .path}). */
    public String selectorKey() {
        return selected.key();
    }

    public ManifestSchema schema() {
        return schema;
    }

    /** The argument of the transform's {@code open}; may contain secrets, never log it. */
    public String configJson() {
        return configJson;
    }

    public NetworkAcl acl() {
        return acl;
    }
}
