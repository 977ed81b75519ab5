package io.rapidbyte.source.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.postgres.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

/**
 * Text-mode pgoutput ({@code cdc.pgoutput_format}) with the real source-postgres.wasm: on
 * PostgreSQL 17 a binary and a text stream of the same mixed-type table, running side by side on
 * two slots, give the same batches (same fields and metadata, same rows: snapshot, inserts of
 * edge values, updates leaving a TOASTed value unchanged, deletes, key changes, truncate); on a
 * real PostgreSQL 13 (no binary pgoutput) auto streams as text and binary is refused at the check.
 */
class CdcTextModeTest {
    private static final String TABLE = "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');"
            + "CREATE TABLE mixed (id int PRIMARY KEY, i2 smallint, i8 bigint, f4 real, f8 double precision, "
            + "n numeric(12,3), nt numeric, b boolean, t text, big text, bp char(4), j json, jb jsonb, by bytea, "
            + "d date, tm time, ts timestamp, tz timestamptz, iv interval, u uuid, ip inet, m mood, ai int[], "
            + "at text[], af float8[]);"
            + "ALTER TABLE mixed ALTER big SET STORAGE EXTERNAL;";

    private static String row(int id, String big) {
        return "(" + id + ", " + (id % 300) + ", " + id * 1_000_000_007L + ", " + id + ".25, " + id + ".1, "
                + id + ".125, '" + id + "e-5', " + (id % 2 == 0) + ", 'row " + id + "', " + big + ", 'c" + id % 10
                + "', '{\"k\": " + id + "}', '{\"k\": [" + id + ", null]}', '\\x" + String.format("%04x", id)
                + "', DATE '2024-01-01' + " + id + ", '12:00:00'::time + interval '" + id + " seconds', "
                + "'2024-05-01 10:00:00.5'::timestamp + interval '" + id + " minutes', "
                + "'2024-05-01 10:00:00+02'::timestamptz + interval '" + id + " hours', '" + id
                + " days 00:00:01.000001', md5('" + id + "')::uuid, '10.0.0." + id % 250 + "', '"
                + (id % 3 == 0 ? "sad" : "happy") + "', ARRAY[" + id + ", NULL], ARRAY['a " + id + "', 'q\"'], "
                + "ARRAY[" + id + ".5::float8, 'NaN'])";
    }

    private static final String EDGE_ROWS = "INSERT INTO mixed (id, f4, f8, nt, d, ts, tz, iv, ai, at, by, t) VALUES "
            + "(9001, 'NaN', '-Infinity', 'NaN', 'infinity', '-infinity', 'infinity', '-1 years -2 mons +3 days "
            + "-04:05:06.5', '{}', '{NULL,\"\",\"NULL\"}', '', E'tab\\tnew\\nline ✓'),"
            + "(9002, '-0', '4.9e-324', '-Infinity', '0044-03-15 BC', '4713-01-01 00:00:00 BC', "
            + "'0010-01-01 00:00:00+00 BC', 'infinity', NULL, ARRAY['back\\slash', '{}'], '\\x00', ''),"
            + "(9003, '3.4028235e38', '0.30000000000000004', '1e-20', '-infinity', 'infinity', '-infinity', "
            + "'-infinity', '{-2147483648}', '{}', NULL, NULL)";

    /** EDGE_ROWS without what PostgreSQL 13 lacks (numeric and interval infinity). */
    private static final String EDGE_ROWS_13 = EDGE_ROWS.replace("'-Infinity', '0044", "'NaN', '0044")
            .replace("'infinity', NULL, ARRAY", "'1 day', NULL, ARRAY").replace("'1e-20', '-infinity', 'infinity', "
            + "'-infinity', '-infinity'", "'1e-20', '-infinity', 'infinity', '-infinity', '-1 day'");

