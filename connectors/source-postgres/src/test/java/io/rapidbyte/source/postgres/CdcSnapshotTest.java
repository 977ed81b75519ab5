package io.rapidbyte.source.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.postgres.testkit.RandomChanges;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The boundary between a cdc stream's snapshot and its changes, with the real source-postgres.wasm:
 * a writer changes the table while the snapshot is read (through the slot's exported snapshot), the
 * run is stopped midway through the snapshot and resumed from that checkpoint (a fresh snapshot of
 * the rest, then the slot's changes replayed over it), a column is added mid-stream, and the table
 * is truncated. Applying what was emitted to a model of the table, as a destination would, gives
 * exactly the source table each time: nothing lost, nothing doubled.
 */
class CdcSnapshotTest {
    private static final int ROWS = 20_000;

    @Test
    void changesAroundAnInterruptedSnapshotASchemaChangeAndATruncateArriveExactly() throws Exception {
        String db = Pg.newDatabase("cdcsnap");
        Pg.sql(db, "CREATE TABLE items (id int PRIMARY KEY, n int NOT NULL, amount numeric, note text, doc text);"
                + "ALTER TABLE items ALTER doc SET STORAGE EXTERNAL;"
                + "INSERT INTO items SELECT g, 0, g / 7.0, 'v' || g, CASE WHEN g % 50 = 0 THEN repeat('d', 5000) END "
                + "FROM generate_series(1, " + ROWS + ") g");
        String config = Pg.config(db, "postgres", "\"sync_mode\":\"cdc\",\"cdc\":{\"flush_interval_ms\":50}");
        String stream = "public.items";
        Map<Integer, Map<String, Object>> model = new HashMap<>();
        RandomChanges writer = new RandomChanges("cdc-writer", () -> Pg.SERVER.connect(db), "items", ROWS + 5_000, 11, 0)
                .start();
        String resume;
        // The host holds each batch for a while, so the run can be stopped inside the snapshot.
        CdcStreaming first = new CdcStreaming(config, stream, null, 150);
        try (first) {
            first.waitFor(() -> first.checkpoints.size() >= 4, "four snapshot batches");
        }
        resume = first.checkpoints.get(2);
        assertTrue(resume.contains("\"phase\":\"snapshot\""), resume);
        apply(model, ArrowFrames.rows(new ArrayList<>(first.frames.subList(0, 3))));
        pause(writer, 2_000);

        try (CdcStreaming s = new CdcStreaming(config, stream, resume)) {
            s.durable.set(resume);
            s.waitFor(() -> s.logs.stream().anyMatch(l -> l.contains("snapshot done")), "the rest of the snapshot");
            assertTrue(s.logs.stream().anyMatch(l -> l.contains("resumed after [")), String.join("\n", s.logs));
            pause(writer, 2_000);
            Pg.sql(db, "ALTER TABLE items ADD COLUMN extra int");
            Pg.sql(db, "UPDATE items SET extra = id WHERE id % 10 = 0");
            pause(writer, 2_000);
            writer.stop();
            Pg.sql(db, "INSERT INTO items VALUES (-1, 0, 0, 'sentinel', NULL, NULL)");
            s.waitFor(() -> contains(s.rows(), -1), "the sentinel");
            apply(model, s.rows());
            assertTrue(writer.changes() > 100, "the writer made " + writer.changes() + " changes");
            assertTrue(s.rows().stream().anyMatch(r -> r.get("extra") != null), "the new column arrives");
            assertSame(source(db), rendered(model), "snapshot + changes = the table");

            int seen = s.rows().size();
            Pg.sql(db, "TRUNCATE items; INSERT INTO items VALUES (-2, 1, 1.5, 'after', NULL, 7)");
            s.waitFor(() -> contains(s.rows(), -2), "the rows after the truncate");
            List<Map<String, Object>> after = s.rows().subList(seen, s.rows().size());
            assertEquals("t", after.get(0).get("_rapidbyte_op"), "a truncate is its own event: " + after);
            apply(model, after);
            assertSame(source(db), rendered(model), "after the truncate");
        } finally {
            writer.stop();
        }
    }

    /** Lets the writer work for {@code millis} more. */
    private static void pause(RandomChanges writer, long millis) throws InterruptedException {
        Thread.sleep(millis);
        writer.check();
    }

    /** Equal lists, or a failure listing (some of) the rows only one side has. */
    private static void assertSame(List<String> source, List<String> model, String what) {
        List<String> missing = new ArrayList<>(source);
        missing.removeAll(model);
        List<String> extra = new ArrayList<>(model);
        extra.removeAll(source);
        if (!missing.isEmpty() || !extra.isEmpty() || source.size() != model.size()) {
            throw new AssertionError(what + ": " + source.size() + " source rows, " + model.size()
                    + " rows applied; only in the source " + missing.subList(0, Math.min(20, missing.size()))
                    + ", only applied " + extra.subList(0, Math.min(20, extra.size())));
        }
    }

    private static boolean contains(List<Map<String, Object>> rows, long id) {
        return rows.stream().anyMatch(r -> Long.valueOf(id).equals(r.get("id")) && r.get("_rapidbyte_op") != null);
    }

    /**
     * Applies emitted rows as dest-postgres does: snapshot rows and c/u upsert by key (a column
     * listed in {@code _rapidbyte_unchanged} takes the old key's value after a k row, else keeps
     * the model's; a row the model lacks is not inserted without all its values), d/k delete by
     * key, t empties the table.
     */
    static void apply(Map<Integer, Map<String, Object>> model, List<Map<String, Object>> rows) {
        Map<String, Object> movedFrom = null;
        for (Map<String, Object> row : rows) {
            String op = (String) row.get("_rapidbyte_op");
            Map<String, Object> keyChange = movedFrom;
            movedFrom = null;
            if ("t".equals(op)) {
                model.clear();
                continue;
            }
            int id = ((Long) row.get("id")).intValue();
            if ("d".equals(op) || "k".equals(op)) {
                Map<String, Object> removed = model.remove(id);
                if ("k".equals(op)) {
                    movedFrom = removed == null ? Map.of() : removed;
                }
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            List<String> names = new ArrayList<>();
            for (Map.Entry<String, Object> e : row.entrySet()) {
                if (!e.getKey().startsWith("_rapidbyte_")) {
                    values.put(e.getKey(), e.getValue());
                    names.add(e.getKey());
                }
            }
            String unchanged = (String) row.get("_rapidbyte_unchanged");
            Map<String, Object> target = model.get(id);
            boolean unknown = false;
            if (unchanged != null) {
                for (String index : unchanged.split(",")) {
                    if (!index.isEmpty()) {
                        String name = names.get(Integer.parseInt(index));
                        Object v = keyChange != null ? keyChange.get(name) : null;
                        if (v == null && target != null) {
                            v = target.get(name);
                        }
                        unknown |= v == null;
                        values.put(name, v);
                    }
                }
            }
            if (unknown && target == null) {
                continue; // not inserted without its values
            }
            model.put(id, values);
        }
    }

    private static List<String> rendered(Map<Integer, Map<String, Object>> model) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : model.values()) {
            out.add(render(r.get("id"), r.get("n"), r.get("amount"), r.get("note"), r.get("doc"), r.get("extra")));
        }
        out.sort(null);
        return out;
    }

    private static List<String> source(String db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = Pg.SERVER.connect(db); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT id, n, amount::text, note, doc, extra FROM items")) {
            while (r.next()) {
                out.add(render(r.getObject(1), r.getObject(2), r.getObject(3), r.getObject(4), r.getObject(5),
                        r.getObject(6)));
            }
        }
        out.sort(null);
        return out;
    }

    private static String render(Object id, Object n, Object amount, Object note, Object doc, Object extra) {
        String d = doc == null ? "null" : doc.toString().length() + "#" + doc.toString().hashCode();
        return id + "|" + n + "|" + amount + "|" + note + "|" + d + "|" + extra;
    }
}
