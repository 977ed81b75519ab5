package io.rapidbyte.postgres.wire;

import io.rapidbyte.postgres.wire.pgoutput.PgOutputDecoder;
import io.rapidbyte.postgres.wire.replication.CreatedSlot;
import io.rapidbyte.postgres.wire.replication.Lsn;
import io.rapidbyte.postgres.wire.replication.ReplicationCommands;
import io.rapidbyte.postgres.wire.replication.ReplicationStream;
import io.rapidbyte.postgres.wire.replication.SystemIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replication protocol against PostgreSQL 17 (wal_level=logical): slot with an exported
 * snapshot that a second session imports, then START_REPLICATION with pgoutput in binary mode:
 * every kind of change decoded, keepalives answered, and the slot's confirmed position moving
 * only when a status update says so.
 */
class LogicalReplicationIntegrationTest {
    private final String slot = "t_slot_" + Long.toUnsignedString(System.nanoTime(), 36);
    private final String table = "repl_" + Long.toUnsignedString(System.nanoTime(), 36);
    private PgConnection sql;
    private PgConnection repl;

    @BeforeEach
    void setUp() throws PgException {
        sql = EmbeddedPg.superuser();
        sql.simpleQuery("CREATE TABLE " + table + " (id int PRIMARY KEY, note text, big text);"
                + "ALTER TABLE " + table + " ALTER big SET STORAGE EXTERNAL;"
                + "INSERT INTO " + table + " VALUES (1, 'before', NULL);"
                + "CREATE PUBLICATION " + table + "_pub FOR TABLE " + table);
        repl = EmbeddedPg.replication();
    }