    private static String config(String db, String format, String prefix, int port) {
        return "{\"host\":\"127.0.0.1\",\"port\":" + port + ",\"database\":\"" + db + "\",\"user\":\"postgres\","
                + "\"sync_mode\":\"cdc\",\"cdc\":{\"flush_interval_ms\":50,\"pgoutput_format\":\"" + format + "\","
                + "\"slot_prefix\":\"" + prefix + "\",\"publication_prefix\":\"" + prefix + "\"}}";
    }

    private static boolean streaming(CdcStreaming s) {
        String c = s.lastCheckpoint();
        return c != null && c.contains("\"phase\":\"stream\"");
    }

    /** Every row so far; two slots of one table see the same WAL, so even LSNs and commit times agree. */
    private static List<Map<String, Object>> rows(CdcStreaming s) {
        return s.rows();
    }

    private static List<Field> fields(CdcStreaming s) {
        List<Field> out = new ArrayList<>();
        synchronized (s.frames) {
            out.addAll(ArrowFrames.read(s.frames.get(s.frames.size() - 1)).schema().getFields());
        }
        return out;
    }

    /** Without the run id and the batch sequence: how changes fall into batches depends on timing. */
    private static Map<String, String> metadataWithoutRunOrSeq(CdcStreaming s) {
        Map<String, String> m;
        synchronized (s.frames) {
            m = new LinkedHashMap<>(ArrowFrames.read(s.frames.get(s.frames.size() - 1)).metadata());
        }
        m.remove("rapidbyte.sync_run");
        m.remove("rapidbyte.seq");
        return m;
    }

    private static final String BIG = "'" + "y".repeat(30_000) + "'";

    /** Inserts, edge values, updates with and without the TOASTed value, a key change: 70 rows after the snapshot's 60. */
    private static void firstChanges(String db) {
        TestPostgres server = Pg.SERVER;
        server.execute(db, "INSERT INTO mixed VALUES " + row(101, BIG) + ", " + row(102, "NULL"));
        server.execute(db, EDGE_ROWS);
        server.execute(db, "UPDATE mixed SET t = 'only t changed' WHERE id = 101"); // big unchanged TOAST
        server.execute(db, "UPDATE mixed SET big = 'small now', f8 = f8 * 3 WHERE id = 101");
        server.execute(db, "UPDATE mixed SET big = " + BIG + " WHERE id = 5");
        server.execute(db, "UPDATE mixed SET id = 5005, t = 'moved' WHERE id = 5"); // key change, big unchanged
    }

    /*
     * After both streams have the key change: its unchanged value is read from the table as it is
     * when the change is batched, so a truncate before that would make the two streams differ.
     * Deletes, one transaction of 19 changes, a truncate, an insert: 23 rows.
     */
    private static void laterChanges(String db) {
        TestPostgres server = Pg.SERVER;
        server.execute(db, "DELETE FROM mixed WHERE id IN (7, 9002)");
        server.execute(db, "BEGIN; UPDATE mixed SET iv = iv * 2, ts = ts + interval '1 us' WHERE id <= 20; "
                + "INSERT INTO mixed VALUES " + row(103, "NULL") + "; COMMIT");
        server.execute(db, "TRUNCATE mixed");
        server.execute(db, "INSERT INTO mixed VALUES " + row(104, BIG));
    }

