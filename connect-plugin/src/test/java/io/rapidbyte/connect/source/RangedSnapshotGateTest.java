package io.rapidbyte.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

class RangedSnapshotGateTest {
    private static final String PLAN = "[{\"id\":\"0\",\"from_page\":0,\"to_page\":5},{\"id\":\"1\",\"from_page\":5}]";

    /** An offset store the test writes into. */
    private static final class Store implements OffsetStorageReader {
        final Map<Map<String, ?>, Map<String, Object>> offsets = new ConcurrentHashMap<>();

        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
            return offsets.get(partition);
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
            Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
            for (Map<String, T> p : partitions) {
                if (offsets.containsKey(p)) {
                    out.put(p, offsets.get(p));
                }
            }
            return out;
        }

        void put(Map<String, String> partition, Map<String, String> offset) {
            offsets.put(partition, Map.copyOf(offset));
        }
    }

    private final Store store = new Store();
    private final List<StreamSpec> specs = RangePlans.expand(List.of(new StreamSpec("public.cdc", true)),
            Map.of("public.cdc", PLAN), Map.of(), Set.of());

    @Test
    void onlyTheStreamAndItsSnapshotRangesHaveAGate() {
        assertNull(RangedSnapshotGate.of(new StreamSpec("public.other", true), store));
        assertNull(RangedSnapshotGate.of(RangePlans.expand(List.of(new StreamSpec("public.big", false)),
                Map.of("public.big", PLAN), Map.of(), Set.of()).get(0), store));
        specs.forEach(s -> assertTrue(RangedSnapshotGate.of(s, store) != null, s.lane()));
    }

    @Test
    void rangesWaitForTheStreamsCheckpointAndTheStreamForEveryRangeToFinish() throws Exception {
        RangedSnapshotGate own = RangedSnapshotGate.of(specs.get(0), store);
        RangedSnapshotGate range = RangedSnapshotGate.of(specs.get(1), store);
        assertEquals(RangedSnapshotGate.PENDING, own.state());

        CompletableFuture<Void> rangeStarts = CompletableFuture.runAsync(() -> await(range::awaitStreamCheckpoint));
        store.put(SourceOffsets.rangePartition("public.cdc", "0"), Map.of("checkpoint", "{\"a\":1}"));
        assertTrue(!rangeStarts.isDone(), "a range's own checkpoint is not the stream's");
        store.put(SourceOffsets.streamPartition("public.cdc"), SourceOffsets.streamOffset("{\"phase\":\"ranges\"}"));
        rangeStarts.get();

        CompletableFuture<Void> streams = CompletableFuture.runAsync(() -> await(own::awaitRanges));
        store.put(SourceOffsets.rangePartition("public.cdc", "0"), SourceOffsets.streamOffset("{\"a\":2}", true));
        assertEquals(RangedSnapshotGate.PENDING, own.state(), "range 1 is still to finish");
        store.put(SourceOffsets.rangePartition("public.cdc", "1"), SourceOffsets.streamOffset(null, true));
        streams.get();
        assertEquals(RangedSnapshotGate.DONE, own.state());
    }

    private interface Wait {
        void run() throws InterruptedException;
    }

    private static void await(Wait w) {
        try {
            w.run();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
