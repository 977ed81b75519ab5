package io.rapidbyte.host.lifecycle;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.CompiledModule;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.SectionId;
import com.dylibso.chicory.wasm.types.UnknownCustomSection;
import com.dylibso.chicory.wasm.types.ValType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.rapidbyte.sdk.text.Utf8;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A parsed and compiled connector module, shared by every instance of it in the JVM.
 *
 * <p>{@link #load} hashes the bytes (SHA-256) and returns the cached module when the same
 * bytes were loaded before; otherwise it parses them once, reads the manifest and compiles the
 * whole module to JVM bytecode with Chicory's runtime compiler (the interpreter is far too
 * slow for guest loops). Immutable and thread-safe; instances are created with
 * {@link ConnectorInstance#builder}.
 */
public final class ConnectorModule {
    private static final List<ValType> STRING_PARAMS = List.of(ValType.I32, ValType.I32);
    private static final FunctionType REALLOC_TYPE =
            FunctionType.of(List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32), List.of(ValType.I32));

    private final String sha256;
    private final WasmModule wasm;
    private final Function<Instance, Machine> machineFactory;
    private final Optional<Manifest> manifest;
    private final Map<String, Export> exports;

    private ConnectorModule(String sha256, WasmModule wasm, Function<Instance, Machine> machineFactory,
                            Optional<Manifest> manifest) {
        this.sha256 = sha256;
        this.wasm = wasm;
        this.machineFactory = machineFactory;
        this.manifest = manifest;
        Map<String, Export> byName = new HashMap<>();
        for (int i = 0; i < wasm.exportSection().exportCount(); i++) {
            Export e = wasm.exportSection().getExport(i);
            byName.put(e.name(), e);
        }
        this.exports = Collections.unmodifiableMap(byName);
    }

    /**
     * The module for these bytes, compiled on first use.
     *
     * @throws InvalidModuleException if the bytes do not parse or compile, or the manifest is
     *         not a JSON object
     */
    public static ConnectorModule load(byte[] wasmBytes) {
        String sha = sha256(wasmBytes);
        return ModuleCache.get(sha, () -> compile(sha, wasmBytes));
    }

    /** {@link #load(byte[])} for a file. */
    public static ConnectorModule load(Path path) {
        try {
            return load(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read wasm module " + path, e);
        }
    }

    /**
     * The module for these bytes, using {@code precompiled} (the class Chicory's build-time
     * compiler generated from exactly these bytes) instead of compiling at run time: only the
     * custom sections of {@code wasmBytes} are parsed, for the manifest. Cached like
     * {@link #load(byte[])}; if the same bytes were already loaded, that module is returned.
     *
     * @throws InvalidModuleException if the manifest is malformed
     */
    public static ConnectorModule load(byte[] wasmBytes, CompiledModule precompiled) {
        java.util.Objects.requireNonNull(precompiled, "precompiled");
        String sha = sha256(wasmBytes);
        return ModuleCache.get(sha, () -> {
            WasmModule customSections;
            try {
                customSections = Parser.builder().includeSectionId(SectionId.CUSTOM).build()
                        .parse(() -> new ByteArrayInputStream(wasmBytes));
            } catch (ChicoryException e) {
                throw new InvalidModuleException("module sha256:" + sha + " is not a valid wasm module: "
                        + e.getMessage(), e);
            }
            return new ConnectorModule(sha, precompiled.wasmModule(), precompiled.machineFactory(),
                    readManifest(sha, customSections));
        });
    }

    private static ConnectorModule compile(String sha, byte[] bytes) {
        WasmModule wasm;
        try {
            wasm = Parser.parse(bytes);
        } catch (ChicoryException e) {
            throw new InvalidModuleException("module sha256:" + sha + " is not a valid wasm module: "
                    + e.getMessage(), e);
        }
        Optional<Manifest> manifest = readManifest(sha, wasm);
        Function<Instance, Machine> factory;
        try {
            factory = MachineFactoryCompiler.builder(wasm)
                    .withInterpreterFallback(InterpreterFallback.WARN)
                    .compile();
        } catch (ChicoryException e) {
            throw new InvalidModuleException("module sha256:" + sha + " does not compile: " + e.getMessage(), e);
        }
        return new ConnectorModule(sha, wasm, factory, manifest);
    }

    private static Optional<Manifest> readManifest(String sha, WasmModule wasm) {
        CustomSection section = wasm.customSection(Manifest.SECTION);
        if (!(section instanceof UnknownCustomSection raw)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Manifest.parse(Utf8.decode(raw.bytes())));
        } catch (IllegalArgumentException e) {
            throw new InvalidModuleException("module sha256:" + sha + " has a malformed " + Manifest.SECTION
                    + " section: " + e.getMessage(), e);
        }
    }

    /** Lower-case hex SHA-256 of the wasm bytes: the module's identity. */
    public String sha256() {
        return sha256;
    }

    public Optional<Manifest> manifest() {
        return manifest;
    }

    /** Whether the module exports anything (function, memory, ...) under {@code name}. */
    public boolean hasExport(String name) {
        return exports.containsKey(name);
    }

    /**
     * Checks that the module can run as {@code role}: it exports {@code memory},
     * {@code cabi_realloc} and every function of the role's interface with the core signature of
     * ABI.md section 4.
     *
     * @return this module
     * @throws InvalidModuleException naming the first missing or mistyped export
     */
    public ConnectorModule requireRole(Role role) {
        Export memory = exports.get(Role.MEMORY);
        if (memory == null || memory.exportType() != ExternalType.MEMORY) {
            throw missing(role, "memory '" + Role.MEMORY + "'");
        }
        requireFunction(role, Role.REALLOC, REALLOC_TYPE);
        for (String function : role.functions()) {
            List<ValType> params = Role.takesString(function) ? STRING_PARAMS : List.of();
            requireFunction(role, role.exportName(function), FunctionType.of(params, List.of(ValType.I32)));
        }
        return this;
    }

    private void requireFunction(Role role, String name, FunctionType expected) {
        Export export = exports.get(name);
        if (export == null || export.exportType() != ExternalType.FUNCTION) {
            throw missing(role, "function '" + name + "'");
        }
        FunctionType actual = functionType(export.index());
        if (!actual.equals(expected)) {
            throw new InvalidModuleException(describe() + " cannot run as " + role + ": export '" + name
                    + "' has core type " + actual + ", expected " + expected);
        }
    }

    private InvalidModuleException missing(Role role, String what) {
        return new InvalidModuleException(describe() + " cannot run as " + role + ": missing export " + what);
    }

    private FunctionType functionType(int functionIndex) {
        int imported = wasm.importSection().count(ExternalType.FUNCTION);
        int typeIndex;
        if (functionIndex < imported) {
            typeIndex = wasm.importSection().stream()
                    .filter(i -> i.importType() == ExternalType.FUNCTION)
                    .skip(functionIndex)
                    .map(i -> ((com.dylibso.chicory.wasm.types.FunctionImport) i).typeIndex())
                    .findFirst().orElseThrow();
        } else {
            typeIndex = wasm.functionSection().getFunctionType(functionIndex - imported);
        }
        return wasm.typeSection().getType(typeIndex);
    }

    /**
     * Pages the module's memory starts with (0 if it defines none): an instance's memory cap
     * must be at least this.
     */
    public int initialMemoryPages() {
        return declaredMemory().map(MemoryLimits::initialPages).orElse(0);
    }

    /** The limits the module declares for its own memory 0, if it defines one. */
    Optional<MemoryLimits> declaredMemory() {
        return wasm.memorySection()
                .filter(s -> s.memoryCount() > 0)
                .map(s -> s.getMemory(0).limits());
    }

    WasmModule wasm() {
        return wasm;
    }

    Function<Instance, Machine> machineFactory() {
        return machineFactory;
    }

    /** e.g. {@code probe@0.1.0 (sha256:1a2b3c4d5e6f)} */
    public String describe() {
        String id = manifest.flatMap(Manifest::name)
                .map(n -> n + manifest.flatMap(Manifest::version).map(v -> "@" + v).orElse(""))
                .orElse("module");
        return id + " (sha256:" + sha256.substring(0, 12) + ")";
    }

    @Override
    public String toString() {
        return describe();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    }
}
