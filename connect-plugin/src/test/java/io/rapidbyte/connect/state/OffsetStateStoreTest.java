package io.rapidbyte.connect.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.source.SourceOffsets;
import io.rapidbyte.connect.testing.FakeSourceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OffsetStateStoreTest {
    private final List<String> written = new ArrayList<>();

    @Test
    void stateCommittedByAnEarlierTaskIsReadFromTheOffsetStore() {
        FakeSourceContext worker = new FakeSourceContext(Map.of());
        worker.commit(SourceOffsets.statePartition("pipeline/p", "slot"), SourceOffsets.stateOffset("rb_1"));
        OffsetStateStore store = new OffsetStateStore(worker.offsetStorageReader(), (ns, k, v) -> written.add(k + "=" + v));
        assertEquals(Optional.of("rb_1"), store.get("pipeline/p", "slot"));
        assertEquals(Optional.empty(), store.get("pipeline/p", "other"));
        assertTrue(written.isEmpty(), "reads write nothing");
    }

    @Test
    void writesGoOutAsRecordsAndAreSeenAtOnce() {
        FakeSourceContext worker = new FakeSourceContext(Map.of());
        OffsetStateStore store = new OffsetStateStore(worker.offsetStorageReader(), (ns, k, v) -> written.add(k + "=" + v));
        store.put("ns", "k", "1");
        assertEquals(Optional.of("1"), store.get("ns", "k"));
        assertEquals(List.of("k=1"), written);
    }

    @Test
    void compareAndSetComparesWithTheStoredValue() {
        FakeSourceContext worker = new FakeSourceContext(Map.of());
        worker.commit(SourceOffsets.statePartition("ns", "k"), SourceOffsets.stateOffset("old"));
        OffsetStateStore store = new OffsetStateStore(worker.offsetStorageReader(), (ns, k, v) -> written.add(k + "=" + v));
        assertFalse(store.compareAndSet("ns", "k", null, "x"), "the key exists");
        assertFalse(store.compareAndSet("ns", "k", "other", "x"));
        assertTrue(store.compareAndSet("ns", "k", "old", "new"));
        assertTrue(store.compareAndSet("ns", "fresh", null, "1"));
        assertEquals(List.of("k=new", "fresh=1"), written, "only successful swaps are persisted");
        assertEquals(Optional.of("new"), store.get("ns", "k"));
    }
}
