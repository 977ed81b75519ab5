package io.rapidbyte.source.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.postgres.testkit.TestPostgres;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonArray;
import io.rapidbyte.sdk.json.JsonObject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** snapshot_ranges: discover offers ctid ranges, and the ranges' reads together are the table, each row once. */
class RangedReadTest {
    private static String db;

    @BeforeAll
    static void tables() {
        db = Pg.newDatabase("src_ranges");
        Pg.sql(db, "CREATE TABLE public.wide (k int, note text);"
                + "INSERT INTO public.wide SELECT g, repeat('x', 100) FROM generate_series(1, 5000) g;"
                + "CREATE TABLE public.empty (id int PRIMARY KEY);"
                + "CREATE VIEW public.v AS SELECT k FROM public.wide;");
    }

    private static String config() {
        return Pg.config(db, TestPostgres.SCRAM_USER, "\"snapshot_ranges\":5");
    }

    private static JsonObject entry(JsonArray streams, String name) {
        for (Object s : streams) {
            if (name.equals(((JsonObject) s).getString("name"))) {
                return (JsonObject) s;
            }
        }
        throw new AssertionError("no stream " + name);
    }

    @Test
    void rangesTogetherReadEveryRowOnce() {
        SourceRun.Result d = SourceRun.of(config(), Pg.port()).discover();
        assertNull(d.error, () -> String.valueOf(d.error));
        JsonArray streams = Json.parseObject(d.catalog).getArray("streams");
        JsonArray ranges = entry(streams, "public.wide").getArray("ranges");
        assertEquals(5, ranges.size(), ranges.toJson());
        assertFalse(((JsonObject) ranges.get(4)).toJson().contains("to_page"), "the last range is open-ended");
        JsonArray empty = entry(streams, "public.empty").getArray("ranges");
        assertEquals("[{\"id\":\"0\",\"from_page\":0}]", empty.toJson());
        assertNull(entry(streams, "public.v").get("ranges"), "a view has no ctid ranges");

        Set<Object> seen = new HashSet<>();
        long rows = 0;
        for (Object r : ranges) {
            String id = ((JsonObject) r).getString("id");
            SourceRun.Result read = SourceRun.of(config(), Pg.port()).readRange("public.wide", null, ((JsonObject) r).toJson());
            assertNull(read.error, () -> String.valueOf(read.error));
            for (ArrowFrames.Batch b : ArrowFrames.readAll(read.frames)) {
                assertEquals(id, b.schema().getCustomMetadata().get("rapidbyte.range"));
                for (Map<String, Object> row : b.rows()) {
                    assertTrue(seen.add(row.get("k")), "row " + row.get("k") + " read twice (range " + id + ")");
                    rows++;
                }
            }
            assertNotNull(read.lastCheckpoint());
            assertTrue(read.lastCheckpoint().contains("\"key\":[\"ctid\"]"), read.lastCheckpoint());
        }
        assertEquals(5000, rows);
    }
}
