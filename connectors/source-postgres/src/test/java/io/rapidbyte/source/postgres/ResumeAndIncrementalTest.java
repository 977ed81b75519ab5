package io.rapidbyte.source.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.postgres.testkit.TestPostgres;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Incremental passes return only new rows; a run stopped after some batches resumes from its last
 * checkpoint without gaps or repeats, keeping its sync run and batch numbers; batches respect the
 * row and byte caps and (for a non-unique cursor) end only between distinct cursor values.
 */
class ResumeAndIncrementalTest {
    private static String db;

    @BeforeAll
    static void tables() {
        db = Pg.newDatabase("src_resume");
        Pg.sql(db, "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, price numeric(10,2));"
                + "INSERT INTO items SELECT g, 'item ' || g, g * 1.25 FROM generate_series(1, 5000) g;"
                // Three rows share each updated_at value: a non-unique cursor.
                + "CREATE TABLE events (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL, note text);"
                + "INSERT INTO events SELECT g, timestamptz '2024-01-01 00:00:00+00' + ((g - 1) / 3) * interval '1 second',"
                + " repeat('x', g % 50) FROM generate_series(1, 1000) g;"
                + "CREATE TABLE events_tb AS SELECT * FROM events; ALTER TABLE events_tb ADD PRIMARY KEY (id);"
                + "CREATE TABLE heap_only (v int, w text);"
                + "INSERT INTO heap_only SELECT g, md5(g::text) FROM generate_series(1, 2000) g;");
    }

    private static String config(String streams) {
        return Pg.config(db, TestPostgres.SCRAM_USER, "\"streams\":[" + streams + "]");
    }

    private static String limits(long rows, long bytes) {
        return "{\"max_batch_rows\":" + rows + ",\"max_batch_bytes\":" + bytes + "}";
    }

    @Test
    void fullRefreshStoppedAfterFiveBatchesResumesWithoutGapsOrRepeats() {
        String cfg = config("{\"name\":\"public.items\"}");
        SourceRun.Result first = SourceRun.of(cfg, Pg.port()).failAfterBatches(5).read("public.items", null,
                limits(300, 1_000_000));
        assertNotNull(first.error, "the stopped run must fail");
        assertEquals("CHANNEL_CLOSED", first.error.error().code());
        assertEquals(0, first.leakedFrames, "the failed run leaves no frame behind");
        assertEquals(0, first.leakedSockets, "nor its connection");
        assertEquals(5, first.frames.size());
        assertEquals(5, first.checkpoints.size(), "one checkpoint per delivered batch");
        JsonObject saved = Json.parseObject(first.lastCheckpoint());
        assertEquals(6L, saved.getLong("next_seq"));
        assertEquals(List.of("1500"), saved.getArray("position"));
        assertFalse(saved.getBoolean("complete"));

        SourceRun.Result second = SourceRun.of(cfg, Pg.port()).read("public.items", first.lastCheckpoint(),
                limits(300, 1_000_000));
        assertNull(second.error, () -> String.valueOf(second.error));
        List<ArrowFrames.Batch> batches = new ArrayList<>(ArrowFrames.readAll(first.frames));
        batches.addAll(ArrowFrames.readAll(second.frames));
        assertSeqsAndRun(batches, 1);
        assertIdsExactly(batches, "id", 1, 5000);
        JsonObject done = Json.parseObject(second.lastCheckpoint());
        assertTrue(done.getBoolean("complete"));
        assertEquals(List.of("5000"), done.getArray("position"));

        // A completed full refresh starts over as a new sync run.
        SourceRun.Result third = SourceRun.of(cfg, Pg.port()).read("public.items", second.lastCheckpoint(),
                limits(10_000, 1_000_000));
        List<ArrowFrames.Batch> again = ArrowFrames.readAll(third.frames);
        assertIdsExactly(again, "id", 1, 5000);
        assertEquals("1", again.get(0).metadata().get("rapidbyte.seq"));
        assertNotEquals(batches.get(0).metadata().get("rapidbyte.sync_run"), again.get(0).metadata().get("rapidbyte.sync_run"));
    }

