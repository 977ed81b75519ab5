package io.rapidbyte.it.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {
    @Test
    void defaultsAreAMillionRowsAndStop() {
        DemoOptions o = DemoOptions.parse(new String[0]);
        assertArrayEquals(new long[] {1_000_000}, o.rows());
        assertFalse(o.keepRunning());
    }

    @Test
    void everyOptionIsRead() {
        DemoOptions o = DemoOptions.parse(new String[] {"--rows=100_000,1000000", "--keep-running=true",
                "--plugin-path=/p", "--config-dir=/c"});
        assertArrayEquals(new long[] {100_000, 1_000_000}, o.rows());
        assertTrue(o.keepRunning());
        assertEquals(Path.of("/p"), o.pluginPath());
        assertEquals(Path.of("/c"), o.configDir());
    }

    @Test
    void badValuesAreRefusedNamingTheOption() {
        assertTrue(message("--rows=lots").contains("--rows"));
        assertTrue(message("--rows=0").contains("--rows"));
        assertTrue(message("--keep-running=maybe").contains("--keep-running"));
        assertTrue(message("--colour=blue").contains("--colour"));
        assertTrue(message("rows=5").contains("--name=value"));
    }

    private static String message(String arg) {
        return assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {arg})).getMessage();
    }
}