    @Test
    void binaryAndTextStreamsOfOneTableGiveTheSameBatches() throws Exception {
        String db = Pg.newDatabase("cdctext");
        StringBuilder insert = new StringBuilder(TABLE + "INSERT INTO mixed VALUES ");
        for (int id = 1; id <= 60; id++) {
            insert.append(id == 1 ? "" : ", ").append(row(id, id % 10 == 5 ? "repeat('z', 9000)" : "NULL"));
        }
        Pg.sql(db, insert.toString());
        String stream = "public.mixed";
        try (CdcStreaming binary = new CdcStreaming(config(db, "binary", "bin_", Pg.port()), stream, null);
             CdcStreaming text = new CdcStreaming(config(db, "text", "txt_", Pg.port()), stream, null)) {
            binary.waitFor(() -> streaming(binary), "the binary snapshot");
            text.waitFor(() -> streaming(text), "the text snapshot");
            firstChanges(db);
            binary.waitFor(() -> binary.rows().size() >= 70, "70 binary rows");
            text.waitFor(() -> text.rows().size() >= 70, "70 text rows");
            laterChanges(db);
            int expected = 70 + 23;
            binary.waitFor(() -> binary.rows().size() >= expected, expected + " binary rows");
            text.waitFor(() -> text.rows().size() >= expected, expected + " text rows");
            Thread.sleep(300); // nothing more may come
            List<Map<String, Object>> b = rows(binary);
            List<Map<String, Object>> t = rows(text);
            assertEquals(expected, b.size());
            for (int i = 0; i < b.size(); i++) {
                assertEquals(b.get(i), t.get(i), "row " + i);
            }
            assertEquals(b.size(), t.size());
            assertEquals(fields(binary), fields(text), "the same fields, types and field metadata");
            assertEquals(metadataWithoutRunOrSeq(binary), metadataWithoutRunOrSeq(text));
            assertTrue(text.logs.stream().anyMatch(l -> l.contains("values as text")), String.join("\n", text.logs));
            assertTrue(binary.logs.stream().anyMatch(l -> l.contains("values as binary")));
            // the unchanged TOASTed value is marked, not nulled, in both; the key change filled it in
            Map<String, Object> onlyT = b.get(60 + 5);
            assertEquals("u", onlyT.get("_rapidbyte_op"));
            assertNotNull(onlyT.get("_rapidbyte_unchanged"));
            Map<String, Object> moved = b.get(60 + 5 + 3 + 1);
            assertEquals(List.of("u", 5005L, 30_000), List.of(moved.get("_rapidbyte_op"), moved.get("id"),
                    moved.get("big").toString().length()), moved.toString());
        }
    }

    @Test
    void autoCarriesTypesReadAsTextThatBinaryRefuses() throws Exception {
        String db = Pg.newDatabase("cdccast");
        String values = "'12.34', '[1,10)', '(1.5,-2)', '[2024-05-01 10:00+02,infinity)', '<(0,0),2>'";
        Pg.sql(db, "CREATE TABLE casts (id int PRIMARY KEY, m money, r int4range, p point, tr tstzrange, c circle);"
                + "INSERT INTO casts VALUES (1, " + values + ")");
        String stream = "public.casts";
        SourceRun.Result refused = SourceRun.of(config(db, "binary", "bin_", Pg.port()), Pg.port())
                .read(stream, null, null);
        assertNotNull(refused.error, refused.allText());
        assertEquals("CDC_UNSUPPORTED_TYPE", refused.error.error().code());
        assertTrue(refused.error.error().message().contains("money")
                && refused.error.error().message().contains("pgoutput_format"), refused.error.error().message());
        try (CdcStreaming s = new CdcStreaming(config(db, "auto", "auto_", Pg.port()), stream, null)) {
            s.waitFor(() -> streaming(s), "the snapshot");
            Pg.sql(db, "INSERT INTO casts VALUES (2, " + values + ")");
            s.waitFor(() -> s.rows().size() >= 2, "the insert");
            Map<String, Object> snapshot = new LinkedHashMap<>(s.rows().get(0));
            Map<String, Object> change = new LinkedHashMap<>(s.rows().get(1));
            assertEquals("c", change.get("_rapidbyte_op"));
            snapshot.keySet().removeIf(k -> k.startsWith("_rapidbyte_") || k.equals("id"));
            change.keySet().removeIf(k -> k.startsWith("_rapidbyte_") || k.equals("id"));
            assertEquals(snapshot, change, "the stream's text is the snapshot's ::text");
            assertEquals("$12.34", change.get("m"));
        }
    }

