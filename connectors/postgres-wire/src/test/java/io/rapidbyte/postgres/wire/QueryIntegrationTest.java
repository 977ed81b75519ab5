package io.rapidbyte.postgres.wire;

import io.rapidbyte.postgres.wire.binary.PgOids;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Simple query protocol and server errors against a real PostgreSQL 17. */
class QueryIntegrationTest {

    private static PgConnection conn;

    @BeforeAll
    static void setUp() throws PgException {
        conn = EmbeddedPg.superuser();
        conn.simpleQuery("DROP TABLE IF EXISTS q_items; CREATE TABLE q_items (id int PRIMARY KEY, "
                + "name varchar(40) NOT NULL, price numeric(10,2), CONSTRAINT price_positive CHECK (price > 0));"
                + "INSERT INTO q_items VALUES (1, 'caf\u00e9', 3.50), (2, '\u4e2d\u6587', NULL);"
                + "GRANT SELECT ON q_items TO " + EmbeddedPg.TRUST_USER + ";"
                + "DROP TABLE IF EXISTS q_secret; CREATE TABLE q_secret (v int)");
    }

    @AfterAll
    static void tearDown() {
        conn.close();
    }

    @Test
    void selectReturnsTextRowsWithColumnMetadata() throws PgException {
        QueryResult r = conn.query("SELECT id, name, price FROM q_items ORDER BY id");
        assertEquals(2, r.rowCount());
        assertEquals("SELECT 2", r.commandTag());
        assertEquals(2, r.affectedRows());
        assertEquals(PgOids.INT4, r.columns().get(0).typeOid());
        assertEquals(PgOids.VARCHAR, r.columns().get(1).typeOid());
        assertEquals(44, r.columns().get(1).typeModifier());
        assertEquals(PgOids.NUMERIC, r.columns().get(2).typeOid());
        assertEquals((10 << 16 | 2) + 4, r.columns().get(2).typeModifier());
        assertTrue(r.columns().get(0).tableOid() != 0);
        assertEquals(1, r.columns().get(0).columnNumber());
        assertEquals("caf\u00e9", r.value(0, 1));
        assertEquals("3.50", r.value(0, 2));
        assertEquals("\u4e2d\u6587", r.value(1, 1));
        assertNull(r.value(1, 2));
        QueryResult empty = conn.query("SELECT * FROM q_items WHERE false");
        assertTrue(empty.hasRowDescription());
        assertEquals(0, empty.rowCount());
    }

    @Test
    void multipleStatementsGiveMultipleResultSets() throws PgException {
        List<QueryResult> rs = conn.simpleQuery(
                "SELECT 1 AS a; ; CREATE TEMP TABLE q_tmp(x int); INSERT INTO q_tmp SELECT generate_series(1, 5);"
                        + " UPDATE q_tmp SET x = x + 1 WHERE x > 2; SELECT 'x' AS b, 2 AS c; DELETE FROM q_tmp");
        assertEquals(6, rs.size(), "the empty statement between semicolons produces no result");
        assertEquals("1", rs.get(0).value(0, 0));
        assertEquals("a", rs.get(0).columns().get(0).name());
        assertEquals("CREATE TABLE", rs.get(1).commandTag());
        assertEquals(-1, rs.get(1).affectedRows());
        assertEquals(5, rs.get(2).affectedRows());
        assertEquals(3, rs.get(3).affectedRows());
        assertEquals(2, rs.get(4).columns().size());
        assertEquals(5, rs.get(5).affectedRows());
        List<QueryResult> onlyEmpty = conn.simpleQuery("");
        assertEquals(1, onlyEmpty.size());
        assertTrue(onlyEmpty.get(0).isEmptyQuery());
    }

    @Test
    void missingTableIsConfigErrorAndConnectionStaysUsable() throws PgException {
        PgException e = assertThrows(PgException.class, () -> conn.query("SELECT * FROM no_such_table"));
        assertEquals("42P01", e.sqlState());
        assertEquals(PgErrorCategory.CONFIG, e.category());
        assertFalse(e.retryable());
        assertFalse(e.connectionBroken());
        assertEquals(15, e.serverMessage().position());
        assertEquals("ERROR", e.serverMessage().severityNonLocalized());
        assertTrue(e.serverMessage().message().contains("no_such_table"));
        PgException col = assertThrows(PgException.class, () -> conn.query("SELECT nope FROM q_items"));
        assertEquals("42703", col.sqlState());
        assertEquals("config", col.categoryName());
        assertEquals("1", conn.query("SELECT 1").value(0, 0));
        PgException missingCopy = assertThrows(PgException.class,
                () -> conn.copyOut("COPY no_such_table TO STDOUT (FORMAT binary)"));
        assertEquals("42P01", missingCopy.sqlState());
        assertEquals(TransactionStatus.IDLE, conn.transactionStatus());
    }

