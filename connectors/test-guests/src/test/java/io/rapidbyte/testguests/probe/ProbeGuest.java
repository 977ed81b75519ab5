package io.rapidbyte.testguests.probe;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/** One probe.wasm instance under Chicory (compiled), with export helpers that speak ABI.md section 4. */
final class ProbeGuest {
    static final String SOURCE = "rapidbyte:connector/source-connector@3.0.0#";
    static final String DEST = "rapidbyte:connector/dest-connector@3.0.0#";
    static final String TRANSFORM = "rapidbyte:connector/transform-connector@3.0.0#";
    private static WasmModule module;
    private static Function<Instance, Machine> machines;

    final MiniHost host = new MiniHost();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    final Instance instance;

    ProbeGuest() {
        WasiPreview1 wasi = WasiPreview1.builder().withOptions(WasiOptions.builder()
                .withArguments(List.of("probe")).withStderr(stderr).withStdout(stderr).build()).build();
        instance = Instance.builder(module())
                .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions())
                        .addFunction(host.functions()).build())
                .withMachineFactory(machines())
                .withStart(false)
                .build();
        instance.export("_start").apply();
    }

    static synchronized WasmModule module() {
        if (module == null) {
            try (InputStream in = ProbeGuest.class.getResourceAsStream("/guests/probe.wasm")) {
                if (in == null) {
                    throw new IllegalStateException("/guests/probe.wasm missing: build with the rapidbyte-wasm profile");
                }
                module = Parser.parse(in.readAllBytes());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return module;
    }

    /** The module compiled to JVM bytecode once per test JVM, as the real host does. */
    private static synchronized Function<Instance, Machine> machines() {
        if (machines == null) {
            machines = MachineFactoryCompiler.compile(module());
        }
        return machines;
    }

    Memory memory() {
        return instance.memory();
    }

    /** Calls an export with one string parameter placed through cabi_realloc; returns the return area. */
    int callWithString(String export, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int ptr = host.lower(instance, bytes);
        try {
            return (int) instance.export(export).apply(ptr, bytes.length)[0];
        } catch (RuntimeException e) {
            e.addSuppressed(new IllegalStateException("guest stderr: " + stderr));
            throw e;
        }
    }

    int call(String export) {
        return (int) instance.export(export).apply()[0];
    }

    void postReturn(String export, int ret) {
        instance.export("cabi_post_" + export).apply(ret);
    }

    boolean isOk(int ret) {
        return memory().read(ret) == 0;
    }

    /** The error code of an err return area. */
    String errorCode(int ret) {
        return MiniHost.str(instance, memory().readInt(ret + 12), memory().readInt(ret + 16));
    }

    String errorMessage(int ret) {
        return MiniHost.str(instance, memory().readInt(ret + 20), memory().readInt(ret + 24));
    }

    int errorCategory(int ret) {
        return memory().read(ret + 8);
    }

    String okString(int ret) {
        return MiniHost.str(instance, memory().readInt(ret + 8), memory().readInt(ret + 12));
    }

    long summaryField(int ret, int index) {
        return memory().readLong(ret + 8 + 8 * index);
    }
}
