package io.rapidbyte.connect.source;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void aFinishedStreamKeepsItsCheckpointBesideTheFlag() {
        Map<String, String> done = SourceOffsets.streamOffset("{\"pos\":9}", true);
        assertEquals(Map.of("checkpoint", "{\"pos\":9}", "finished", "true"), done);
        assertEquals("{\"pos\":9}", SourceOffsets.checkpointOf(done));
        assertTrue(SourceOffsets.isFinished(done));

        Map<String, String> neverCheckpointed = SourceOffsets.streamOffset(null, true);
        assertEquals(Map.of("finished", "true"), neverCheckpointed);
        assertNull(SourceOffsets.checkpointOf(neverCheckpointed));
        assertTrue(SourceOffsets.isFinished(neverCheckpointed));

        assertFalse(SourceOffsets.isFinished(SourceOffsets.streamOffset("{}", false)));
        assertFalse(SourceOffsets.isFinished(null));
        assertNull(SourceOffsets.streamOffset(null, false));
    }

    @Test
    void badStreamOffsetsAreRejectedNamingTheBadKeyOrValue() {
        assertMessage("unknown key \"position\"", Map.of("position", 5));
        assertMessage("unknown key \"done\"", Map.of("checkpoint", "{}", "done", "true"));
        assertMessage("\"finished\" of a stream offset must be the string \"true\"", Map.of("finished", "false"));
        assertMessage("got true (Boolean)", Map.of("checkpoint", "{}", "finished", true));
        assertMessage("\"checkpoint\" of a stream offset must be a string", Map.of("checkpoint", 5, "finished", "true"));
        assertMessage("must be JSON text", Map.of("checkpoint", "{not json", "finished", "true"));
        assertMessage("got {}", Map.of());
    }

    private static void assertMessage(String expected, Map<String, ?> offset) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceOffsets.isFinished(offset), offset.toString());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SourceOffsets.checkpointOf(offset), offset.toString());
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
        ok.put(Map.of("stream", "public.done"), Map.of("checkpoint", "{\"next_row\": 10}", "finished", "true"));
        ok.put(Map.of("stream", "public.empty"), Map.of("finished", "true"));
        ok.put(SourceOffsets.statePartition("pipeline/p", "k"), Map.of("value", "x"));
        assertTrue(assertDoesNotThrow(() -> c.alterOffsets(Map.of(), ok)));

        List<Object[]> bad = List.of(
                new Object[] {Map.of("table", "orders"), Map.of("checkpoint", "{}")},
                new Object[] {Map.of("stream", "s"), Map.of("checkpoint", "not json")},
                new Object[] {Map.of("stream", "s"), Map.of("checkpoint", 5)},
                new Object[] {Map.of("stream", "s", "extra", 1), Map.of("checkpoint", "{}")},
                new Object[] {Map.of("stream", "s"), Map.of("checkpoint", "{}", "finished", "yes")},
                new Object[] {Map.of("stream", "s"), Map.of("checkpoint", "{}", "complete", "true")},
                new Object[] {Map.of("stream", "s"), Map.of()},
                new Object[] {SourceOffsets.statePartition("ns", "k"), Map.of("value", 3)});
        for (Object[] entry : bad) {
            Map<Map<String, ?>, Map<String, ?>> one = new HashMap<>();
            one.put(cast(entry[0]), cast(entry[1]));
            assertThrows(ConnectException.class, () -> c.alterOffsets(Map.of(), one), List.of(entry).toString());
        }
        Map<Map<String, ?>, Map<String, ?>> typo = new HashMap<>();
        typo.put(Map.of("stream", "s"), Map.of("finished", "yes"));
        ConnectException e = assertThrows(ConnectException.class, () -> c.alterOffsets(Map.of(), typo));
        assertTrue(e.getMessage().contains("\"finished\"") && e.getMessage().contains("got yes"), e.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Object o) {
        return (Map<String, ?>) o;
    }
}
