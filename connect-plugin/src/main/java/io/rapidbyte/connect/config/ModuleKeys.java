package io.rapidbyte.connect.config;

import java.util.Objects;

/**
 * The Connect keys that select one wasm module and carry its settings: the connector's own
 * ({@link #MAIN}: {@value WasmConfig#CONNECTOR}, {@value WasmConfig#PATH}, {@value WasmConfig#SHA256},
 * {@value WasmConfig#SETTING_PREFIX}{@code *}) or those of one transform of its chain
 * ({@link #transform}: {@code wasm.transforms.<name>.connector|path|sha256|config.*}). Immutable.
 *
 * @param connector     the key naming a bundled module
 * @param path          the key naming a module file
 * @param sha256        the key pinning the module's SHA-256
 * @param settingPrefix the prefix of the keys of the module's settings
 * @param user          who needs the module, for messages ("this Connect connector", "transform 'mask'")
 */
public record ModuleKeys(String connector, String path, String sha256, String settingPrefix, String user) {
    /** The keys of the Connect connector's own wasm connector. */
    public static final ModuleKeys MAIN = new ModuleKeys(WasmConfig.CONNECTOR, WasmConfig.PATH, WasmConfig.SHA256,
            WasmConfig.SETTING_PREFIX, "this Connect connector");

    public ModuleKeys {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(settingPrefix, "settingPrefix");
        Objects.requireNonNull(user, "user");
    }

    /** The keys of transform {@code name} of {@value WasmConfig#TRANSFORMS}. */
    public static ModuleKeys transform(String name) {
        String prefix = transformPrefix(name);
        return new ModuleKeys(prefix + "connector", prefix + "path", prefix + "sha256", prefix + "config.",
                "transform '" + name + "'");
    }

    /** {@code wasm.transforms.<name>.}: every key of one transform starts with it. */
    public static String transformPrefix(String name) {
        return WasmConfig.TRANSFORMS + "." + name + ".";
    }
}
