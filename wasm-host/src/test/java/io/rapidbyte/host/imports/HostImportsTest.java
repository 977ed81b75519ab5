package io.rapidbyte.host.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every import of ABI.md section 3, with exactly its core signature, and nothing else. */
class HostImportsTest {
    private static final ValType I = ValType.I32;
    private static final ValType L = ValType.I64;

    private static final Map<String, List<ValType>> ABI = Map.ofEntries(
            Map.entry("frame-new", List.of(L, I)),
            Map.entry("frame-write", List.of(I, I, I, I)),
            Map.entry("frame-seal", List.of(I, I)),
            Map.entry("frame-len", List.of(I, I)),
            Map.entry("frame-read", List.of(I, L, L, I)),
            Map.entry("frame-drop", List.of(I)),
            Map.entry("[resource-drop]frame", List.of(I)),
            Map.entry("emit-batch", List.of(I, I)),
            Map.entry("next-batch", List.of(I)),
            Map.entry("connect-tcp", List.of(I, I, I, I)),
            Map.entry("socket-read-frame", List.of(L, L, I)),
            Map.entry("socket-write-frame", List.of(L, I, I)),
            Map.entry("socket-close", List.of(L)),
            // tls-options flattened: name (2), verify, three option<string> (3 each), alpn list (2); retptr.
            Map.entry("socket-start-tls", List.of(L, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I)),
            Map.entry("log", List.of(I, I, I)),
            Map.entry("checkpoint", List.of(I, I, I, I)),
            Map.entry("metric", List.of(I, I, I)),
            Map.entry("emit-dlq-record", Collections.nCopies(9, I)),
            Map.entry("state-get", List.of(I, I, I, I)),
            Map.entry("state-put", Collections.nCopies(6, I)),
            Map.entry("state-cas", Collections.nCopies(9, I)),
            Map.entry("durable-checkpoint", List.of(I)));

    @Test
    void everyImportHasItsCoreSignature() {
        HostHarness h = new HostHarness();
        assertEquals(new TreeSet<>(ABI.keySet()), new TreeSet<>(h.names()));
        for (var entry : ABI.entrySet()) {
            HostFunction f = h.function(entry.getKey());
            assertNotNull(f, entry.getKey());
            assertEquals(HostImports.MODULE, f.module());
            assertEquals(entry.getValue(), f.functionType().params(), entry.getKey());
            assertEquals(List.of(), f.functionType().returns(), entry.getKey());
        }
    }
}
