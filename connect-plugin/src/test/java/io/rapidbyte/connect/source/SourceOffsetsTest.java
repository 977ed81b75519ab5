package io.rapidbyte.connect.source;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class SourceOffsetsTest {
    @Test
    void checkpointRoundTripsThroughTheOffset() {
        assertEquals("{\"lsn\":\"0/16B3748\"}", SourceOffsets.checkpointOf(SourceOffsets.streamOffset("{\"lsn\":\"0/16B3748\"}")));
        assertNull(SourceOffsets.checkpointOf(null));
        assertNull(SourceOffsets.streamOffset(null));
    }

    @Test
    void foreignOffsetsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SourceOffsets.checkpointOf(Map.of("position", 5)));
        assertThrows(IllegalArgumentException.class, () -> SourceOffsets.checkpointOf(Map.of("checkpoint", "{not json")));
    }

    @Test
    void alterOffsetsAcceptsOurShapesAndRejectsOthers() {
        WasmSourceConnector c = new WasmSourceConnector();
        Map<Map<String, ?>, Map<String, ?>> ok = new HashMap<>();
        ok.put(Map.of("stream", "public.orders"), Map.of("checkpoint", "{\"next_row\": 10}"));
        ok.put(Map.of("stream", "public.items"), null);
        ok.put(SourceOffsets.statePartition("pipeline/p", "k"), Map.of("value", "x"));
        assertTrue(assertDoesNotThrow(() -> c.alterOffsets(Map.of(), ok)));

        List<Object[]> bad = List.of(
                new Object[] {Map.of("table", "orders"), Map.of("checkpoint", "{}")},
                new Object[] {Map.of("stream", "s"), Map.of("checkpoint", "not json")},
                new Object[] {Map.of("stream", "s"), Map.of("checkpoint", 5)},
                new Object[] {Map.of("stream", "s", "extra", 1), Map.of("checkpoint", "{}")},
                new Object[] {SourceOffsets.statePartition("ns", "k"), Map.of("value", 3)});
        for (Object[] entry : bad) {
            Map<Map<String, ?>, Map<String, ?>> one = new HashMap<>();
            one.put(cast(entry[0]), cast(entry[1]));
            assertThrows(ConnectException.class, () -> c.alterOffsets(Map.of(), one), List.of(entry).toString());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Object o) {
        return (Map<String, ?>) o;
    }
}
