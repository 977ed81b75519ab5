package io.rapidbyte.wasm.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.teavm.vm.TeaVMOptimizationLevel;

class BuildOptionsTest {
    @Test
    void parsesAllOptions() {
        BuildOptions o = BuildOptions.parse(new String[] {"--main-class", "a.Main", "--classpath",
            "x" + File.pathSeparator + "y", "--manifest", "m.json", "--output", "out/p.wasm", "--min-heap", "1m",
            "--max-heap", "64m", "--arena", "2m", "--optimization", "advanced", "--debug", "true"});
        assertEquals("a.Main", o.mainClass());
        assertEquals(2, o.classPath().size());
        assertEquals(1 << 20, o.minHeap());
        assertEquals(64 << 20, o.maxHeap());
        assertEquals(2 << 20, o.arenaSize());
        assertEquals(TeaVMOptimizationLevel.ADVANCED, o.optimization());
        assertTrue(o.debug());
    }

    @Test
    void appliesDefaults() {
        BuildOptions o = BuildOptions.parse(new String[] {"--main-class", "a.Main", "--classpath", "x",
            "--manifest", "m.json", "--output", "p.wasm"});
        assertEquals(16 << 20, o.minHeap());
        assertEquals(128 << 20, o.maxHeap());
        assertEquals(4 << 20, o.arenaSize());
        assertEquals(TeaVMOptimizationLevel.FULL, o.optimization());
    }

    @Test
    void rejectsBadCommandLines() {
        assertThrows(IllegalArgumentException.class, () -> BuildOptions.parse(new String[] {"--main-class"}));
        assertThrows(IllegalArgumentException.class, () -> BuildOptions.parse(new String[] {"--output", "x"}));
        assertThrows(IllegalArgumentException.class, () -> BuildOptions.parseSize("--arena", "-1"));
        assertThrows(IllegalArgumentException.class, () -> BuildOptions.parseSize("--arena", "3g"));
        assertThrows(IllegalArgumentException.class, () -> BuildOptions.parse(new String[] {"--main-class", "a",
            "--classpath", "x", "--manifest", "m", "--output", "o", "--arena", "100k"}));
    }

    @Test
    void cliExitsWithTwoOnUsageErrors() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = WasmBuildCli.run(new String[] {"--bogus", "1"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option --bogus"));
    }
}
