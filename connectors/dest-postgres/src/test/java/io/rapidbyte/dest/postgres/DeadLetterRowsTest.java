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
import org.junit.jupiter.api.Test;

/**
 * Dead-letter rows through the real dest-postgres.wasm: one per refused row, sent back in (as
 * they are or corrected) they load once and are not taken for replays, and a replay of a
 * committed batch refuses its rows again.
 */
class DeadLetterRowsTest {
    private final DestHarness h = new DestHarness("dead_letters");

    private String dlq() {
        return h.config("on_data_error", "dlq");
    }

    /** Six rows; id 3 has no name, id 5 a negative qty. */
    private static byte[] batch1() {
        return FrameBuilder.batch("shop.orders", "r1", 1)
                .col(FrameBuilder.field("id", INT64, false, null), List.of(1L, 2L, 3L, 4L, 5L, 6L))
                .col("name", UTF8, Arrays.asList("a", "b", null, "d", "e", "f"))
                .col("qty", INT32, List.of(1, 2, 3, 4, -1, 6))
                .build();
    }

    /** A corrected copy of {@code dead}: same fields and metadata, new values. */
    private static byte[] corrected(DeadRow dead, long id, String name, int qty) {
        FrameBuilder b = FrameBuilder.batch("shop.orders", null, 0);
        dead.metadata().forEach(b::meta);
        return b.col(FrameBuilder.field("id", INT64, false, null), List.of(id))
                .col("name", UTF8, List.of(name))
                .col("qty", INT32, List.of(qty))
                .build();
    }

    private DeadRow find(List<DeadRow> rows, long id) {
        return rows.stream().filter(r -> Long.toString(id).equals(r.value("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no dead-letter row for id " + id + " in " + rows));
    }

    @Test
    void rowsSentBackInLoadOnceWhetherCorrectedOrAfterTheTableWasFixed() {
        h.sql("CREATE TABLE public.orders (id bigint PRIMARY KEY, name text NOT NULL, "
                + "qty int CONSTRAINT qty_positive CHECK (qty >= 0))");
        DestHarness.Run first = h.run(dlq(), "shop.orders", List.of(batch1()));
        assertEquals(4, first.ok().recordsWritten());
        assertEquals(2, first.dlq.size(), first.dlq.toString());
        DeadRow nameless = find(first.dlq, 3);
        DeadRow negative = find(first.dlq, 5);
        assertEquals("23502", nameless.code());
        assertEquals("23514", negative.code());
        assertEquals("2", nameless.metadata().get("rapidbyte.dlq.row"));
        assertEquals("4", negative.metadata().get("rapidbyte.dlq.row"));

        // The name is corrected in the record; the qty row is sent back as it was, once the table allows it.
        h.sql("ALTER TABLE public.orders DROP CONSTRAINT qty_positive");
        byte[] fixedName = corrected(nameless, 3, "c", 3);
        DestHarness.Run second = h.run(dlq(), "shop.orders", List.of(fixedName, negative.ipc(), fixedName));
        assertEquals(2, second.ok().recordsWritten(), second.logs.toString());
        assertEquals(List.of(), second.dlq);
        assertTrue(second.logs.stream().anyMatch(l -> l.contains("it was loaded before")), second.logs.toString());
        assertEquals(List.of(List.of("1", "a", "1"), List.of("2", "b", "2"), List.of("3", "c", "3"),
                List.of("4", "d", "4"), List.of("5", "e", "-1"), List.of("6", "f", "6")),
                h.rows("SELECT id, name, qty FROM public.orders ORDER BY id"));

        // Sent again later (e.g. a replay of the topic they were re-sent to), and the original batch replayed:
        // nothing loads twice, nothing is refused again.
        DestHarness.Run third = h.run(dlq(), "shop.orders", List.of(batch1(), negative.ipc(), fixedName));
        assertEquals(0, third.ok().recordsWritten());
        assertEquals(List.of(), third.dlq);
        assertEquals(6, h.count("public.orders"));
        assertEquals(2, h.count("public._rapidbyte_dead_letters WHERE loaded_at IS NOT NULL"));
    }

    @Test
    void aReplayOfACommittedBatchRefusesItsRowsAgainAndARowStillBadIsRefusedWithItsOrigin() {
        h.sql("CREATE TABLE public.orders (id bigint PRIMARY KEY, name text NOT NULL, qty int CHECK (qty >= 0))");
        DestHarness.Run first = h.run(dlq(), "shop.orders", List.of(batch1()));
        assertEquals(2, first.dlq.size());

        // The host drops dead-letter rows of batches it never saw confirmed; the replay brings them back.
        DestHarness.Run replay = h.run(dlq(), "shop.orders", List.of(batch1()));
        assertEquals(0, replay.ok().recordsWritten());
        assertEquals(2, replay.dlq.size(), replay.dlq.toString());
        DeadRow again = find(replay.dlq, 3);
        assertEquals("23502", again.code());
        assertTrue(again.message().contains("replayed"), again.message());
        assertEquals(find(first.dlq, 3).metadata(), again.metadata());
        assertEquals(1, replay.checkpoints.size(), "the skipped batch is confirmed");

        // Sent back without a fix: refused again, with the origin it had, still one refusal on record.
        DestHarness.Run resent = h.run(dlq(), "shop.orders", List.of(again.ipc()));
        assertEquals(1, resent.dlq.size());
        assertEquals(again.metadata(), resent.dlq.get(0).metadata());
        assertEquals(4, h.count("public.orders"));
        assertEquals(2, h.count("public._rapidbyte_dead_letters"));
    }

    @Test
    void aDeadLetterFrameWithMoreThanOneRowIsRefused() {
        byte[] two = FrameBuilder.batch("shop.orders", null, 0).meta("rapidbyte.dlq.row", "1")
                .col("id", INT64, List.of(1L, 2L)).build();
        ConnectorError e = h.run(dlq(), "shop.orders", List.of(two)).failed().error();
        assertEquals(ErrorCategory.DATA, e.category());
        assertEquals("INVALID_BATCH_METADATA", e.code());
        assertTrue(e.message().contains("2 rows"), e.message());
    }
}
