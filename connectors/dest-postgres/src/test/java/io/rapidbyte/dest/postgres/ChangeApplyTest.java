package io.rapidbyte.dest.postgres;

import static io.rapidbyte.dest.postgres.FrameBuilder.INT64;
import static io.rapidbyte.dest.postgres.FrameBuilder.TIMESTAMPTZ;
import static io.rapidbyte.dest.postgres.FrameBuilder.UTF8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Change batches (sync mode cdc) applied in order in one transaction with the watermark: upsert,
 * delete by key, key change as delete + upsert, unchanged TOAST keeping the target's value,
 * truncate per cdc_truncate, replays skipped.
 */
class ChangeApplyTest {
    private final DestHarness h = new DestHarness("cdc");

    /** Rows of {op, id, name, doc, unchanged}. */
    static byte[] changes(long seq, Object[]... rows) {
        List<Object> op = new ArrayList<>();
        List<Object> id = new ArrayList<>();
        List<Object> name = new ArrayList<>();
        List<Object> doc = new ArrayList<>();
        List<Object> unchanged = new ArrayList<>();
        List<Object> lsn = new ArrayList<>();
        List<Object> ts = new ArrayList<>();
        for (Object[] r : rows) {
            op.add(r[0]);
            id.add(r[1]);
            name.add(r[2]);
            doc.add(r[3]);
            unchanged.add(r[4]);
            lsn.add(1000L + seq);
            ts.add(1_700_000_000_000_000L);
        }
        return FrameBuilder.batch("app.docs", "cdc-run", seq).meta("rapidbyte.sync_mode", "cdc").primaryKey("id")
                .col(FrameBuilder.field("id", INT64, true, "bigint"), id)
                .col("name", UTF8, "text", name)
                .col("doc", UTF8, "text", doc)
                .col(FrameBuilder.field("_rapidbyte_op", UTF8, false, null), op)
                .col("_rapidbyte_lsn", INT64, lsn)
                .col("_rapidbyte_commit_ts", TIMESTAMPTZ, ts)
                .col("_rapidbyte_unchanged", UTF8, unchanged)
                .build();
    }

    static Object[] row(String op, long id, String name, String doc, String unchanged) {
        return new Object[] {op, id, name, doc, unchanged};
    }

    @Test
    void changesApplyInOrderWithKeyChangesUnchangedToastAndReplaysSkipped() {
        String big = "T".repeat(50_000);
        byte[] b1 = changes(1,
                row("r", 1, "one", "d1", null), row("r", 2, "two", big, null), row("c", 3, "three", "d3", null),
                row("u", 2, "two-b", null, ",2,"),           // doc unchanged: keeps the big value
                row("u", 1, "one-b", "d1b", null),
                row("d", 3, null, null, null),
                row("c", 3, "three-again", "d3b", null),   // deleted and re-inserted
                row("d", 1, null, null, null),             // key change 1 -> 10
                row("u", 10, "ten", "d1b", null));
        byte[] b2 = changes(2,
                row("u", 2, "two-c", null, ",2,"), row("u", 2, "two-d", "small", null), row("u", 2, "two-e", null, ",2,"),
                row("c", 4, "four", "d4", null), row("u", 4, "four-b", null, ",2,"));
        DestHarness.Run run = h.run(h.config(), "app.docs", List.of(b1, b2, b1));
        run.ok();
        assertEquals(List.of(
                List.of("2", "two-e", "small"), List.of("3", "three-again", "d3b"), List.of("4", "four-b", "d4"),
                List.of("10", "ten", "d1b")),
                h.rows("SELECT id, name, doc FROM public.docs ORDER BY id"));
        assertEquals(List.of("id", "name", "doc"), h.rows("SELECT column_name FROM information_schema.columns "
                + "WHERE table_schema = 'public' AND table_name = 'docs' ORDER BY ordinal_position").stream()
                .map(r -> r.get(0)).toList(), "the change fields are not columns of the target");
        assertTrue(run.logs.stream().anyMatch(l -> l.contains("1 replayed batches skipped")), "" + run.logs);

        // A key change whose new row leaves the TOASTed doc unchanged: the value moves with the row,
        // from the target (id 2 -> 20) and from earlier in the same batch (id 4 -> 40).
        h.run(h.config(), "app.docs", List.of(changes(6, row("k", 2, null, null, null),
                row("u", 20, "moved", null, ",2,"), row("u", 4, "four-c", "d4b", null), row("k", 4, null, null, null),
                row("u", 40, "moved-4", null, ",2,")))).ok();
        assertEquals(List.of(List.of("3", "three-again", "d3b"), List.of("10", "ten", "d1b"),
                List.of("20", "moved", "small"), List.of("40", "moved-4", "d4b")),
                h.rows("SELECT id, name, doc FROM public.docs ORDER BY id"));
        h.sql("UPDATE public.docs SET id = 2 WHERE id = 20; UPDATE public.docs SET id = 4, doc = 'd4' WHERE id = 40;"
                + "UPDATE public.docs SET name = 'four-b' WHERE id = 4; UPDATE public.docs SET name = 'two-e' WHERE id = 2");

        // Across batches too: the unchanged doc of id 2 survives an update in a later batch.
        h.run(h.config(), "app.docs", List.of(changes(3, row("u", 2, "two-f", null, ",2,")))).ok();
        assertEquals("small", h.value("SELECT doc FROM public.docs WHERE id = 2"));
        h.run(h.config(), "app.docs", List.of(changes(7, row("u", 2, "two-g", big, null)),
                changes(8, row("u", 2, "two-h", null, ",2,")))).ok();
        assertEquals("50000 two-h", h.value("SELECT length(doc) || ' ' || name FROM public.docs WHERE id = 2"));
    }