    @AfterEach
    void tearDown() throws PgException {
        if (repl != null) {
            repl.close();
        }
        sql.simpleQuery("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                + slot + "'; DROP PUBLICATION " + table + "_pub; DROP TABLE " + table);
        sql.close();
    }

    @Test
    void snapshotThenEveryKindOfChangeInCommitOrder() throws Exception {
        SystemIdentity id = ReplicationCommands.identifySystem(repl);
        assertEquals("postgres", id.database());
        assertTrue(id.timeline() >= 1);
        CreatedSlot created = ReplicationCommands.createLogicalSlot(repl, slot, "pgoutput", true);
        assertNotNull(created.snapshotName());
        assertTrue(Lsn.compare(created.consistentPoint(), 0) > 0);

        // Committed after the slot: not in the snapshot, but in the stream.
        sql.simpleQuery("INSERT INTO " + table + " VALUES (2, 'after', NULL)");
        try (PgConnection reader = EmbeddedPg.superuser()) {
            reader.simpleQuery("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT '"
                    + created.snapshotName() + "'");
            assertEquals("1", reader.query("SELECT string_agg(id::text, ',' ORDER BY id) FROM " + table).value(0, 0));
            reader.simpleQuery("COMMIT");
        }

        String big = "x".repeat(100_000);
        // One simple query is one transaction: each statement on its own.
        sql.simpleQuery("UPDATE " + table + " SET note = 'n2', big = '" + big + "' WHERE id = 2");
        sql.simpleQuery("UPDATE " + table + " SET note = 'n3' WHERE id = 2");
        sql.simpleQuery("UPDATE " + table + " SET id = 3 WHERE id = 2");
        sql.simpleQuery("DELETE FROM " + table + " WHERE id = 1");
        sql.simpleQuery("INSERT INTO " + table + " VALUES (10, 'a', NULL), (11, 'b', NULL)");
        sql.simpleQuery("TRUNCATE " + table);

        List<String[]> options = new ArrayList<>();
        options.add(new String[] {"proto_version", "1"});
        options.add(new String[] {"publication_names", table + "_pub"});
        options.add(new String[] {"binary", "true"});
        ChangeRecorder rec = new ChangeRecorder();
        PgOutputDecoder decoder = new PgOutputDecoder();
        try (ReplicationStream stream = ReplicationCommands.startLogical(repl, slot, 0, options)) {
            pump(stream, decoder, rec, () -> rec.commits >= 7);
            List<String> expected = List.of(
                    "BEGIN", "RELATION public." + table + " d id* note big", "INSERT (2,after,null)", "COMMIT",
                    "BEGIN", "UPDATE (2,n2,xxx..#100000)", "COMMIT",
                    "BEGIN", "UPDATE (2,n3,unchanged)", "COMMIT",
                    "BEGIN", "UPDATE K(2,null,null) -> (3,n3,unchanged)", "COMMIT",
                    "BEGIN", "DELETE K(1,null,null)", "COMMIT",
                    "BEGIN", "INSERT (10,a,null)", "INSERT (11,b,null)", "COMMIT",
                    "BEGIN", "RELATION public." + table + " d id* note big", "TRUNCATE " + table, "COMMIT");
            assertEquals(expected, rec.lines.subList(0, expected.size()));

            // Nothing confirmed yet: the slot still holds everything.
            assertEquals(Lsn.format(created.consistentPoint()), confirmedFlush());
            long end = rec.lastCommitEnd;
            stream.sendStatus(end, end, true, System.currentTimeMillis());
            int kind;
            long deadline = System.currentTimeMillis() + 30_000;
            do {
                kind = stream.poll();
            } while (kind != ReplicationStream.KEEPALIVE && System.currentTimeMillis() < deadline);
            assertEquals(ReplicationStream.KEEPALIVE, kind, "a status update with reply requested is answered");
            waitFor(() -> Lsn.format(end).equals(confirmedFlushUnchecked()), "confirmed_flush_lsn = " + Lsn.format(end));
        }
        assertTrue(repl.transactionStatus() == TransactionStatus.IDLE, "the connection is idle after the stream");

        // A restart from the slot skips what was confirmed. (A walsender does not stream twice on one
        // connection: PostgreSQL 17 ends a second START_REPLICATION at once, so restarts reconnect.)
        repl.close();
        repl = EmbeddedPg.replication();
        sql.simpleQuery("INSERT INTO " + table + " VALUES (20, 'later', NULL)");
        ChangeRecorder again = new ChangeRecorder();
        try (ReplicationStream stream = ReplicationCommands.startLogical(repl, slot, 0, options)) {
            pump(stream, decoder, again, () -> again.commits >= 1);
        }
        assertEquals(List.of("BEGIN", "RELATION public." + table + " d id* note big", "INSERT (20,later,null)",
                "COMMIT"), again.lines);
    }

    @Test
    void replicaIdentityFullSendsTheOldRow() throws Exception {
        sql.simpleQuery("ALTER TABLE " + table + " REPLICA IDENTITY FULL");
        ReplicationCommands.createLogicalSlot(repl, slot, "pgoutput", false);
        sql.simpleQuery("UPDATE " + table + " SET note = 'x' WHERE id = 1");
        sql.simpleQuery("DELETE FROM " + table);
        List<String[]> options = List.of(new String[] {"proto_version", "1"},
                new String[] {"publication_names", table + "_pub"}, new String[] {"binary", "true"});
        ChangeRecorder rec = new ChangeRecorder();
        try (ReplicationStream stream = ReplicationCommands.startLogical(repl, slot, 0, options)) {
            pump(stream, new PgOutputDecoder(), rec, () -> rec.commits >= 2);
        }
        assertEquals(List.of("BEGIN", "RELATION public." + table + " f id* note* big*",
                "UPDATE O(1,before,null) -> (1,x,null)", "COMMIT", "BEGIN", "DELETE O(1,x,null)", "COMMIT"), rec.lines);
    }

    @Test
    void aSlotInUseIsRefusedWithTheServersError() throws Exception {
        ReplicationCommands.createLogicalSlot(repl, slot, "pgoutput", false);
        List<String[]> options = List.of(new String[] {"proto_version", "1"},
                new String[] {"publication_names", table + "_pub"});
        try (ReplicationStream stream = ReplicationCommands.startLogical(repl, slot, 0, options);
             PgConnection other = EmbeddedPg.replication()) {
            PgException e = assertThrows(PgException.class,
                    () -> ReplicationCommands.startLogical(other, slot, 0, options));
            assertEquals("55006", e.sqlState(), e.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> ReplicationCommands.createLogicalSlot(repl, "Bad-Name",
                "pgoutput", false));
    }

    private static void pump(ReplicationStream stream, PgOutputDecoder decoder, ChangeRecorder rec,
            BooleanSupplier done) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no complete stream within 60 s: " + rec.lines);
            }
            int kind = stream.poll();
            if (kind == ReplicationStream.XLOG_DATA) {
                decoder.decode(stream.buffer(), stream.dataOffset(), stream.dataLength(), rec);
            } else if (kind == ReplicationStream.KEEPALIVE && stream.replyRequested()) {
                stream.sendStatus(stream.walEnd(), 0, false, System.currentTimeMillis());
            }
        }
    }

    private String confirmedFlush() throws PgException {
        return sql.query("SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '" + slot + "'")
                .value(0, 0);
    }

    private String confirmedFlushUnchecked() {
        try {
            return confirmedFlush();
        } catch (PgException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
