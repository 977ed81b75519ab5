package io.rapidbyte.postgres.wire;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Import;
import org.junit.jupiter.api.Test;
import org.teavm.diagnostics.Problem;
import org.teavm.tooling.TeaVMTargetType;
import org.teavm.tooling.TeaVMTool;
import org.teavm.vm.TeaVMOptimizationLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library as a guest: compiles {@link GuestSelfCheck} with TeaVM 0.13.1 to a
 * WASI module, checks that it imports nothing but WASI, runs it in Chicory
 * (compiled, with argv[0] set) and compares its output with a JVM run.
 */
class TeaVmGuestTest {

    @Test
    void libraryCompilesWithTeaVmAndBehavesTheSameInWasm() throws Exception {
        File dir = new File("target/teavm-guest");
        TeaVMTool tool = new TeaVMTool();
        tool.setTargetType(TeaVMTargetType.WEBASSEMBLY_WASI);
        tool.setMainClass(GuestSelfCheck.class.getName());
        tool.setTargetDirectory(dir);
        tool.setTargetFileName("selfcheck.wasm");
        tool.setObfuscated(false);
        tool.setOptimizationLevel(TeaVMOptimizationLevel.ADVANCED);
        tool.setClassLoader(getClass().getClassLoader());
        tool.generate();
        StringBuilder problems = new StringBuilder();
        for (Problem p : tool.getProblemProvider().getSevereProblems()) {
            problems.append(p.getText()).append(' ').append(java.util.Arrays.toString(p.getParams()))
                    .append(" at ").append(p.getLocation()).append('\n');
        }
        assertEquals("", problems.toString(), "TeaVM could not compile the library");

        WasmModule module = Parser.parse(new File(dir, "selfcheck.wasm"));
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            assertEquals("wasi_snapshot_preview1", imp.module(), "non-WASI import " + imp.module() + "." + imp.name());
        }

        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        WasiOptions opts = WasiOptions.builder().withStdout(stdout).withStderr(System.err)
                .withArguments(List.of("selfcheck")).build();
        WasiPreview1 wasi = WasiPreview1.builder().withOptions(opts).build();
        Instance instance = Instance.builder(module)
                .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
                .withMachineFactory(MachineFactoryCompiler.compile(module))
                .withStart(false)
                .build();
        try {
            instance.export("_start").apply();
        } catch (WasiExitException e) {
            assertEquals(0, e.exitCode());
        }
        String expected = GuestSelfCheck.run();
        String fromWasm = stdout.toString(StandardCharsets.UTF_8);
        // The fallback nonce is random; everything else is deterministic.
        assertTrue(expected.contains("scram=c=biws") && expected.contains("copyin=3"), expected);
        assertTrue(expected.contains("pgoutput=B1000 42 Rttrue2 UK7-1>8-2 C1030 K2000true 1 16/B374D848 true"),
                expected);
        assertEquals(expected, fromWasm);
    }
}