    @Test
    void anUnchangedToastedValueOfARowTheTargetLacksIsNeverWrittenAsNull() {
        // Changes replayed over a resumed snapshot can update a row the target does not have (yet):
        // its unchanged doc is unknown, so the row is left out, not inserted with a NULL doc.
        h.sql("CREATE TABLE public.docs (id bigint PRIMARY KEY, name text, doc text NOT NULL);"
                + "INSERT INTO public.docs VALUES (9, 'nine', 'd9')");
        DestHarness.Run run = h.run(h.config(), "app.docs", List.of(changes(1,
                row("u", 7, "seven", null, ",2,"),
                row("k", 8, null, null, null), row("u", 80, "eighty", null, ",2,"),
                row("k", 9, null, null, null), row("u", 90, "ninety", null, ",2,"))));
        run.ok();
        assertEquals(List.of(List.of("90", "ninety", "d9")), h.rows("SELECT id, name, doc FROM public.docs ORDER BY id"),
                "the key change of 9 carries its doc; 7 and 80 have none to carry");
        h.run(h.config(), "app.docs", List.of(changes(2, row("u", 7, "seven-b", "d7", null)))).ok();
        assertEquals(List.of(List.of("7", "seven-b", "d7"), List.of("90", "ninety", "d9")),
                h.rows("SELECT id, name, doc FROM public.docs ORDER BY id"), "a whole row arrives whole");
    }

    @Test
    void snapshotBatchesOfACdcStreamAreUpserts() {
        h.sql("CREATE TABLE public.docs (id bigint PRIMARY KEY, name text, doc text);"
                + "INSERT INTO public.docs VALUES (1, 'from-a-change', 'x')");
        byte[] snapshot = FrameBuilder.batch("app.docs", "snap", 1).meta("rapidbyte.sync_mode", "cdc").primaryKey("id")
                .col(FrameBuilder.field("id", INT64, true, "bigint"), List.of(1L, 2L))
                .col("name", UTF8, "text", List.of("snap-1", "snap-2"))
                .col("doc", UTF8, "text", List.of("a", "b")).build();
        h.run(h.config(), "app.docs", List.of(snapshot)).ok();
        assertEquals(List.of(List.of("1", "snap-1"), List.of("2", "snap-2")),
                h.rows("SELECT id, name FROM public.docs ORDER BY id"));
    }

    @Test
    void truncateEmptiesTheTargetInItsPlaceOrIsIgnored() {
        byte[] b = changes(1, row("c", 1, "a", "x", null), row("c", 2, "b", "x", null),
                row("t", 0, null, null, null), row("c", 3, "c", "x", null), row("u", 1, "a2", "y", null));
        h.run(h.config(), "app.docs", List.of(b)).ok();
        assertEquals(List.of(List.of("1", "a2"), List.of("3", "c")), h.rows("SELECT id, name FROM public.docs ORDER BY id"));

        h.sql("CREATE TABLE public.kept (id bigint PRIMARY KEY, name text, doc text)");
        h.run(h.config("cdc_truncate", "ignore", "table_mapping", Map.of("app.docs", "kept")), "app.docs",
                List.of(b)).ok();
        assertEquals(List.of(List.of("1", "a2"), List.of("2", "b"), List.of("3", "c")),
                h.rows("SELECT id, name FROM public.kept ORDER BY id"));
    }

    @Test
    void replaceModeAndBatchesWithoutTheChangeFieldsAreRefused() {
        DestHarness.Run run = h.run(h.config("write_mode", "replace"), "app.docs",
                List.of(changes(1, row("c", 1, "a", "x", null))));
        assertEquals("CHANGES_IN_REPLACE_MODE", run.failed().error().code());
        byte[] bad = FrameBuilder.batch("app.docs", "r", 1).meta("rapidbyte.sync_mode", "cdc")
                .col("id", INT64, Arrays.asList(1L)).col("_rapidbyte_op", UTF8, Arrays.asList("c")).build();
        run = h.run(h.config(), "app.docs", List.of(bad));
        assertEquals("INVALID_CHANGE_BATCH", run.failed().error().code());
        assertTrue(run.error.error().message().contains("_rapidbyte_op"), run.error.error().message());
    }
}
