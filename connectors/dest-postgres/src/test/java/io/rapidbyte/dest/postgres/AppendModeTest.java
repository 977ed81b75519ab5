package io.rapidbyte.dest.postgres;

import static io.rapidbyte.dest.postgres.FrameBuilder.BOOL;
import static io.rapidbyte.dest.postgres.FrameBuilder.INT64;
import static io.rapidbyte.dest.postgres.FrameBuilder.UTF8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.types.StreamLimits;
import io.rapidbyte.host.types.WriteSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Append mode through the real wasm: table creation, both load methods, commit intervals and checkpoints. */
class AppendModeTest {
    private final DestHarness h = new DestHarness("append");

    static byte[] people(String run, long seq, long firstId, int rows) {
        List<Object> ids = new ArrayList<>();
        List<Object> names = new ArrayList<>();
        List<Object> flags = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            long id = firstId + i;
            ids.add(id);
            names.add(id % 7 == 0 ? null : "name-" + id + " \u00e9\u4e2d'\"\\");
            flags.add(id % 2 == 0);
        }
        return FrameBuilder.batch("public.people", run, seq).primaryKey("id")
                .col(FrameBuilder.field("id", INT64, false, "bigint"), ids)
                .col("name", UTF8, "text", names)
                .col("flag", BOOL, flags)
                .build();
    }

    @Test
    void copyCreatesTheTableAndCheckpointsEachCommit() {
        List<byte[]> frames = List.of(people("r1", 1, 1, 100), people("r1", 2, 101, 100), people("r1", 3, 201, 50));
        DestHarness.Run run = h.run(h.config("schema", "dst"), "public.people", frames);
        WriteSummary s = run.ok();
        assertEquals(250, s.recordsWritten());
        assertEquals(3, s.batchesWritten());
        assertEquals(250, h.count("dst.people"));
        assertEquals(List.of("id bigint NOT NULL", "name text", "flag boolean"), columns("dst", "people"));
        assertEquals("people_pkey", h.value("SELECT conname FROM pg_constraint WHERE conrelid = 'dst.people'::regclass"
                + " AND contype = 'p'"));
        // no interval configured: every batch is its own transaction and checkpoint
        assertEquals(3, run.checkpoints.size(), run.checkpoints.toString());
        assertTrue(run.checkpoints.get(2).contains("\"seq\":3"), run.checkpoints.get(2));
        assertEquals(List.of(List.of("r1", "3", "250")),
                h.rows("SELECT sync_run, seq, rows_total FROM dst._rapidbyte_watermarks WHERE stream = 'public.people'"));
        assertEquals(List.of(Arrays.asList("7", null, "f"), List.of("8", "name-8 \u00e9\u4e2d'\"\\", "t")),
                h.rows("SELECT id, name, flag FROM dst.people WHERE id IN (7, 8) ORDER BY id"));
    }

    @Test
    void insertLoadMethodWritesTheSameRows() {
        List<byte[]> frames = List.of(people("r1", 1, 1, 120), people("r1", 2, 121, 5));
        WriteSummary s = h.run(h.config("load_method", "insert", "insert_batch_rows", 50), "public.people", frames).ok();
        assertEquals(125, s.recordsWritten());
        assertEquals(List.of(List.of("125", "125", "17", "62")), h.rows("SELECT count(*), count(DISTINCT id), "
                + "count(*) FILTER (WHERE name IS NULL), count(*) FILTER (WHERE flag) FROM public.people"));
        assertEquals("name-8 \u00e9\u4e2d'\"\\", h.value("SELECT name FROM public.people WHERE id = 8"));
    }

    @Test
    void commitIntervalGroupsBatchesIntoTransactions() {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            frames.add(people("r1", i + 1, i * 10L + 1, 10));
        }
        // stream limits: a checkpoint every 30 rows
        StreamLimits limits = new StreamLimits(1_000_000, 10_000, 8, 0, 30, 0);
        DestHarness.Run run = h.run(h.config(), "public.people", frames, limits);
        assertEquals(70, run.ok().recordsWritten());
        // commits after batches 3 and 6 (30 rows each) and at the end of input (batch 7)
        assertEquals(3, run.checkpoints.size(), run.checkpoints.toString());
        assertTrue(run.checkpoints.get(0).contains("\"seq\":3") && run.checkpoints.get(0).contains("\"rows_committed\":30"),
                run.checkpoints.get(0));
        assertTrue(run.checkpoints.get(1).contains("\"seq\":6"), run.checkpoints.get(1));

        // the config overrides the stream limits: every 2 batches by rows
        DestHarness h2 = new DestHarness("append2");
        DestHarness.Run run2 = h2.run(h2.config("commit_interval", java.util.Map.of("rows", 20)), "public.people",
                frames, limits);
        assertEquals(70, run2.ok().recordsWritten());
        assertEquals(4, run2.checkpoints.size(), run2.checkpoints.toString());
    }

    List<String> columns(String schema, String table) {
        List<String> out = new ArrayList<>();
        for (List<String> r : h.rows("SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute "
                + "WHERE attrelid = '" + schema + "." + table + "'::regclass AND attnum > 0 AND NOT attisdropped "
                + "ORDER BY attnum")) {
            out.add(r.get(0) + " " + r.get(1) + ("t".equals(r.get(2)) ? " NOT NULL" : ""));
        }
        return out;
    }
}