    @Test
    void constraintViolationsCarrySchemaTableColumnAndConstraint() throws PgException {
        PgException dup = assertThrows(PgException.class, () -> conn.query("INSERT INTO q_items VALUES (1, 'x', 1)"));
        assertEquals("23505", dup.sqlState());
        assertEquals(PgErrorCategory.DATA, dup.category());
        assertEquals("public", dup.serverMessage().schemaName());
        assertEquals("q_items", dup.serverMessage().tableName());
        assertEquals("q_items_pkey", dup.serverMessage().constraintName());
        assertEquals("Key (id)=(1) already exists.", dup.serverMessage().detail());
        PgException notNull = assertThrows(PgException.class, () -> conn.query("INSERT INTO q_items VALUES (9, NULL, 1)"));
        assertEquals("23502", notNull.sqlState());
        assertEquals("name", notNull.serverMessage().columnName());
        PgException check = assertThrows(PgException.class, () -> conn.query("INSERT INTO q_items VALUES (9, 'y', -1)"));
        assertEquals("price_positive", check.serverMessage().constraintName());
        PgException cast = assertThrows(PgException.class, () -> conn.query("SELECT 'abc'::int"));
        assertEquals("22P02", cast.sqlState());
        assertEquals("data", cast.categoryName());
        assertTrue(cast.serverMessage().file() != null && cast.serverMessage().line() > 0);
        assertTrue(cast.serverMessage().routine() != null);
    }

    @Test
    void transactionStatusAndFailedTransactions() throws PgException {
        conn.query("BEGIN");
        assertEquals(TransactionStatus.IN_TRANSACTION, conn.transactionStatus());
        assertThrows(PgException.class, () -> conn.query("SELECT 1/0"));
        assertEquals(TransactionStatus.FAILED, conn.transactionStatus());
        PgException aborted = assertThrows(PgException.class, () -> conn.query("SELECT 1"));
        assertEquals("25P02", aborted.sqlState());
        conn.query("ROLLBACK");
        assertEquals(TransactionStatus.IDLE, conn.transactionStatus());
    }

    @Test
    void noticesAndParameterStatusArrive() throws PgException {
        List<PgServerMessage> notices = new ArrayList<>();
        conn.setNoticeListener(notices::add);
        try {
            conn.query("DO $$ BEGIN RAISE NOTICE 'hello %', 42 USING HINT = 'a hint'; END $$");
            assertEquals(1, notices.size());
            assertEquals("hello 42", notices.get(0).message());
            assertEquals("a hint", notices.get(0).hint());
            assertEquals("NOTICE", notices.get(0).severityNonLocalized());
            conn.query("SET application_name = 'changed'");
            assertEquals("changed", conn.parameter("application_name"));
        } finally {
            conn.query("SET application_name = 'rapidbyte'");
            conn.setNoticeListener(null);
        }
    }

    @Test
    void permissionDeniedAndWrongCopyUsage() throws PgException {
        try (PgConnection other = EmbeddedPg.connect(EmbeddedPg.TRUST_USER, null)) {
            assertEquals("2", other.query("SELECT count(*) FROM q_items").value(0, 0));
            PgException e = assertThrows(PgException.class, () -> other.query("SELECT * FROM q_secret"));
            assertEquals("42501", e.sqlState());
            assertEquals(PgErrorCategory.PERMISSION, e.category());
        }
        assertThrows(IllegalArgumentException.class, () -> conn.simpleQuery("COPY q_items TO STDOUT"));
        assertEquals("1", conn.query("SELECT 1").value(0, 0));
        assertThrows(IllegalArgumentException.class, () -> conn.simpleQuery("COPY q_items FROM STDIN"));
        assertEquals(TransactionStatus.IDLE, conn.transactionStatus());
        assertThrows(IllegalArgumentException.class, () -> conn.copyOut("SELECT 1"));
        assertThrows(IllegalArgumentException.class, () -> conn.copyIn("COPY q_items TO STDOUT"));
        assertThrows(IllegalArgumentException.class, () -> conn.copyOut("COPY q_items FROM STDIN"));
        assertEquals("2", conn.query("SELECT count(*) FROM q_items").value(0, 0));
    }

    @Test
    void abandonedCopyOutIsDrainedAndTheConnectionReused() throws PgException {
        String sql = "COPY (SELECT generate_series(1, 5000)) TO STDOUT (FORMAT binary)";
        CopyOut out = conn.copyOut(sql);
        assertTrue(out.next());
        out.close(); // reads and discards the rest
        assertTrue(out.isFinished());
        assertEquals(5000, out.rowCount());
        int[] calls = {0};
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> conn.copyOut(sql, (b, o, l) -> {
            if (++calls[0] == 3) {
                throw new IllegalStateException("consumer failed");
            }
        }));
        assertEquals("consumer failed", e.getMessage());
        assertEquals(TransactionStatus.IDLE, conn.transactionStatus());
        long[] bytes = {0};
        assertEquals(5000, conn.copyOut(sql, (b, o, l) -> bytes[0] += l));
        assertTrue(bytes[0] > 5000 * 8);
    }

    @Test
    void statementTimeoutIsTransientDb() throws PgException {
        try (PgConnection c = EmbeddedPg.superuser()) {
            c.query("SET statement_timeout = '50ms'");
            PgException e = assertThrows(PgException.class, () -> c.query("SELECT pg_sleep(5)"));
            assertEquals("57014", e.sqlState());
            assertEquals(PgErrorCategory.TRANSIENT_DB, e.category());
            assertTrue(e.retryable());
        }
    }

    @Test
    void terminatedBackendIsTransientNetworkAndBreaksConnection() throws PgException {
        PgConnection victim = EmbeddedPg.superuser();
        conn.query("SELECT pg_terminate_backend(" + victim.backendProcessId() + ")");
        PgException e = assertThrows(PgException.class, () -> victim.query("SELECT 1"));
        assertEquals(PgErrorCategory.TRANSIENT_NETWORK, e.category());
        assertTrue(e.retryable());
        assertTrue(e.connectionBroken());
        assertTrue(victim.isClosed());
        victim.close();
    }
}
