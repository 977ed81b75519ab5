package io.rapidbyte.dest.postgres;

import static io.rapidbyte.dest.postgres.FrameBuilder.INT32;
import static io.rapidbyte.dest.postgres.FrameBuilder.INT64;
import static io.rapidbyte.dest.postgres.FrameBuilder.UTF8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Upsert: staging table, last row per key wins, ON CONFLICT DO UPDATE. */
class UpsertModeTest {
    private final DestHarness h = new DestHarness("upsert");

    static byte[] items(long seq, List<Object> ids, List<Object> names, String pk) {
        FrameBuilder b = FrameBuilder.batch("shop.items", "r1", seq)
                .col(FrameBuilder.field("id", INT64, false, null), ids)
                .col("name", UTF8, names)
                .col("qty", INT32, ids.stream().map(i -> (Object) (int) (((Long) i) * 10)).toList());
        if (pk != null) {
            b.primaryKey(pk);
        }
        return b.build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"copy", "insert"})
    void updatesExistingRowsAndInsertsNewOnesLastRowPerKeyWins(String method) {
        h.sql("CREATE TABLE public.items (id bigint PRIMARY KEY, name text, qty int, note text DEFAULT 'kept');"
                + "INSERT INTO public.items (id, name, qty) SELECT g, 'old-' || g, 0 FROM generate_series(1, 5) g");
        byte[] b1 = items(1, List.of(4L, 5L, 6L, 6L, 7L), Arrays.asList("new-4", null, "first-6", "last-6", "new-7"), null);
        byte[] b2 = items(2, List.of(7L, 8L), List.of("newer-7", "new-8"), null);
        DestHarness.Run run = h.run(h.config("write_mode", "upsert", "load_method", method), "shop.items", List.of(b1, b2));
        assertEquals(7, run.ok().recordsWritten());
        assertEquals(List.of(
                List.of("1", "old-1", "0", "kept"), List.of("2", "old-2", "0", "kept"), List.of("3", "old-3", "0", "kept"),
                List.of("4", "new-4", "40", "kept"), Arrays.asList("5", null, "50", "kept"),
                List.of("6", "last-6", "60", "kept"), List.of("7", "newer-7", "70", "kept"),
                List.of("8", "new-8", "80", "kept")),
                h.rows("SELECT id, name, qty, note FROM public.items ORDER BY id"));
    }

    @Test
    void keyFromBatchMetadataCreatesTheTableWithIt() {
        byte[] b1 = items(1, List.of(1L, 2L), List.of("a", "b"), "id");
        byte[] b2 = items(2, List.of(2L, 3L), List.of("b2", "c"), "id");
        h.run(h.config("write_mode", "upsert"), "shop.items", List.of(b1, b2)).ok();
        assertEquals(List.of(List.of("1", "a"), List.of("2", "b2"), List.of("3", "c")),
                h.rows("SELECT id, name FROM public.items ORDER BY id"));
        assertEquals("PRIMARY KEY (id)", h.value("SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                + "WHERE conrelid = 'public.items'::regclass AND contype = 'p'"));
    }

    @Test
    void configuredKeyWinsAndAMissingKeyIsAConfigError() {
        h.sql("CREATE TABLE public.items (id bigint, name text UNIQUE, qty int)");
        h.run(h.config("write_mode", "upsert", "primary_key", "name"), "shop.items",
                List.of(items(1, List.of(1L, 2L), List.of("a", "b"), "id"), items(2, List.of(3L), List.of("a"), "id"))).ok();
        assertEquals(List.of(List.of("3", "a"), List.of("2", "b")), h.rows("SELECT id, name FROM public.items ORDER BY name"));

        h.sql("CREATE TABLE public.nokey (id bigint, name text, qty int)");
        DestHarness.Run run = h.run(h.config("write_mode", "upsert", "table_mapping", java.util.Map.of("shop.items", "nokey")),
                "shop.items", List.of(items(1, List.of(1L), List.of("a"), null)));
        assertEquals("NO_PRIMARY_KEY", run.failed().error().code());
        assertTrue(run.error.error().message().contains("primary key"), run.error.error().message());
        assertEquals(0, h.count("public.nokey"));
    }
}
