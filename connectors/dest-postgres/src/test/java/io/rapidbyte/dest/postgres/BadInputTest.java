package io.rapidbyte.dest.postgres;

import static io.rapidbyte.dest.postgres.FrameBuilder.INT32;
import static io.rapidbyte.dest.postgres.FrameBuilder.INT64;
import static io.rapidbyte.dest.postgres.FrameBuilder.UTF8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.StreamLimits;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Frames that are not Arrow, and rows the database refuses: dead-lettered or failing the run. */
class BadInputTest {
    /** Commit only at the end of input, so earlier batches are still uncommitted when a later one fails. */
    private static final StreamLimits ONE_TRANSACTION = new StreamLimits(1_000_000, 10_000, 8, 0, 1_000_000, 0);
    private final DestHarness h = new DestHarness("bad_input");

    static byte[] orders(long seq, List<Object> ids, List<Object> names, List<Object> qty, List<Object> ips) {
        return FrameBuilder.batch("shop.orders", "r1", seq)
                .col(FrameBuilder.field("id", INT64, false, null), ids)
                .col("name", UTF8, names)
                .col("qty", INT32, qty)
                .col("ip", UTF8, "inet", ips)
                .build();
    }

    static byte[] good(long seq, long firstId) {
        return orders(seq, List.of(firstId, firstId + 1), List.of("g1", "g2"), List.of(1, 2), List.of("10.0.0.1", "::1"));
    }

    /** Ten rows; row 2 repeats the existing key 100, row 4 has no name, row 6 a negative qty, row 7 a bad inet. */
    static byte[] mixed(long seq) {
        return mixed(seq, "not-an-ip");
    }

    static byte[] mixed(long seq, String ip7) {
        return orders(seq,
                List.of(1L, 2L, 100L, 4L, 5L, 6L, 7L, 8L, 9L, 10L),
                Arrays.asList("a", "b", "c", "d", null, "f", "g", "h", "i", "j"),
                List.of(1, 2, 3, 4, 5, 6, -1, 8, 9, 10),
                Arrays.asList("10.0.0.1", "10.0.0.2", "10.0.0.3", null, "10.0.0.5", "10.0.0.6", "10.0.0.7", ip7,
                        "10.0.0.9", "fe80::1"));
    }

    void createOrders() {
        h.sql("CREATE TABLE public.orders (id bigint PRIMARY KEY, name text NOT NULL, qty int CHECK (qty >= 0), ip inet);"
                + "INSERT INTO public.orders VALUES (100, 'existing', 0, NULL)");
    }

    @Test
    void aFrameThatIsNotArrowIpcIsADataErrorAndNothingIsWritten() {
        byte[] valid = good(1, 1);
        byte[] truncated = Arrays.copyOf(good(2, 3), 40);
        for (byte[] bad : List.of("definitely not arrow".getBytes(), truncated, new byte[0])) {
            DestHarness.Run run = h.run(h.config(), "shop.orders", List.of(valid, bad), ONE_TRANSACTION);
            ConnectorError e = run.failed().error();
            assertEquals(ErrorCategory.DATA, e.category());
            assertEquals("INVALID_ARROW_IPC", e.code());
            assertTrue(e.message().contains("batch 2"), e.message());
            // the valid batch before it was in the same transaction: rolled back with the table it created
            assertNull(h.value("SELECT to_regclass('public.orders')::text"));
            assertEquals(List.of(), run.checkpoints);
        }
    }

    @ParameterizedTest
    @CsvSource({"append, copy, 4", "append, insert, 4", "upsert, copy, 3", "upsert, insert, 3"})
    void rejectedRowsGoToTheDeadLetterQueueAndTheRestIsWritten(String mode, String method, int rejected) {
        createOrders();
        DestHarness.Run run = h.run(h.config("write_mode", mode, "load_method", method, "on_data_error", "dlq",
                "primary_key", List.of("id")), "shop.orders", List.of(mixed(1), good(2, 20)));
        assertEquals(12 - rejected, run.ok().recordsWritten());
        assertEquals(rejected, run.summary.recordsFailed());
        assertEquals(rejected, run.dlq.size(), run.dlq.toString());
        // every good row once; the key-100 row is an update in upsert mode, refused in append mode
        List<List<String>> expected = List.of(List.of("1"), List.of("2"), List.of("4"), List.of("6"), List.of("9"),
                List.of("10"), List.of("20"), List.of("21"), List.of("100"));
        assertEquals(expected, h.rows("SELECT id FROM public.orders ORDER BY id"));
        assertEquals(mode.equals("upsert") ? "c" : "existing", h.value("SELECT name FROM public.orders WHERE id = 100"));

        DeadRow nameless = find(run.dlq, 5);
        assertEquals("23502", nameless.code(), nameless.message());
        assertEquals("name", nameless.column());
        assertTrue(nameless.message().contains("row 4 of batch seq 1 of sync run r1"), nameless.message());
        assertNull(nameless.value("name"));
        assertEquals("10.0.0.5", nameless.value("ip"));
        // the row keeps the batch's fields and metadata, minus its position, plus where it was refused
        assertEquals("shop.orders", nameless.metadata().get("rapidbyte.stream"));
        assertNull(nameless.metadata().get("rapidbyte.seq"));
        assertNull(nameless.metadata().get("rapidbyte.sync_run"));
        assertEquals("r1", nameless.metadata().get("rapidbyte.dlq.sync_run"));
        assertEquals("1", nameless.metadata().get("rapidbyte.dlq.seq"));
        assertEquals("4", nameless.metadata().get("rapidbyte.dlq.row"));
        assertEquals("23514", find(run.dlq, 7).code(), run.dlq.toString());
        // COPY checks inet values in the guest (naming the column); INSERT and staged casts leave it to the server
        DeadRow badIp = find(run.dlq, 8);
        assertTrue(("INVALID_VALUE".equals(badIp.code()) && "ip".equals(badIp.column()))
                || badIp.message().contains("22P02: ERROR: invalid input syntax for type inet"), badIp.toString());
        if (mode.equals("append")) {
            assertEquals("23505", find(run.dlq, 100).code(), run.dlq.toString());
        }
        // the refusals are recorded with the data
        assertEquals(rejected, h.count("public._rapidbyte_dead_letters"));
    }

