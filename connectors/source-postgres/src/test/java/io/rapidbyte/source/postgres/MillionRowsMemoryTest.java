package io.rapidbyte.source.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.lifecycle.InstanceLimits;
import io.rapidbyte.postgres.testkit.TestPostgres;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.Test;

/**
 * A million rows stream through the guest in flat memory. Two independent measures:
 * <ol>
 *   <li>the instance's linear memory is capped (InstanceLimits.maxMemoryPages) at about a third of
 *       the Arrow data read, so a guest that accumulated rows would fail to grow its memory and
 *       trap;</li>
 *   <li>the guest reports TeaVM's heap and memory size every 16 batches and at the end; the last
 *       report (after a million rows) must not exceed the largest report of the first fifth of the
 *       run by more than 2 MiB (about two batches).</li>
 * </ol>
 * Every frame is opened with Arrow Java to count its rows (values are compared elsewhere).
 */
class MillionRowsMemoryTest {
    private static final int ROWS = 1_000_000;
    /** 32 MiB of linear memory (the guest settles at about 22 MiB: 4 MiB arena, 16 MiB TeaVM heap). */
    private static final int MAX_PAGES = 512;

    @Test
    void aMillionRowsStreamInFlatGuestMemory() {
        String db = Pg.newDatabase("src_million");
        Pg.sql(db, "CREATE TABLE million (id bigint PRIMARY KEY, n int NOT NULL, label text NOT NULL,"
                + " at timestamptz NOT NULL, amount numeric(12,2));"
                + "INSERT INTO million SELECT g, g % 1000, 'label-' || g || repeat('.', 40), timestamptz '2024-01-01 00:00:00+00'"
                + " + g * interval '1 second', (g % 100000) / 100.0 FROM generate_series(1, " + ROWS + ") g");
        Pg.sql(db, "VACUUM ANALYZE million");
        String cfg = Pg.config(db, TestPostgres.SCRAM_USER, "\"streams\":[{\"name\":\"public.million\"}]");
        SourceRun.Result r = SourceRun.of(cfg, Pg.port())
                .limits(InstanceLimits.DEFAULT.withMaxMemoryPages(MAX_PAGES))
                .read("public.million", null, null);
        assertNull(r.error, () -> String.valueOf(r.error));
        assertEquals(ROWS, r.summary.recordsRead());
        long rows = 0;
        long bytes = 0;
        for (byte[] frame : r.frames) {
            rows += rowCount(frame);
            bytes += frame.length;
        }
        assertEquals(ROWS, rows);
        assertTrue(bytes > 2L * MAX_PAGES * 65536, "the data read (" + bytes + " bytes) must dwarf the memory cap");
        assertEquals(r.frames.size(), r.checkpoints.size());
        JsonObject last = Json.parseObject(r.lastCheckpoint());
        assertEquals(List.of(String.valueOf(ROWS)), last.getArray("position"));

        List<long[]> samples = new ArrayList<>(); // {rows, memory, heap}
        for (String m : r.metrics) {
            JsonObject o = Json.parseObject(m);
            if (MemoryMetric.METRIC.equals(o.getString("name"))) {
                samples.add(new long[] {o.getLong("rows"), o.getLong("value"), o.getLong("heap_bytes")});
            }
        }
        assertTrue(samples.size() >= 5, "memory reports: " + samples.size());
        long[] end = samples.get(samples.size() - 1);
        assertEquals(ROWS, end[0]);
        long earlyMax = 0;
        for (long[] s : samples) {
            if (s[0] <= ROWS / 5) {
                earlyMax = Math.max(earlyMax, s[1]);
            }
        }
        System.out.printf("million rows: %d frames, %d bytes; guest memory in the first 20%%: %d, at end: %d (heap %d)%n",
                r.frames.size(), bytes, earlyMax, end[1], end[2]);
        assertTrue(earlyMax > 0);
        assertTrue(end[1] <= earlyMax + 2L * 1024 * 1024, "guest memory grew from " + earlyMax + " to " + end[1]);
        assertTrue(end[1] <= (long) MAX_PAGES * 65536);
    }

    /** Rows of the frame's single record batch, read with Arrow Java without touching the values. */
    private static long rowCount(byte[] frame) {
        try (BufferAllocator allocator = new RootAllocator();
             ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(frame), allocator)) {
            long rows = 0;
            while (reader.loadNextBatch()) {
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
