package io.rapidbyte.host.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.testing.SyntheticConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConnectorModuleTest {
    @Test
    void sameBytesLoadTheSameCompiledModule() throws Exception {
        byte[] wasm = new SyntheticConnector().manifest("{\"name\":\"cache-test\"}").build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ConnectorModule>> loads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                loads.add(pool.submit((Callable<ConnectorModule>) () -> ConnectorModule.load(wasm.clone())));
            }
            ConnectorModule first = loads.get(0).get();
            for (Future<ConnectorModule> f : loads) {
                assertSame(first, f.get());
            }
            assertSame(first, ConnectorModule.load(wasm));
            assertEquals(ConnectorModule.sha256(wasm), first.sha256());
            assertEquals(64, first.sha256().length());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manifestIsReadFromTheCustomSection() {
        ConnectorModule m = ConnectorModule.load(new SyntheticConnector()
                .manifest("{\"name\":\"pg\",\"version\":\"1.2.0\",\"role\":\"source\",\"schema\":{\"name\":\"x\"}}")
                .build());
        Manifest manifest = m.manifest().orElseThrow();
        assertEquals(Optional.of("pg"), manifest.name());
        assertEquals(Optional.of("1.2.0"), manifest.version());
        assertEquals(Optional.of("source"), manifest.role());
        assertTrue(manifest.json().contains("\"schema\""));
        assertTrue(m.describe().startsWith("pg@1.2.0 (sha256:"), m.describe());

        assertEquals(Optional.empty(), ConnectorModule.load(new SyntheticConnector().build()).manifest());
        assertThrows(InvalidModuleException.class,
                () -> ConnectorModule.load(new SyntheticConnector().manifest("[\"not an object\"]").build()));
    }

    @Test
    void garbageIsAnInvalidModule() {
        InvalidModuleException e = assertThrows(InvalidModuleException.class,
                () -> ConnectorModule.load(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        assertTrue(e.getMessage().contains("not a valid wasm module"), e.getMessage());
    }

    @Test
    void requireRoleNamesTheFirstMissingExport() {
        ConnectorModule full = ConnectorModule.load(new SyntheticConnector().build());
        assertSame(full, full.requireRole(Role.SOURCE));

        ConnectorModule noDiscover = ConnectorModule.load(new SyntheticConnector().omit("discover").build());
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> noDiscover.requireRole(Role.SOURCE));
        assertTrue(e.getMessage().endsWith("missing export function '" + SyntheticConnector.SRC + "discover'"),
                e.getMessage());

        ConnectorModule noRealloc = ConnectorModule.load(new SyntheticConnector().omit("discover").omit("cabi_realloc").build());
        e = assertThrows(InvalidModuleException.class, () -> noRealloc.requireRole(Role.SOURCE));
        assertTrue(e.getMessage().endsWith("missing export function 'cabi_realloc'"), e.getMessage());

        e = assertThrows(InvalidModuleException.class, () -> full.requireRole(Role.DESTINATION));
        assertTrue(e.getMessage().endsWith("'rapidbyte:connector/dest-connector@3.0.0#open'"), e.getMessage());
        e = assertThrows(InvalidModuleException.class, () -> full.requireRole(Role.TRANSFORM));
        assertTrue(e.getMessage().endsWith("'rapidbyte:connector/transform-connector@3.0.0#open'"), e.getMessage());
    }

    @Test
    void requireRoleChecksCoreSignatures() {
        // discover takes a string here, which is not its ABI signature.
        ConnectorModule wrong = ConnectorModule.load(new SyntheticConnector()
                .body("discover", new byte[] {0x41, 0x00}).omit("discover").build());
        assertThrows(InvalidModuleException.class, () -> wrong.requireRole(Role.SOURCE));
    }
}