    @Test
    void postgres13StreamsAsTextAndRefusesBinary() throws Exception {
        Path jar = Path.of("target", "postgres13", "postgres13-binaries.jar");
        try (TestPostgres pg13 = TestPostgres.startWithBinaries(jar, Map.of())) {
            String db = pg13.createDatabase("cdc13");
            pg13.execute(db, TABLE + "INSERT INTO mixed VALUES " + row(1, "NULL") + ", " + row(2, "NULL"));
            try (var c = pg13.connect(db); var s = c.createStatement(); var r = s.executeQuery("SHOW server_version_num")) {
                r.next();
                assertTrue(r.getInt(1) < 140000, "a server before 14: " + r.getInt(1));
            }
            String stream = "public.mixed";
            SourceRun.Result refused = SourceRun.of(config(db, "binary", "bin_", pg13.port()), pg13.port())
                    .read(stream, null, null);
            assertNotNull(refused.error, refused.allText());
            assertEquals("CDC_SERVER_TOO_OLD", refused.error.error().code());
            assertTrue(refused.error.error().message().contains("pgoutput_format"), refused.error.error().message());
            try (CdcStreaming s = new CdcStreaming(config(db, "auto", "auto_", pg13.port()), stream, null, 0,
                    List.of("127.0.0.1:" + pg13.port()))) {
                s.waitFor(() -> streaming(s), "the PostgreSQL 13 snapshot");
                pg13.execute(db, "INSERT INTO mixed VALUES " + row(3, "repeat('w', 20000)"));
                pg13.execute(db, "UPDATE mixed SET t = 'changed' WHERE id = 3");
                pg13.execute(db, "UPDATE mixed SET id = 30 WHERE id = 3");
                pg13.execute(db, "DELETE FROM mixed WHERE id = 1");
                pg13.execute(db, EDGE_ROWS_13);
                s.waitFor(() -> s.rows().size() >= 2 + 1 + 1 + 2 + 1 + 3, "the PostgreSQL 13 changes");
                List<Map<String, Object>> rows = s.rows();
                assertTrue(s.logs.stream().anyMatch(l -> l.contains("values as text")), String.join("\n", s.logs));
                assertEquals(List.of("c", 20_000), List.of(rows.get(2).get("_rapidbyte_op"),
                        rows.get(2).get("big").toString().length()));
                assertEquals(List.of("u", "changed"), List.of(rows.get(3).get("_rapidbyte_op"), rows.get(3).get("t")));
                assertNotNull(rows.get(3).get("_rapidbyte_unchanged"), "unchanged TOAST marked");
                assertEquals(List.of("k", 3L), List.of(rows.get(4).get("_rapidbyte_op"), rows.get(4).get("id")));
                assertEquals(List.of("u", 30L, 20_000), List.of(rows.get(5).get("_rapidbyte_op"), rows.get(5).get("id"),
                        rows.get(5).get("big").toString().length()), "key change with its TOASTed value filled in");
                assertEquals(List.of("d", 1L), List.of(rows.get(6).get("_rapidbyte_op"), rows.get(6).get("id")));
                // Every row now in the table, read by binary COPY (full refresh), equals its last
                // version in the text stream, column by column.
                SourceRun.Result copy = SourceRun.of(config(db, "auto", "auto_", pg13.port())
                        .replace("\"sync_mode\":\"cdc\",", ""), pg13.port()).read(stream, null, null);
                assertEquals(null, copy.error, copy.allText());
                List<Map<String, Object>> table = ArrowFrames.rows(copy.frames);
                assertEquals(5, table.size());
                for (Map<String, Object> expected : table) {
                    Map<String, Object> last = null;
                    for (Map<String, Object> r : rows) {
                        if (expected.get("id").equals(r.get("id"))) {
                            last = r;
                        }
                    }
                    assertNotNull(last, "id " + expected.get("id"));
                    Map<String, Object> data = new LinkedHashMap<>(last);
                    data.keySet().removeIf(k -> k.startsWith("_rapidbyte_"));
                    if (last.get("_rapidbyte_unchanged") == null) {
                        assertEquals(expected, data, "id " + expected.get("id"));
                    }
                }
            }
        }
    }
}
