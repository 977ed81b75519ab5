package io.rapidbyte.source.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.postgres.testkit.RandomChanges;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonArray;
import io.rapidbyte.sdk.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A cdc stream's snapshot read in ranges (snapshot_ranges, ctx-json ranged_snapshot) while a
 * writer inserts, updates (TOASTed doc left unchanged), rewrites, deletes and re-keys rows: the
 * pending run creates the slot, the ranges read their parts at their own snapshots (one of them
 * restarted from its checkpoint), the done run streams from the slot's consistent point. Applied
 * the way dest-postgres applies them (snapshot rows and inserts/updates by key, deletes, key
 * changes as delete + upsert, unchanged values kept, rows without all values left out), ranges
 * first and then the changes, the result equals the source table.
 */
class CdcRangedSnapshotTest {
    private static final String STREAM = "public.items";
    private static final List<String> COLUMNS = List.of("id", "n", "note", "doc");

    @Test
    void rangesReadDuringChangesThenTheStreamFromTheSlotsStartConverge() throws Exception {
        String db = Pg.newDatabase("cdc_ranges");
        Pg.sql(db, "CREATE TABLE public.items (id int PRIMARY KEY, n int NOT NULL, note text, doc text);"
                + "ALTER TABLE public.items ALTER doc SET STORAGE EXTERNAL;"
                + "INSERT INTO public.items SELECT g, g, 'n' || g, CASE WHEN g % 40 = 0 THEN repeat('d', 4000) END "
                + "FROM generate_series(1, 12000) g");
        String config = Pg.config(db, "postgres", "\"sync_mode\":\"cdc\",\"snapshot_ranges\":4,\"max_batch_rows\":400,"
                + "\"cdc\":{\"flush_interval_ms\":50,\"slot_prefix\":\"ranged_\"}");
        List<String> acl = List.of("127.0.0.1:" + Pg.port());

        SourceRun.Result discovered = SourceRun.of(config, Pg.port()).discover();
        assertNull(discovered.error, () -> String.valueOf(discovered.error));
        JsonArray ranges = null;
        for (Object s : Json.parseObject(discovered.catalog).getArray("streams")) {
            if (STREAM.equals(((JsonObject) s).getString("name"))) {
                ranges = ((JsonObject) s).getArray("ranges");
            }
        }
        assertNotNull(ranges, "discover offers ranges for a cdc table");
        assertEquals(4, ranges.size());

        // 1. Pending: the slot, and its position in one empty batch's checkpoint.
        String slotCheckpoint;
        try (CdcStreaming pending = new CdcStreaming(config, STREAM, null, 0, acl, ",\"ranged_snapshot\":\"pending\"")) {
            pending.waitFor(pending::ended, "the pending run to return");
            assertNull(pending.failure.get());
            assertEquals(1, pending.frames.size());
            assertEquals(0, pending.rows().size());
            slotCheckpoint = pending.lastCheckpoint();
            assertTrue(slotCheckpoint.contains("\"phase\":\"ranges\""), slotCheckpoint);
        }
        // Pending again (the task restarted while it waited): the same slot, nothing emitted.
        try (CdcStreaming again = new CdcStreaming(config, STREAM, slotCheckpoint, 0, acl,
                ",\"ranged_snapshot\":\"pending\"")) {
            again.waitFor(again::ended, "the second pending run to return");
            assertNull(again.failure.get());
            assertEquals(0, again.frames.size());
        }

        // 2. The ranges, while the table changes; range 1 is cut after three batches and resumed.
        List<byte[]> snapshot = new ArrayList<>();
        RandomChanges writer = new RandomChanges("cdc-ranges-writer", () -> Pg.SERVER.connect(db), STREAM, 14000, 11,
                800).start();
        awaitChanges(writer, 150);
        for (int i = 0; i < ranges.size(); i++) {
            String range = ((JsonObject) ranges.get(i)).toJson();
            if (i == 1) {
                SourceRun.Result cut = SourceRun.of(config, Pg.port()).failAfterBatches(3).readRange(STREAM, null, range);
                assertNotNull(cut.error, "the downstream stopped the range");
                assertEquals(3, cut.frames.size());
                snapshot.addAll(cut.frames);
                awaitChanges(writer, writer.changes() + 150);
                SourceRun.Result rest = SourceRun.of(config, Pg.port()).readRange(STREAM, cut.checkpoints.get(2), range);
                assertNull(rest.error, () -> String.valueOf(rest.error));
                snapshot.addAll(rest.frames);
            } else {
                SourceRun.Result read = SourceRun.of(config, Pg.port()).readRange(STREAM, null, range);
                assertNull(read.error, () -> String.valueOf(read.error));
                for (byte[] f : read.frames) {
                    Map<String, String> meta = ArrowFrames.read(f).metadata();
                    assertEquals("cdc", meta.get("rapidbyte.sync_mode"), "the destination upserts them by key");
                    assertEquals(Integer.toString(i), meta.get("rapidbyte.range"));
                }
                snapshot.addAll(read.frames);
            }
            awaitChanges(writer, writer.changes() + 150);
        }
        writer.stop();
        assertTrue(writer.changes() > 600, writer.toString());
        Pg.sql(db, "INSERT INTO public.items VALUES (-1, 0, 'end', NULL)");

        // 3. Done: the stream from the slot's consistent point.
        Map<Long, String[]> target = new TreeMap<>();
        for (Map<String, Object> row : ArrowFrames.rows(snapshot)) {
            target.put(id(row), values(row));
        }
        try (CdcStreaming done = new CdcStreaming(config, STREAM, slotCheckpoint, 0, acl,
                ",\"ranged_snapshot\":\"done\"")) {
            done.waitFor(() -> done.rows().stream().anyMatch(r -> Long.valueOf(-1).equals(r.get("id"))),
                    "the end marker");
            assertTrue(done.checkpoints.get(0).contains("\"phase\":\"stream\""), done.checkpoints.get(0));
            apply(target, done.rows());
        }
        assertEquals(render(source(db)), render(target));
        // Slots are the server's, not the database's: leave none behind for other tests.
        Pg.sql(db, "SELECT pg_drop_replication_slot('ranged_public_items')");
    }

