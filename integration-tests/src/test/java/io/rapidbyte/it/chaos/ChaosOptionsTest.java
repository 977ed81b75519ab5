package io.rapidbyte.it.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosOptionsTest {
    @Test
    void defaultsAreTheFullRun() {
        ChaosOptions o = ChaosOptions.parse(new String[0]);
        assertEquals(1_000_000, o.rows());
        assertEquals(12, o.faults());
        assertEquals(List.of(ChainKinds.APPEND_EXACTLY_ONCE, ChainKinds.UPSERT), o.kinds());
        assertEquals(List.of(FaultKind.values()), o.faultKinds());
        assertEquals(0, o.postgresKibPerSecond());
        assertEquals(500, o.changesPerSecond());
        assertEquals(Duration.ofMinutes(30), o.timeout());
    }

    @Test
    void everyOptionIsRead() {
        ChaosOptions o = ChaosOptions.parse(new String[] {"--rows=100_000", "--faults=3", "--seed=-7",
                "--kinds=upsert,cdc", "--changes-per-second=1000", "--fault-kinds=worker-kill,CUT_KAFKA", "--timeout-minutes=5",
                "--postgres-kib-per-second=256", "--plugin-path=/p", "--config-dir=/c", "--work-dir=/w"});
        assertEquals(100_000, o.rows());
        assertEquals(3, o.faults());
        assertEquals(-7, o.seed());
        assertEquals(List.of(ChainKinds.UPSERT, ChainKinds.CDC), o.kinds());
        assertEquals(1000, o.changesPerSecond());
        assertEquals(List.of(FaultKind.WORKER_KILL, FaultKind.CUT_KAFKA), o.faultKinds());
        assertEquals(Duration.ofMinutes(5), o.timeout());
        assertEquals(256, o.postgresKibPerSecond());
        assertEquals(Path.of("/p"), o.pluginPath());
        assertEquals(Path.of("/c"), o.configDir());
        assertEquals(Path.of("/w"), o.workDir());
    }

    @Test
    void anEmptySeedIsDrawnAtRandom() {
        long a = ChaosOptions.parse(new String[] {"--seed="}).seed();
        long b = ChaosOptions.parse(new String[] {"--seed="}).seed();
        assertTrue(a != b || a != ChaosOptions.parse(new String[0]).seed(), "three draws alike");
    }

    @Test
    void badValuesAreRefusedNamingTheOption() {
        assertTrue(message("--rows=lots").contains("--rows"));
        assertTrue(message("--faults=0").contains("--faults"));
        assertTrue(message("--kinds=mysql").contains("append-eos, upsert, cdc"), message("--kinds=mysql"));
        assertTrue(message("--changes-per-second=0").contains("--changes-per-second"));
        assertTrue(message("--kinds=upsert,upsert").contains("twice"));
        assertTrue(message("--fault-kinds=earthquake").contains("worker-kill"));
        assertTrue(message("--fault-kinds=").contains("--fault-kinds"));
        assertTrue(message("--postgres-kib-per-second=-1").contains("--postgres-kib-per-second"));
        assertTrue(message("--colour=blue").contains("--colour"));
        assertTrue(message("rows=5").contains("--name=value"));
    }

    private static String message(String arg) {
        return assertThrows(IllegalArgumentException.class, () -> ChaosOptions.parse(new String[] {arg})).getMessage();
    }
}
