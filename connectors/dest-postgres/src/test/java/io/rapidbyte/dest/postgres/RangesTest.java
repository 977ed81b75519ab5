package io.rapidbyte.dest.postgres;

import static io.rapidbyte.dest.postgres.FrameBuilder.INT64;
import static io.rapidbyte.dest.postgres.FrameBuilder.UTF8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.types.ConnectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A stream read in ranges (source snapshot_ranges): each range is written by its own run with its
 * own watermark row, runs of several ranges write one target concurrently (creating it at the same
 * time), replays of a range are skipped by its watermark, and replace mode refuses ranges. A cdc
 * stream's snapshot ranges and then its changes come in one run, with a watermark row per range.
 */
class RangesTest {
    private final DestHarness h = new DestHarness("ranges");

    private static byte[] range(String range, String run, long seq, long firstId, int rows) {
        List<Object> ids = new ArrayList<>();
        List<Object> names = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            ids.add(firstId + i);
            names.add("n" + (firstId + i));
        }
        return FrameBuilder.batch("public.people", run, seq).meta("rapidbyte.range", range)
                .col(FrameBuilder.field("id", INT64, false, "bigint"), ids)
                .col("name", UTF8, "text", names)
                .build();
    }

    private static List<byte[]> frames(String range, String run, long firstId) {
        return List.of(range(range, run, 1, firstId, 40), range(range, run, 2, firstId + 40, 40));
    }

    @Test
    void rangesWriteConcurrentlyWithAWatermarkEachAndReplaysAreSkipped() throws Exception {
        String config = h.config();
        List<CompletableFuture<DestHarness.Run>> runs = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            String id = Integer.toString(r);
            long first = r * 1000L + 1;
            runs.add(CompletableFuture.supplyAsync(() -> h.run(config, "public.people", frames(id, "run" + id, first))));
        }
        for (CompletableFuture<DestHarness.Run> f : runs) {
            assertEquals(80, f.get().ok().recordsWritten());
        }
        assertEquals(320, h.count("public.people"));
        assertEquals(List.of(List.of("public.people range 0", "run0", "2"), List.of("public.people range 1", "run1", "2"),
                        List.of("public.people range 2", "run2", "2"), List.of("public.people range 3", "run3", "2")),
                h.rows("SELECT stream, sync_run, seq FROM public._rapidbyte_watermarks ORDER BY stream"));

        // A replayed range (its task restarted) is skipped by its own watermark, whatever the others did.
        DestHarness.Run replay = h.run(config, "public.people", frames("2", "run2", 2001));
        assertEquals(0, replay.ok().recordsWritten());
        assertEquals(320, h.count("public.people"));
    }

    /** Snapshot rows of one range of the cdc stream app.docs: {id, name, doc}. */
    private static byte[] cdcRange(String range, String run, long seq, Object[]... rows) {
        List<Object> id = new ArrayList<>();
        List<Object> name = new ArrayList<>();
        List<Object> doc = new ArrayList<>();
        for (Object[] r : rows) {
            id.add(r[0]);
            name.add(r[1]);
            doc.add(r[2]);
        }
        return FrameBuilder.batch("app.docs", run, seq).meta("rapidbyte.sync_mode", "cdc").meta("rapidbyte.range", range)
                .primaryKey("id").col(FrameBuilder.field("id", INT64, true, "bigint"), id)
                .col("name", UTF8, "text", name).col("doc", UTF8, "text", doc).build();
    }

    @Test
    void aCdcRunTakesItsSnapshotRangesThenItsChangesWithAWatermarkEach() {
        // The ranges were read at snapshots newer than the slot's start, so the changes replayed
        // after them meet rows they already show: an insert of a present key, an update already
        // applied, a delete of a row the snapshot never saw, a key change, an unchanged TOASTed doc.
        List<byte[]> input = List.of(
                cdcRange("0", "r0", 1, new Object[] {1L, "one", "d1"}, new Object[] {2L, "two-b", "big"}),
                cdcRange("1", "r1", 1, new Object[] {5L, "five", "d5"}),
                cdcRange("0", "r0", 2, new Object[] {3L, "three", "d3"}),
                ChangeApplyTest.changes(1, ChangeApplyTest.row("c", 1, "one", "d1", null),
                        ChangeApplyTest.row("u", 2, "two-b", null, ",2,"), ChangeApplyTest.row("d", 4, null, null, null),
                        ChangeApplyTest.row("k", 5, null, null, null), ChangeApplyTest.row("u", 50, "fifty", null, ",2,")),
                ChangeApplyTest.changes(2, ChangeApplyTest.row("u", 2, "two-c", null, ",2,"),
                        ChangeApplyTest.row("d", 3, null, null, null)));
        h.run(h.config(), "app.docs", input).ok();
        List<List<String>> expected = List.of(List.of("1", "one", "d1"), List.of("2", "two-c", "big"),
                List.of("50", "fifty", "d5"));
        assertEquals(expected, h.rows("SELECT id, name, doc FROM public.docs ORDER BY id"));
        assertEquals(List.of(List.of("app.docs", "cdc-run", "2"), List.of("app.docs range 0", "r0", "2"),
                        List.of("app.docs range 1", "r1", "1")),
                h.rows("SELECT stream, sync_run, seq FROM public._rapidbyte_watermarks ORDER BY stream"));

        // Delivered again (a sink restarted before Kafka committed): every batch is skipped by the
        // watermark of its own key, so no snapshot row lands over a change applied after it.
        DestHarness.Run replay = h.run(h.config(), "app.docs", input);
        assertEquals(0, replay.ok().recordsWritten());
        assertEquals(expected, h.rows("SELECT id, name, doc FROM public.docs ORDER BY id"));
    }

    @Test
    void aRunRefusesBatchesOfAnotherRange() {
        List<byte[]> mixed = List.of(range("0", "a", 1, 1, 5), range("1", "b", 1, 100, 5));
        ConnectorException e = h.run(h.config(), "public.people", mixed).failed();
        assertEquals("INVALID_BATCH_METADATA", e.error().code());
        assertTrue(e.error().message().contains("range 0 and of range 1"), e.error().message());
    }

    @Test
    void replaceModeRefusesRanges() {
        ConnectorException e = h.run(h.config("write_mode", "replace"), "public.people", frames("0", "a", 1)).failed();
        assertEquals("RANGES_IN_REPLACE_MODE", e.error().code());
        assertTrue(e.error().message().contains("write_mode replace"), e.error().message());
        assertEquals(io.rapidbyte.host.types.ErrorCategory.CONFIG, e.error().category());
    }
}
