package io.rapidbyte.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RangePlansTest {
    private static final String OFFERED = "[{\"id\":\"0\",\"from_page\":0,\"to_page\":5},{\"id\":\"1\",\"from_page\":5}]";
    private static final String STORED = "[{\"id\":\"0\",\"from_page\":0,\"to_page\":3},{\"id\":\"1\",\"from_page\":3,"
            + "\"to_page\":6},{\"id\":\"2\",\"from_page\":6}]";

    private static List<String> lanes(List<StreamSpec> specs) {
        return specs.stream().map(StreamSpec::lane).toList();
    }

    @Test
    void catalogRangesBecomeOnePartitionPerRangeDealtOverTasks() {
        Catalog catalog = Catalog.parse("{\"streams\": [{\"name\": \"public.big\", \"ranges\": " + STORED + "},"
                + " {\"name\": \"public.small\"}]}");
        List<StreamSpec> specs = RangePlans.expand(catalog.streams(), catalog.plans(), Map.of(), Set.of());
        assertEquals(List.of("public.big range 0", "public.big range 1", "public.big range 2", "public.small"),
                lanes(specs));
        assertEquals(Map.of("stream", "public.big", "range", "1"), specs.get(1).partition());
        assertEquals(Map.of("stream", "public.small"), specs.get(3).partition());
        List<List<StreamSpec>> tasks = Catalog.split(specs, 2);
        assertEquals(List.of("public.big range 0", "public.big range 2"), lanes(tasks.get(0)));
        assertEquals(List.of("public.big range 1", "public.small"), lanes(tasks.get(1)));
        // The task config form keeps range and plan.
        List<StreamSpec> back = StreamSpec.fromJson(StreamSpec.toJson(tasks.get(1)));
        assertEquals(tasks.get(1), back);
        assertTrue(RangePlans.same(STORED, back.get(0).plan()));
    }

    @Test
    void theStoredPlanWinsOverWhatDiscoverOffersNow() {
        List<StreamSpec> streams = List.of(new StreamSpec("public.big", false));
        List<StreamSpec> specs = RangePlans.expand(streams, Map.of("public.big", OFFERED), Map.of("public.big", STORED),
                Set.of());
        assertEquals(3, specs.size());
        assertEquals("{\"id\":\"2\",\"from_page\":6}", specs.get(2).range());
        // Even when discover offers no ranges any more (snapshot_ranges back to 1): the checkpoints are the plan's.
        assertEquals(3, RangePlans.expand(streams, Map.of(), Map.of("public.big", STORED), Set.of()).size());
    }

    @Test
    void aStreamAlreadyReadWholeIsNotSplit() {
        assertEquals(List.of("public.big"), lanes(RangePlans.expand(List.of(new StreamSpec("public.big", false)),
                Map.of("public.big", OFFERED), Map.of(), Set.of("public.big"))));
        assertEquals(List.of("public.big"), lanes(RangePlans.expand(List.of(new StreamSpec("public.big", true)),
                Map.of("public.big", OFFERED), Map.of(), Set.of("public.big"))));
    }

    @Test
    void aRepeatedStreamKeepsItsOwnReaderAfterTheRangesOfItsSnapshot() {
        List<StreamSpec> specs = RangePlans.expand(List.of(new StreamSpec("public.cdc", true)),
                Map.of("public.cdc", OFFERED), Map.of("public.cdc", STORED), Set.of());
        assertEquals(List.of("public.cdc", "public.cdc range 0", "public.cdc range 1", "public.cdc range 2"),
                lanes(specs));
        StreamSpec own = specs.get(0);
        assertTrue(own.incremental() && own.followsRanges() && !own.snapshot());
        assertEquals(Map.of("stream", "public.cdc"), own.partition());
        assertEquals("public.cdc", own.recordKey());
        StreamSpec range = specs.get(2);
        assertTrue(range.snapshot() && !range.incremental() && !range.followsRanges());
        assertEquals(Map.of("stream", "public.cdc", "range", "1"), range.partition());
        assertEquals("public.cdc", range.recordKey(), "in the stream's topic partition, before its changes");
        assertEquals("public.cdc range 1", range.lane());
        assertEquals(specs, StreamSpec.fromJson(StreamSpec.toJson(specs)));
        // A full-refresh range keeps its own key.
        assertEquals("public.big range 0", RangePlans.expand(List.of(new StreamSpec("public.big", false)),
                Map.of("public.big", OFFERED), Map.of(), Set.of()).get(0).recordKey());
        assertThrows(IllegalArgumentException.class, () -> new StreamSpec("a", false, null, null, STORED));
        assertThrows(IllegalArgumentException.class, () -> new StreamSpec("a", true, null, null, null, true));
    }

    @Test
    void badPlansAreRefused() {
        assertNull(RangePlans.parsePlan("[]"));
        assertNull(RangePlans.parsePlan("[{\"id\":\"0\"},{\"id\":\"0\"}]"));
        assertNull(RangePlans.parsePlan("[{\"id\":1}]"));
        assertNull(RangePlans.parsePlan("not json"));
        assertThrows(IllegalArgumentException.class, () -> Catalog.parse(
                "{\"streams\": [{\"name\": \"a\", \"ranges\": [{\"from_page\": 0}]}]}"));
        Map<String, String> stored = new HashMap<>();
        stored.put("public.big", "{\"id\":\"0\"}");
        assertThrows(IllegalArgumentException.class, () -> RangePlans.expand(
                List.of(new StreamSpec("public.big", false)), Map.of(), stored, Set.of()));
    }

    @Test
    void offsetsOfRangesAndPlansValidate() {
        SourceOffsets.validateEntry(SourceOffsets.rangePartition("s", "3"), Map.of("finished", "true"));
        SourceOffsets.validateEntry(SourceOffsets.planPartition("s"), SourceOffsets.planOffset(STORED));
        SourceOffsets.validateEntry(SourceOffsets.planPartition("s"), null);
        assertThrows(IllegalArgumentException.class,
                () -> SourceOffsets.validateEntry(SourceOffsets.planPartition("s"), Map.of("ranges", "[]")));
        assertThrows(IllegalArgumentException.class,
                () -> SourceOffsets.validateEntry(Map.of("stream", "s", "plan", "other"), null));
        assertThrows(IllegalArgumentException.class,
                () -> SourceOffsets.validateEntry(Map.of("stream", "s", "range", ""), null));
        assertEquals("s range 3", SourceOffsets.laneOf(SourceOffsets.rangePartition("s", "3")));
        assertEquals("s", SourceOffsets.laneOf(SourceOffsets.streamPartition("s")));
        assertNull(SourceOffsets.laneOf(SourceOffsets.planPartition("s")));
    }

    /** Connect finds a partition by its JSON bytes and re-serializes partitions it reads as HashMaps. */
    @Test
    void twoKeyPartitionsIterateLikeTheHashMapsConnectRebuilds() {
        for (Map<String, String> p : List.of(SourceOffsets.rangePartition("public.t", "7"),
                SourceOffsets.planPartition("public.t"), SourceOffsets.statePartition("ns", "k"))) {
            assertEquals(List.copyOf(new HashMap<>(p).keySet()), List.copyOf(p.keySet()), p.toString());
        }
    }
}
