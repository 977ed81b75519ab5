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
 * time), replays of a range are skipped by its watermark, and replace mode refuses ranges.
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
