package io.rapidbyte.wasm.build;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.compiler.internal.CompilerResult;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.NameCustomSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a built module the way the host will run it: compiles it with Chicory's compiler (the
 * same code generator as the build-time and run-time compilers the host uses, each wasm function
 * becoming one JVM method) and measures every generated method's bytecode. HotSpot never
 * JIT-compiles a method over {@value #HUGE_METHOD_LIMIT} bytes ({@code -XX:-DontCompileHugeMethods}
 * is off by default), so such a guest function runs in the bytecode interpreter forever: 10-70x
 * slower. A function Chicory itself refuses to compile (over the JVM's 64 KiB method limit) falls
 * back to Chicory's interpreter, which is worse.
 *
 * <p>Policy: every over-limit function fails the build unless it is listed as cold (start-up,
 * configuration, catalog, validation, class initialisers: code that runs once per call of an
 * export, never per row or per value). Which code is hot is a judgement only the code's author can
 * make, so the safe default is to fail and each exception is written down, with its reason, in the
 * module's {@code src/main/wasm/cold-functions.txt} (one wasm function name per line, as this check
 * prints it, then {@code #} and why it is cold). Chicory's own dispatch methods (one per indirect
 * call signature) are checked too: over the limit, every virtual call of that signature would be
 * interpreted. Stateless.
 */
final class GuestMethodSizes {
    /** HotSpot's {@code HugeMethodLimit}: larger methods are never compiled by C1 or C2. */
    static final int HUGE_METHOD_LIMIT = 8000;
    private static final String FUNCTION_PREFIX = "func_";

    private GuestMethodSizes() {
    }

    /** One generated method over the limit. */
    record Huge(String method, int bytes, String wasmName, boolean cold) {
        @Override
        public String toString() {
            return String.format("%s %,d bytes%s", wasmName != null ? wasmName + " (" + method + ")" : method, bytes,
                    cold ? " (listed cold)" : "");
        }
    }

    /** What the check found: every over-limit method and the functions Chicory could not compile at all. */
    record Report(List<Huge> huge, Set<Integer> interpreted, int methods, int largest) {
        List<Huge> failures() {
            return huge.stream().filter(h -> !h.cold()).toList();
        }
    }

    /**
     * Compiles {@code wasm} and measures it.
     *
     * @param cold wasm function names (from the name section) allowed over the limit
     */
    static Report measure(byte[] wasm, Set<String> cold) {
        WasmModule module = Parser.parse(wasm);
        CompilerResult result = Compiler.builder(module)
                .withClassName("io.rapidbyte.wasm.build.check.Guest")
                .withInterpreterFallback(InterpreterFallback.SILENT)
                .build()
                .compile();
        NameCustomSection names = module.nameSection();
        List<Huge> huge = new ArrayList<>();
        int[] counts = new int[2];
        for (byte[] type : result.classBytes().values()) {
            for (Map.Entry<String, Integer> m : codeSizes(type).entrySet()) {
                counts[0]++;
                counts[1] = Math.max(counts[1], m.getValue());
                if (m.getValue() > HUGE_METHOD_LIMIT) {
                    String wasmName = wasmName(m.getKey(), names);
                    huge.add(new Huge(m.getKey(), m.getValue(), wasmName,
                            cold.contains(wasmName != null ? wasmName : m.getKey())));
                }
            }
        }
        huge.sort((a, b) -> Integer.compare(b.bytes(), a.bytes()));
        return new Report(huge, result.interpretedFunctions(), counts[0], counts[1]);
    }

    /** Throws unless every over-limit method is listed cold and Chicory compiled every function. */
    static Report check(byte[] wasm, Path coldFile) throws BuildFailure {
        Set<String> cold = readCold(coldFile);
        Report r = measure(wasm, cold);
        if (!r.interpreted().isEmpty() || !r.failures().isEmpty()) {
            StringBuilder b = new StringBuilder("compiled guest methods HotSpot will never JIT-compile (over "
                    + HUGE_METHOD_LIMIT + " bytes of bytecode; they would run interpreted, 10-70x slower). Split each "
                    + "hot one into smaller methods (keep per-row and per-value loops small, move rare paths out), or, "
                    + "if it runs only at start-up or once per call, list its name in " + coldFile + " with the reason:");
            for (Huge h : r.failures()) {
                b.append("\n  ").append(h);
            }
            for (int f : r.interpreted()) {
                b.append("\n  function #").append(f).append(" is too large for the JVM and runs in Chicory's interpreter");
            }
            throw new BuildFailure(b.toString());
        }
        return r;
    }

    private static String wasmName(String method, NameCustomSection names) {
        if (names == null || !method.startsWith(FUNCTION_PREFIX)) {
            return null;
        }
        try {
            return names.nameOfFunction(Integer.parseInt(method.substring(FUNCTION_PREFIX.length())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Bytecode length of each method of a class, by name (overloads keep the largest). */
    static Map<String, Integer> codeSizes(byte[] classFile) {
        return ClassFileMethods.codeLengths(classFile);
    }

    /** Names of {@code file} (one per line, {@code #} starts a comment); empty if there is no file. */
    static Set<String> readCold(Path file) throws BuildFailure {
        if (file == null || !Files.exists(file)) {
            return Set.of();
        }
        try {
            java.util.HashSet<String> names = new java.util.HashSet<>();
            for (String line : Files.readAllLines(file)) {
                int hash = line.indexOf('#');
                String name = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
            return Set.copyOf(names);
        } catch (IOException e) {
            throw new BuildFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
