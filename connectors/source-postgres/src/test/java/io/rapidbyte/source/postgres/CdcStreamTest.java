package io.rapidbyte.source.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The real source-postgres.wasm in cdc mode against PostgreSQL 17: snapshot through the exported
 * snapshot, changes of every kind, a restart from a mid-stream checkpoint without loss or
 * repetition, the slot confirmed only to what the host reports durable, and the checks' errors.
 */
class CdcStreamTest {
    private static String render(Map<String, Object> row) {
        Object doc = row.get("doc");
        String d = doc == null ? "null" : doc.toString().length() > 20 ? "#" + doc.toString().length() : doc.toString();
        return row.get("_rapidbyte_op") + ":" + row.get("id") + ":" + row.get("note") + ":" + d + ":"
                + row.get("_rapidbyte_unchanged");
    }

    private static List<String> rendered(List<Map<String, Object>> rows) {
        return rows.stream().map(CdcStreamTest::render).collect(Collectors.toList());
    }

    private static String slotFlush(String db, String slot) {
        try (var c = Pg.SERVER.connect(db); var s = c.createStatement();
             var r = s.executeQuery("SELECT confirmed_flush_lsn, pg_current_wal_lsn() FROM pg_replication_slots "
                     + "WHERE slot_name = '" + slot + "'")) {
            return r.next() ? r.getString(1) : null;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void snapshotThenChangesThenARestartResumesExactly() throws Exception {
        String db = Pg.newDatabase("cdc");
        Pg.sql(db, "CREATE TABLE app_docs (id int PRIMARY KEY, note text, doc text);"
                + "ALTER TABLE app_docs ALTER doc SET STORAGE EXTERNAL;"
                + "INSERT INTO app_docs SELECT g, 'n' || g, NULL FROM generate_series(1, 2500) g");
        String config = Pg.config(db, "postgres", "\"sync_mode\":\"cdc\",\"cdc\":{\"flush_interval_ms\":50}");
        String stream = "public.app_docs";
        String big = "x".repeat(20_000);
        String resume;
        List<String> afterDurable;
        try (CdcStreaming s = new CdcStreaming(config, stream, null)) {
            s.waitFor(() -> s.rows().size() >= 2500 && s.lastCheckpoint() != null
                    && s.lastCheckpoint().contains("\"phase\":\"stream\""), "the snapshot");
            assertTrue(s.rows().stream().allMatch(r -> r.get("_rapidbyte_op") == null), "snapshot rows are plain");
            assertEquals("cdc", ArrowFrames.read(s.frames.get(0)).metadata().get("rapidbyte.sync_mode"));
            int snapshotFrames = s.frames.size();
            Pg.sql(db, "UPDATE app_docs SET doc = '" + big + "' WHERE id = 1");
            Pg.sql(db, "UPDATE app_docs SET note = 'n1b' WHERE id = 1");
            Pg.sql(db, "UPDATE app_docs SET id = 5000 WHERE id = 2");
            Pg.sql(db, "DELETE FROM app_docs WHERE id = 3");
            Pg.sql(db, "INSERT INTO app_docs VALUES (6000, 'new', NULL)");
            s.waitFor(() -> s.rows().size() >= 2500 + 6, "six change rows");
            List<String> changes = rendered(s.rows().subList(2500, s.rows().size()));
            assertEquals(List.of("u:1:n1:#20000:null", "u:1:n1b:null:,2,", "k:2:null:null:null",
                    "u:5000:n2:null:null", "d:3:null:null:null", "c:6000:new:null:null"), changes);
            String slot = "rapidbyte_public_app_docs";
            String before = slotFlush(db, slot);
            Thread.sleep(1500);
            assertEquals(before, slotFlush(db, slot), "nothing durable yet: the slot does not move");
            // The host reports the checkpoint after the first change batch durable.
            String durableCheckpoint = s.checkpoints.get(snapshotFrames);
            s.durable.set(durableCheckpoint);
            s.waitFor(() -> !before.equals(slotFlush(db, slot)), "the slot to be confirmed");
            resume = durableCheckpoint;
            synchronized (s.frames) {
                afterDurable = rendered(ArrowFrames.rows(new ArrayList<>(s.frames.subList(snapshotFrames + 1,
                        s.frames.size()))));
            }
        }
        // Restart from the first change batch's checkpoint: the rest comes again, once.
        Pg.sql(db, "INSERT INTO app_docs VALUES (7000, 'later', NULL)");
        try (CdcStreaming s = new CdcStreaming(config, stream, resume)) {
            s.waitFor(() -> s.rows().stream().anyMatch(r -> Long.valueOf(7000).equals(r.get("id"))), "the new insert");
            List<String> expected = new ArrayList<>(afterDurable);
            expected.add("c:7000:later:null:null");
            assertEquals(expected, rendered(s.rows()), "what followed the durable batch comes again, once");
        }
    }

    @Test
    void checksNameTheFix() throws Exception {
        String db = Pg.newDatabase("cdcchk");
        Pg.sql(db, "CREATE TABLE nokey (a int, b text); CREATE PUBLICATION rapidbyte_public_nokey FOR TABLE nokey;"
                + "CREATE TABLE keyed (id int PRIMARY KEY); CREATE PUBLICATION rapidbyte_public_keyed FOR TABLE nokey");
        String config = Pg.config(db, "postgres", "\"sync_mode\":\"cdc\"");
        SourceRun.Result r = SourceRun.of(config, Pg.port()).read("public.nokey", null, null);
        assertNotNull(r.error, r.allText());
        assertEquals("CDC_NO_KEY", r.error.error().code());
        assertTrue(r.error.error().message().contains("REPLICA IDENTITY FULL"), r.error.error().message());
        r = SourceRun.of(config, Pg.port()).read("public.keyed", null, null);
        assertEquals("CDC_TABLE_NOT_IN_PUBLICATION", r.error.error().code(), r.allText());
        assertTrue(r.error.error().message().contains("ALTER PUBLICATION rapidbyte_public_keyed ADD TABLE"),
                r.error.error().message());
        SourceRun.Result v = SourceRun.of(config.replace("\"sync_mode\":\"cdc\"", "\"sync_mode\":\"cdc\","
                + "\"streams\":[{\"name\":\"public.nokey\"}]"), Pg.port()).validate();
        assertTrue(v.validation.message().contains("REPLICA IDENTITY FULL"), v.validation.message());
    }
}