    @Test
    void withFailTheTransactionRollsBackAndTheErrorNamesSqlstateAndColumn() {
        createOrders();
        DestHarness.Run run = h.run(h.config(), "shop.orders", List.of(good(1, 20), mixed(2, "10.0.0.8")),
                ONE_TRANSACTION);
        ConnectorError e = run.failed().error();
        // COPY checks NOT NULL while reading rows, before it inserts the buffered rows into the key index
        assertEquals(ErrorCategory.DATA, e.category());
        assertEquals("23502", e.code());
        assertTrue(e.message().contains("SQLSTATE 23502") && e.message().contains("column \"name\"")
                && e.message().contains("row 4 of batch seq 2"), e.message());
        // the earlier batch of the same transaction is gone too
        assertEquals(List.of(List.of("100")), h.rows("SELECT id FROM public.orders"));
        assertEquals(List.of(), run.dlq);
        assertEquals(List.of(), run.checkpoints);

        DestHarness.Run dup = h.run(h.config(), "shop.orders", List.of(orders(1, List.of(7L, 100L), List.of("x", "y"),
                List.of(1, 2), Arrays.asList(null, null))));
        ConnectorError d = dup.failed().error();
        // A key conflict in append is no row's data problem but a stream loaded again: a config error
        // (the Connect sink fails the task instead of dead-lettering the batch with its new rows).
        assertEquals(ErrorCategory.CONFIG, d.category(), d.toString());
        assertEquals("APPEND_KEY_CONFLICT", d.code());
        assertTrue(d.message().contains("column \"id\"") && d.message().contains("row 1 of batch seq 1")
                && d.message().contains("Key (id)=(100) already exists") && d.message().contains("SQLSTATE 23505")
                && d.message().contains("write_mode upsert"), d.message());
        assertEquals(1, h.count("public.orders"));
    }

    @Test
    void aValueTheEncoderRefusesFailsTheRunWithoutDlq() {
        createOrders();
        ConnectorError e = h.run(h.config(), "shop.orders", List.of(orders(1, List.of(1L), List.of("x"), List.of(1),
                List.of("999.1.1.1")))).failed().error();
        assertEquals(ErrorCategory.DATA, e.category());
        assertEquals("INVALID_VALUE", e.code());
        assertTrue(e.message().contains("\"ip\""), e.message());
        assertEquals(1, h.count("public.orders"));
    }

    @ParameterizedTest
    @CsvSource({"copy", "insert"})
    void aSubMicrosecondIntervalIsRefusedNotRounded(String method) {
        byte[] b = FrameBuilder.batch("shop.spans", "r1", 1)
                .col(FrameBuilder.field("id", INT64, false, null), List.of(1L, 2L))
                .col("d", FrameBuilder.INTERVAL, List.of(new FrameBuilder.Mdn(0, 1, 2_000_000L),
                        new FrameBuilder.Mdn(0, 0, 1_500L)))
                .build();
        DestHarness.Run run = h.run(h.config("load_method", method, "on_data_error", "dlq"), "shop.spans", List.of(b));
        assertEquals(1, run.ok().recordsWritten());
        assertEquals(1, run.dlq.size());
        assertEquals("INVALID_VALUE", run.dlq.get(0).code());
        assertEquals("d", run.dlq.get(0).column());
        assertTrue(run.dlq.get(0).message().contains("microseconds"), run.dlq.get(0).message());
        assertEquals(List.of(List.of("1", "1 day 00:00:00.002")), h.rows("SELECT id, d::text FROM public.spans"));
    }

    @Test
    void unknownConfigMembersAndBadValuesAreConfigErrors() {
        ConnectorError e = h.run(h.config("write_mod", "append"), "shop.orders", List.of()).failed().error();
        assertEquals(ErrorCategory.CONFIG, e.category());
        assertTrue(e.message().contains("write_mod"), e.message());
        ConnectorError m = h.run(h.config("write_mode", "merge"), "shop.orders", List.of()).failed().error();
        assertTrue(m.message().contains("append, replace, upsert"), m.message());
        ConnectorError d = h.run(h.config("schema_drift", Map.of("type_change", "cast")), "shop.orders", List.of())
                .failed().error();
        assertEquals("INVALID_CONFIG", d.code());
    }

    private static DeadRow find(List<DeadRow> rows, long id) {
        for (DeadRow r : rows) {
            if (Long.toString(id).equals(r.value("id"))) {
                return r;
            }
        }
        throw new AssertionError("no dead-letter row with id " + id + " in " + rows);
    }
}