    @Test
    void tableWithoutPrimaryKeyResumesAtItsPhysicalPosition() {
        String cfg = config("{\"name\":\"public.heap_only\"}");
        SourceRun.Result first = SourceRun.of(cfg, Pg.port()).failAfterBatches(3).read("public.heap_only", null,
                limits(250, 1_000_000));
        assertEquals(3, first.frames.size());
        assertEquals(List.of("ctid"), Json.parseObject(first.lastCheckpoint()).getArray("key"));
        SourceRun.Result second = SourceRun.of(cfg, Pg.port()).read("public.heap_only", first.lastCheckpoint(),
                limits(250, 1_000_000));
        assertNull(second.error, () -> String.valueOf(second.error));
        List<ArrowFrames.Batch> batches = new ArrayList<>(ArrowFrames.readAll(first.frames));
        batches.addAll(ArrowFrames.readAll(second.frames));
        assertSeqsAndRun(batches, 1);
        assertIdsExactly(batches, "v", 1, 2000);
        assertEquals("", batches.get(0).metadata().get("rapidbyte.primary_key"));
    }

    @Test
    void incrementalWithNonUniqueCursorCutsBatchesOnlyBetweenValuesAndResumes() {
        String cfg = config("{\"name\":\"public.events\",\"sync_mode\":\"incremental\",\"cursor_field\":\"updated_at\"}");
        // 100 rows per batch is not a multiple of 3: the cap alone would split groups of equal cursors.
        SourceRun.Result first = SourceRun.of(cfg, Pg.port()).failAfterBatches(4).read("public.events", null,
                limits(100, 1_000_000));
        assertEquals(4, first.frames.size());
        SourceRun.Result second = SourceRun.of(cfg, Pg.port()).read("public.events", first.lastCheckpoint(),
                limits(100, 1_000_000));
        assertNull(second.error, () -> String.valueOf(second.error));
        List<ArrowFrames.Batch> batches = new ArrayList<>(ArrowFrames.readAll(first.frames));
        batches.addAll(ArrowFrames.readAll(second.frames));
        assertSeqsAndRun(batches, 1);
        assertIdsExactly(batches, "id", 1, 1000);
        for (int i = 0; i + 1 < batches.size(); i++) {
            List<Map<String, Object>> a = batches.get(i).rows();
            List<Map<String, Object>> b = batches.get(i + 1).rows();
            assertTrue(a.size() <= 100 && a.size() % 3 == 0, "batch " + i + " has " + a.size() + " rows");
            assertNotEquals(a.get(a.size() - 1).get("updated_at"), b.get(0).get("updated_at"), "batch " + i
                    + " ends inside a group of equal cursor values");
        }
        assertEquals("incremental", batches.get(0).metadata().get("rapidbyte.sync_mode"));
        assertEquals("id", batches.get(0).metadata().get("rapidbyte.primary_key"));

        // Second pass: only rows past the saved cursor; same sync run, numbering continues.
        Pg.sql(db, "INSERT INTO events SELECT g, timestamptz '2024-06-01 00:00:00+00' + g * interval '1 ms', 'new'"
                + " FROM generate_series(1001, 1040) g;"
                + "UPDATE events SET updated_at = '2025-01-01 00:00:00+00', note = 'changed' WHERE id = 7;");
        SourceRun.Result pass = SourceRun.of(cfg, Pg.port()).read("public.events", second.lastCheckpoint(),
                limits(100, 1_000_000));
        assertNull(pass.error, () -> String.valueOf(pass.error));
        List<ArrowFrames.Batch> passBatches = ArrowFrames.readAll(pass.frames);
        Set<Long> ids = new HashSet<>();
        for (ArrowFrames.Batch b : passBatches) {
            for (Map<String, Object> row : b.rows()) {
                ids.add((Long) row.get("id"));
            }
        }
        Set<Long> wanted = new HashSet<>();
        for (long id = 1001; id <= 1040; id++) {
            wanted.add(id);
        }
        wanted.add(7L);
        assertEquals(wanted, ids);
        String run = batches.get(0).metadata().get("rapidbyte.sync_run");
        assertEquals(run, passBatches.get(0).metadata().get("rapidbyte.sync_run"));
        assertEquals(String.valueOf(batches.size() + 1), passBatches.get(0).metadata().get("rapidbyte.seq"));
        assertEquals(1, infoLines(pass).size(), () -> "a pass that read rows says so once at INFO: " + pass.logs);
        assertTrue(infoLines(pass).get(0).contains("read 41 rows"), () -> String.valueOf(pass.logs));

        // Nothing new: no batch at all.
        SourceRun.Result idle = SourceRun.of(cfg, Pg.port()).read("public.events", pass.lastCheckpoint(), null);
        assertNull(idle.error, () -> String.valueOf(idle.error));
        assertEquals(0, idle.frames.size());
        assertEquals(0, idle.summary.recordsRead());
        // A pass runs every poll interval for the life of the task: an idle one is not at INFO.
        assertEquals(List.of(), infoLines(idle), () -> String.valueOf(idle.logs));
        assertTrue(idle.logs.stream().anyMatch(l -> l.startsWith("DEBUG ") && l.contains("read 0 rows")),
                () -> String.valueOf(idle.logs));
    }