    private static void awaitChanges(RandomChanges writer, long atLeast) throws InterruptedException {
        while (writer.changes() < atLeast) {
            writer.check();
            Thread.sleep(20);
        }
    }

    private static long id(Map<String, Object> row) {
        return ((Number) row.get("id")).longValue();
    }

    private static String[] values(Map<String, Object> row) {
        String[] v = new String[COLUMNS.size()];
        for (int i = 0; i < v.length; i++) {
            Object o = row.get(COLUMNS.get(i));
            v[i] = o == null ? null : o.toString();
        }
        return v;
    }

    /** Changes applied in order as dest-postgres applies them (ChangeMerge). */
    private static void apply(Map<Long, String[]> target, List<Map<String, Object>> changes) {
        String[] keyChanged = null;
        for (Map<String, Object> row : changes) {
            String op = (String) row.get("_rapidbyte_op");
            long id = id(row);
            if ("t".equals(op)) {
                target.clear();
            } else if ("d".equals(op)) {
                target.remove(id);
            } else if ("k".equals(op)) {
                keyChanged = target.remove(id);
                continue;
            } else {
                String[] v = values(row);
                Object unchanged = row.get("_rapidbyte_unchanged");
                String[] base = keyChanged != null ? keyChanged : target.get(id);
                if (unchanged != null) {
                    if (base == null) {
                        keyChanged = null;
                        continue; // a row without all its values is not inserted
                    }
                    for (String index : unchanged.toString().split(",")) {
                        if (!index.isEmpty()) {
                            v[Integer.parseInt(index)] = base[Integer.parseInt(index)];
                        }
                    }
                }
                target.put(id, v);
            }
            keyChanged = null;
        }
    }

    private static Map<Long, String[]> source(String db) throws Exception {
        Map<Long, String[]> out = new TreeMap<>();
        try (Connection c = Pg.SERVER.connect(db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id, n, note, doc FROM public.items")) {
            while (r.next()) {
                out.put(r.getLong(1), new String[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4)});
            }
        }
        return out;
    }

    private static List<String> render(Map<Long, String[]> rows) {
        List<String> out = new ArrayList<>();
        rows.forEach((id, v) -> out.add(Arrays.toString(v)));
        return out;
    }
}
