package io.rapidbyte.dest.postgres;

import static io.rapidbyte.dest.postgres.FrameBuilder.INT32;
import static io.rapidbyte.dest.postgres.FrameBuilder.INT64;
import static io.rapidbyte.dest.postgres.FrameBuilder.UTF8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ErrorCategory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each schema drift policy, applied before a batch is written. */
class DriftPolicyTest {
    private final DestHarness h = new DestHarness("drift");

    /** A batch of public.t with id plus the given (name, type, values) columns. */
    static byte[] batch(long seq, List<Object> ids, Object... cols) {
        FrameBuilder b = FrameBuilder.batch("public.t", "r1", seq).col(FrameBuilder.field("id", INT64, false, null), ids);
        for (int i = 0; i < cols.length; i += 3) {
            b.col((String) cols[i], (org.apache.arrow.vector.types.pojo.ArrowType) cols[i + 1], (List<?>) cols[i + 2]);
        }
        return b.build();
    }

    String drift(String newColumn, String removedColumn, String typeChange) {
        return h.config("schema_drift", Map.of("new_column", newColumn, "removed_column", removedColumn,
                "type_change", typeChange));
    }

    @Test
    void newColumnIsAddedMidRun() {
        byte[] b1 = batch(1, List.of(1L, 2L), "a", UTF8, List.of("x", "y"));
        byte[] b2 = batch(2, List.of(3L), "a", UTF8, List.of("z"), "b", INT32, List.of(7));
        DestHarness.Run run = h.run(drift("add", "ignore", "fail"), "public.t", List.of(b1, b2));
        assertEquals(3, run.ok().recordsWritten());
        assertEquals(List.of(Arrays.asList("1", "x", null), Arrays.asList("2", "y", null), List.of("3", "z", "7")),
                h.rows("SELECT id, a, b FROM public.t ORDER BY id"));
        assertEquals("integer", h.value("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                + "WHERE attrelid = 'public.t'::regclass AND attname = 'b'"));
        assertTrue(run.logs.stream().anyMatch(l -> l.contains("added column \"b\"")), run.logs.toString());
    }

    @Test
    void newColumnIgnoredOrRefused() {
        h.sql("CREATE TABLE public.t (id bigint, a text)");
        byte[] b = batch(1, List.of(1L), "a", UTF8, List.of("x"), "b", INT32, List.of(7));
        h.run(drift("ignore", "ignore", "fail"), "public.t", List.of(b)).ok();
        assertEquals(List.of(List.of("1", "x")), h.rows("SELECT * FROM public.t"));

        DestHarness h2 = new DestHarness("drift_fail");
        h2.sql("CREATE TABLE public.t (id bigint, a text)");
        ConnectorError e = h2.run(h2.config("schema_drift", Map.of("new_column", "fail")), "public.t", List.of(b))
                .failed().error();
        assertEquals(ErrorCategory.SCHEMA, e.category());
        assertEquals("SCHEMA_DRIFT", e.code());
        assertTrue(e.message().contains("\"b\""), e.message());
        assertEquals(0, h2.count("public.t"));
    }

    @Test
    void removedColumnIgnored() {
        h.sql("CREATE TABLE public.t (id bigint, a text, c text DEFAULT 'dflt')");
        byte[] b = batch(1, List.of(1L), "a", UTF8, List.of("x"));
        h.run(drift("add", "ignore", "fail"), "public.t", List.of(b)).ok();
        assertEquals(List.of(List.of("1", "x", "dflt")), h.rows("SELECT * FROM public.t"));
    }

    @Test
    void removedColumnFailNamesTheColumn() {
        h.sql("CREATE TABLE public.t (id bigint, a text, c text)");
        ConnectorError e = h.run(drift("add", "fail", "fail"), "public.t",
                List.of(batch(1, List.of(1L), "a", UTF8, List.of("x")))).failed().error();
        assertEquals("SCHEMA_DRIFT", e.code());
        assertTrue(e.message().contains("\"c\""), e.message());
        assertEquals(0, h.count("public.t"));
    }

    @Test
    void typeChangeFailsByDefault() {
        h.sql("CREATE TABLE public.t (id bigint, a integer)");
        ConnectorError e = h.run(drift("add", "ignore", "fail"), "public.t",
                List.of(batch(1, List.of(1L), "a", UTF8, List.of("42")))).failed().error();
        assertEquals("SCHEMA_DRIFT", e.code());
        assertTrue(e.message().contains("type change on column \"a\"") && e.message().contains("integer"), e.message());
        assertEquals(0, h.count("public.t"));
    }

    @Test
    void typeChangeCoercedIntoTheColumnType() {
        h.sql("CREATE TABLE public.t (id bigint, a integer, n smallint)");
        // utf8 -> integer and int64 -> smallint both go through a cast; a value that does not fit is a row error
        byte[] b = FrameBuilder.batch("public.t", "r1", 1)
                .col(FrameBuilder.field("id", INT64, false, null), List.of(1L, 2L, 3L))
                .col("a", UTF8, Arrays.asList("42", "oops", null))
                .col("n", INT64, List.of(5L, 6L, 7L)).build();
        DestHarness.Run run = h.run(h.config("schema_drift", Map.of("type_change", "coerce"), "on_data_error", "dlq"),
                "public.t", List.of(b));
        assertEquals(2, run.ok().recordsWritten());
        assertEquals(List.of(List.of("1", "42", "5"), Arrays.asList("3", null, "7")), h.rows("SELECT * FROM public.t ORDER BY id"));
        assertEquals(1, run.dlq.size());
        assertEquals("22P02", run.dlq.get(0).code(), run.dlq.get(0).message());
        assertEquals("oops", run.dlq.get(0).value("a"), run.dlq.get(0).toString());
        assertEquals(List.of("integer", "smallint"), h.rows("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                + "WHERE attrelid = 'public.t'::regclass AND attname IN ('a', 'n') ORDER BY attname").stream()
                .map(r -> r.get(0)).toList());
    }

    @Test
    void widerColumnsAreNotATypeChange() {
        h.sql("CREATE TABLE public.t (id numeric, a varchar, n bigint, f double precision, s integer)");
        byte[] b = FrameBuilder.batch("public.t", "r1", 1)
                .col(FrameBuilder.field("id", INT64, false, "bigint"), List.of(-9_223_372_036_854_775_808L, 7L))
                .col("a", UTF8, "character varying(10)", List.of("x", "y"))
                .col("n", INT32, "integer", List.of(-5, 2_147_483_647))
                .col("f", FrameBuilder.FLOAT32, "real", List.of(1.5f, Float.NEGATIVE_INFINITY))
                .col("s", FrameBuilder.INT16, "smallint", List.of((short) -32768, (short) 12)).build();
        h.run(drift("add", "ignore", "fail"), "public.t", List.of(b)).ok();
        assertEquals(List.of(List.of("-9223372036854775808", "x", "-5", "1.5", "-32768"),
                List.of("7", "y", "2147483647", "-Infinity", "12")), h.rows("SELECT * FROM public.t ORDER BY id"));
    }
}
