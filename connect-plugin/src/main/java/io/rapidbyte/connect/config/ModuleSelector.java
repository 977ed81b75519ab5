package io.rapidbyte.connect.config;

import io.rapidbyte.host.lifecycle.ConnectorModule;
import io.rapidbyte.host.lifecycle.InvalidModuleException;
import io.rapidbyte.host.lifecycle.Manifest;
import io.rapidbyte.host.lifecycle.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the wasm module a connector config names — bundled by {@link WasmConfig#CONNECTOR} or a
 * file by {@link WasmConfig#PATH}, or the same keys of a transform ({@link ModuleKeys}) — checks the optional SHA-256 pin and that the module can play
 * the role of the Connect connector using it. Every problem is a {@link KeyedConfigException} naming
 * the key to fix, so {@code validate()} can attach it to that field.
 *
 * <p>A bundled connector is read from the plugin once per worker: its module is kept by name
 * (bundled resources cannot change while the plugin is loaded), so later task starts and
 * validations neither read its megabytes again nor hash them. Thread-safe.
 */
public final class ModuleSelector {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModuleSelector.class);
    /** Bundled modules loaded so far, by connector name. */
    private static final java.util.concurrent.ConcurrentMap<String, ConnectorModule> BUNDLED =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private ModuleSelector() {
    }

    /** A module chosen by the config, and where it came from (for messages). */
    public record Selected(ConnectorModule module, String origin, String key) {
    }

    /**
     * The Connect connector's own module ({@link ModuleKeys#MAIN}).
     *
     * @throws KeyedConfigException naming {@link WasmConfig#CONNECTOR}, {@link WasmConfig#PATH} or
     *         {@link WasmConfig#SHA256}
     */
    public static Selected select(WasmConfig config, Role role) {
        return select(ModuleKeys.MAIN, config.getString(WasmConfig.CONNECTOR), config.getString(WasmConfig.PATH),
                config.getString(WasmConfig.SHA256), role);
    }

    /**
     * The module that {@code keys} select, given their values (null or blank: unset).
     *
     * @throws KeyedConfigException naming one of {@code keys}
     */
    public static Selected select(ModuleKeys keys, String bundledValue, String pathValue, String pinValue, Role role) {
        String bundled = bundledValue == null ? "" : bundledValue.trim();
        String path = pathValue == null ? "" : pathValue.trim();
        if (bundled.isEmpty() == path.isEmpty()) {
            String key = bundled.isEmpty() ? keys.connector() : keys.path();
            throw new KeyedConfigException(key, "exactly one of " + keys.connector()
                    + " (a bundled connector: " + String.join(", ", BundledConnectors.names()) + ") and "
                    + keys.path() + " (a .wasm file on the worker) must be set");
        }
        String key = bundled.isEmpty() ? keys.path() : keys.connector();
        String origin = bundled.isEmpty() ? "module " + path : "bundled connector '" + bundled + "'";
        String pin = pinValue == null ? "" : pinValue.trim().toLowerCase(Locale.ROOT);
        if (!pin.isEmpty() && !SHA256_HEX.matcher(pin).matches()) {
            throw new KeyedConfigException(keys.sha256(), "must be 64 hexadecimal digits");
        }
        ConnectorModule known = bundled.isEmpty() ? null : BUNDLED.get(bundled);
        if (known != null) {
            checkPin(keys, pin, known.sha256(), origin);
            requireRole(known, role, origin, key, keys.user());
            return new Selected(known, origin, key);
        }
        byte[] bytes = bundled.isEmpty() ? readFile(keys.path(), path) : readBundled(keys.connector(), bundled);
        // Checked before the module is parsed or compiled: an unexpected module is never touched.
        checkPin(keys, pin, sha256(bytes), origin);
        ConnectorModule module;
        try {
            module = bundled.isEmpty()
                    ? ConnectorModule.load(bytes)
                    : BundledConnectors.precompiled(bundled)
                            .map(compiled -> ConnectorModule.load(bytes, compiled))
                            .orElseGet(() -> {
                                LOG.warn("bundled connector '{}' has no build-time compiled class; compiling it now "
                                        + "(once per worker)", bundled);
                                return ConnectorModule.load(bytes);
                            });
        } catch (InvalidModuleException e) {
            throw new KeyedConfigException(key, origin + " is not a usable wasm module: "
                    + e.getMessage());
        }
        if (!bundled.isEmpty()) {
            BUNDLED.putIfAbsent(bundled, module);
        }
        requireRole(module, role, origin, key, keys.user());
        return new Selected(module, origin, key);
    }

    private static void checkPin(ModuleKeys keys, String pin, String actual, String origin) {
        if (!pin.isEmpty() && !pin.equals(actual)) {
            throw new KeyedConfigException(keys.sha256(), origin + " has SHA-256 " + actual + ", not the pinned " + pin);
        }
    }

    private static void requireRole(ConnectorModule module, Role role, String origin, String key, String user) {
        Optional<String> declared = module.manifest().flatMap(Manifest::role);
        if (declared.isPresent() && roleOf(declared.get()) != role) {
            throw new KeyedConfigException(key, origin + " (" + module.describe() + ") is a " + declared.get()
                    + " connector; " + user + " needs a " + roleName(role) + " connector");
        }
        try {
            module.requireRole(role);
        } catch (InvalidModuleException e) {
            throw new KeyedConfigException(key, e.getMessage());
        }
    }

    /** The manifest's role spelling to a {@link Role}, or null for an unknown one. */
    static Role roleOf(String manifestRole) {
        return switch (manifestRole.trim().toLowerCase(Locale.ROOT)) {
            case "source" -> Role.SOURCE;
            case "destination", "dest", "sink" -> Role.DESTINATION;
            case "transform" -> Role.TRANSFORM;
            default -> null;
        };
    }

    static String roleName(Role role) {
        return switch (role) {
            case SOURCE -> "source";
            case DESTINATION -> "destination";
            case TRANSFORM -> "transform";
        };
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    }

    private static byte[] readBundled(String key, String name) {
        return BundledConnectors.read(name).orElseThrow(() -> new KeyedConfigException(key,
                "no bundled connector named '" + name + "' (resource " + BundledConnectors.RESOURCE_DIR + name
                        + ".wasm is not on the plugin class path); bundled: " + String.join(", ", BundledConnectors.names())));
    }

    private static byte[] readFile(String key, String path) {
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            throw new KeyedConfigException(key, "not a valid path: " + e.getMessage());
        }
        if (!path.endsWith(".wasm")) {
            throw new KeyedConfigException(key, "must name a .wasm file");
        }
        if (!file.isAbsolute()) {
            throw new KeyedConfigException(key, "must be absolute (workers do not share a working directory)");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new KeyedConfigException(key, "no readable file at this path on the worker");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KeyedConfigException(key, "cannot read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new KeyedConfigException(key, "cannot read: " + e.getCause().getMessage());
        }
    }
}
