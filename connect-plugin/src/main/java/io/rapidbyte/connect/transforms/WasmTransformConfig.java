package io.rapidbyte.connect.transforms;

import io.rapidbyte.connect.config.ConnectorSetup;
import io.rapidbyte.connect.config.KeyedConfigException;
import io.rapidbyte.connect.config.WasmConfig;
import io.rapidbyte.host.lifecycle.Role;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The keys of {@link WasmTransform}: which transform module ({@value #MODULE_CONNECTOR},
 * {@value #MODULE_PATH}, {@value #MODULE_SHA256}), its settings ({@value #SETTING_PREFIX}{@code <property>},
 * validated against the module's manifest schema) and its sandbox limits. Each key is the
 * connectors' {@code wasm.*} key of the same meaning under another name ({@link #WASM_KEYS}): its
 * definition (type, default, validator, documentation) is taken from
 * {@link WasmConfig#commonDefinition()}, and resolving goes through the same
 * {@link ConnectorSetup}, so selection, pinning and schema validation exist once. Stateless.
 */
public final class WasmTransformConfig {
    public static final String MODULE_CONNECTOR = "module.connector";
    public static final String MODULE_PATH = "module.path";
    public static final String MODULE_SHA256 = "module.sha256";
    public static final String SETTING_PREFIX = "config.";
    public static final String MEMORY_MAX_MB = "memory.max.mb";
    public static final String CALL_TIMEOUT_MS = "call.timeout.ms";
    public static final String FRAMES_MAX_BYTES = "frames.max.bytes";
    public static final String FRAMES_MAX_TOTAL_BYTES = "frames.max.total.bytes";

    /** This transform's key → the connectors' key of the same meaning, in definition order. */
    static final Map<String, String> WASM_KEYS = wasmKeys();

    /** Connect validates the transform's keys with this; the module's own settings at {@code configure}. */
    public static final ConfigDef DEFINITION = definition();

    private WasmTransformConfig() {
    }

    private static Map<String, String> wasmKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(MODULE_CONNECTOR, WasmConfig.CONNECTOR);
        keys.put(MODULE_PATH, WasmConfig.PATH);
        keys.put(MODULE_SHA256, WasmConfig.SHA256);
        keys.put(MEMORY_MAX_MB, WasmConfig.MEMORY_MAX_MB);
        keys.put(CALL_TIMEOUT_MS, WasmConfig.CALL_TIMEOUT_MS);
        keys.put(FRAMES_MAX_BYTES, WasmConfig.FRAMES_MAX_BYTES);
        keys.put(FRAMES_MAX_TOTAL_BYTES, WasmConfig.FRAMES_MAX_TOTAL_BYTES);
        return java.util.Collections.unmodifiableMap(keys);
    }

    private static ConfigDef definition() {
        Map<String, ConfigDef.ConfigKey> common = WasmConfig.commonDefinition().configKeys();
        ConfigDef def = new ConfigDef();
        WASM_KEYS.forEach((key, wasmKey) -> {
            ConfigDef.ConfigKey k = common.get(wasmKey);
            String doc = rename(k.documentation) + (key.equals(MODULE_CONNECTOR)
                    ? " Here a transform module, e.g. example-mask; its settings are " + SETTING_PREFIX + "<property>."
                    : "");
            def.define(key, k.type, k.defaultValue, k.validator, k.importance, doc, "Wasm transform",
                    def.configKeys().size() + 1, k.width, k.displayName, k.recommender);
        });
        return def;
    }

    /**
     * The setup the transform runs with: its module (a transform), open config and limits.
     *
     * @throws ConfigException naming this transform's key (never a {@code wasm.*} key) and never a secret's value
     */
    public static ConnectorSetup resolve(Map<String, ?> props) {
        DEFINITION.parse(props);
        Map<String, String> wasm = new LinkedHashMap<>();
        props.forEach((key, value) -> {
            String text = value == null ? null : value instanceof org.apache.kafka.common.config.types.Password p
                    ? p.value() : String.valueOf(value);
            if (text == null) {
                return;
            }
            if (WASM_KEYS.containsKey(key)) {
                wasm.put(WASM_KEYS.get(key), text);
            } else if (key.startsWith(SETTING_PREFIX)) {
                wasm.put(WasmConfig.SETTING_PREFIX + key.substring(SETTING_PREFIX.length()), text);
            }
        });
        try {
            // An anonymous subclass: the constructor is for the connectors' own configs (protected).
            return ConnectorSetup.resolve(new WasmConfig(WasmConfig.commonDefinition(), wasm) { }, Role.TRANSFORM);
        } catch (KeyedConfigException e) {
            throw new ConfigException(keyOf(e.key()) + ": " + rename(e.reason()));
        }
    }

    /** This transform's name for a connectors' key. */
    static String keyOf(String wasmKey) {
        for (Map.Entry<String, String> e : WASM_KEYS.entrySet()) {
            if (e.getValue().equals(wasmKey)) {
                return e.getKey();
            }
        }
        return wasmKey.startsWith(WasmConfig.SETTING_PREFIX)
                ? SETTING_PREFIX + wasmKey.substring(WasmConfig.SETTING_PREFIX.length()) : wasmKey;
    }

    /** A message about connectors' keys, rewritten with this transform's names. */
    static String rename(String message) {
        String out = message.replace(WasmConfig.SETTING_PREFIX, SETTING_PREFIX);
        // Longest first: wasm.frames.max.total.bytes before wasm.frames.max.bytes.
        for (Map.Entry<String, String> e : WASM_KEYS.entrySet().stream()
                .sorted((a, b) -> b.getValue().length() - a.getValue().length()).toList()) {
            out = out.replace(e.getValue(), e.getKey());
        }
        return out;
    }
}