    private static List<String> infoLines(SourceRun.Result result) {
        List<String> info = new ArrayList<>();
        for (String line : result.logs) {
            if (!line.startsWith("DEBUG ")) {
                info.add(line);
            }
        }
        return info;
    }

    @Test
    void incrementalWithTieBreakerResumesInsideEqualCursorValues() {
        String cfg = config("{\"name\":\"public.events_tb\",\"sync_mode\":\"incremental\",\"cursor_field\":\"updated_at\","
                + "\"tie_breaker\":\"id\",\"columns\":[\"id\",\"updated_at\"]}");
        SourceRun.Result first = SourceRun.of(cfg, Pg.port()).failAfterBatches(2).read("public.events_tb", null,
                limits(50, 1_000_000));
        JsonObject saved = Json.parseObject(first.lastCheckpoint());
        assertEquals(List.of("updated_at", "id"), saved.getArray("key"));
        assertEquals(List.of("2024-01-01 00:00:33+00", "100"), saved.getArray("position"),
                "batches of exactly 50 rows: the tie-breaker lets them end inside a group");
        SourceRun.Result second = SourceRun.of(cfg, Pg.port()).read("public.events_tb", first.lastCheckpoint(),
                limits(50, 1_000_000));
        assertNull(second.error, () -> String.valueOf(second.error));
        List<ArrowFrames.Batch> batches = new ArrayList<>(ArrowFrames.readAll(first.frames));
        batches.addAll(ArrowFrames.readAll(second.frames));
        assertSeqsAndRun(batches, 1);
        assertIdsExactly(batches, "id", 1, 1000);
        assertEquals(batches.get(1).rows().get(49).get("updated_at"), batches.get(2).rows().get(0).get("updated_at"),
                "the resumed run continues inside the group of equal cursor values");
        assertEquals(2, batches.get(0).schema().getFields().size(), "projection");
    }

    @Test
    void everyFrameRespectsTheByteCap() {
        String cfg = config("{\"name\":\"public.items\"}");
        SourceRun.Result r = SourceRun.of(cfg, Pg.port()).read("public.items", null, limits(100_000, 16_384));
        assertNull(r.error, () -> String.valueOf(r.error));
        assertTrue(r.frames.size() > 5);
        for (byte[] f : r.frames) {
            assertTrue(f.length <= 16_384, "frame of " + f.length + " bytes");
        }
        assertIdsExactly(ArrowFrames.readAll(r.frames), "id", 1, 5000);
        assertEquals(r.frames.size(), r.checkpoints.size());
    }

    /** Consecutive seqs from {@code first}, one sync run. */
    private static void assertSeqsAndRun(List<ArrowFrames.Batch> batches, long first) {
        String run = batches.get(0).metadata().get("rapidbyte.sync_run");
        for (int i = 0; i < batches.size(); i++) {
            assertEquals(String.valueOf(first + i), batches.get(i).metadata().get("rapidbyte.seq"), "seq of batch " + i);
            assertEquals(run, batches.get(i).metadata().get("rapidbyte.sync_run"));
        }
    }

    /** Column {@code column} holds exactly {@code from..to}, each once. */
    private static void assertIdsExactly(List<ArrowFrames.Batch> batches, String column, long from, long to) {
        List<Long> ids = new ArrayList<>();
        for (ArrowFrames.Batch b : batches) {
            for (Map<String, Object> row : b.rows()) {
                ids.add((Long) row.get(column));
            }
        }
        Set<Long> unique = new HashSet<>(ids);
        assertEquals(ids.size(), unique.size(), "a row was delivered twice");
        assertEquals(to - from + 1, ids.size(), "row count");
        for (long id = from; id <= to; id++) {
            assertTrue(unique.contains(id), "missing " + column + " " + id);
        }
    }
}
