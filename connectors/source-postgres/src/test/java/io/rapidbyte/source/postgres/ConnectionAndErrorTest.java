package io.rapidbyte.source.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.postgres.testkit.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Authentication methods through pg_hba.conf (md5, SCRAM-SHA-256), and the clear error of each
 * failure: wrong password, missing table or column, closed port, host outside the allow-list, bad
 * config. No message or log line ever contains the password.
 */
class ConnectionAndErrorTest {
    private static final String WRONG_PASSWORD = "not-the-Right-0ne!";
    private static String db;

    @BeforeAll
    static void table() {
        db = Pg.newDatabase("src_errors");
        Pg.sql(db, "CREATE TABLE t (id int PRIMARY KEY, v text);"
                + "INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 10) g;"
                + "CREATE VIEW slow AS SELECT g AS id, pg_sleep(0.2)::text AS z FROM generate_series(1, 5) g;");
    }

    private static String config(String user, String password, String extra) {
        return "{\"host\":\"127.0.0.1\",\"port\":" + Pg.port() + ",\"database\":\"" + db + "\",\"user\":\"" + user
                + "\",\"password\":\"" + password + "\"" + (extra == null ? "" : "," + extra) + "}";
    }

    @Test
    void md5UserReads() {
        SourceRun.Result r = SourceRun.of(config(TestPostgres.MD5_USER, TestPostgres.PASSWORD, null), Pg.port())
                .read("public.t", null, null);
        assertNull(r.error, () -> String.valueOf(r.error));
        assertEquals(10, ArrowFrames.rows(r.frames).size());
        assertFalse(r.allText().contains(TestPostgres.PASSWORD));
        assertEquals(0, r.leakedFrames);
        assertEquals(0, r.leakedSockets);
    }

    @Test
    void scramUserReads() {
        SourceRun.Result r = SourceRun.of(config(TestPostgres.SCRAM_USER, TestPostgres.PASSWORD, null), Pg.port())
                .read("public.t", null, null);
        assertNull(r.error, () -> String.valueOf(r.error));
        assertEquals(10, ArrowFrames.rows(r.frames).size());
        assertFalse(r.allText().contains(TestPostgres.PASSWORD));
    }

    @Test
    void wrongPasswordIsAnAuthError() {
        for (String user : List.of(TestPostgres.SCRAM_USER, TestPostgres.MD5_USER)) {
            SourceRun.Result r = SourceRun.of(config(user, WRONG_PASSWORD, null), Pg.port()).read("public.t", null, null);
            ConnectorError e = error(r);
            assertEquals(ErrorCategory.AUTH, e.category(), e.toString());
            assertEquals("28P01", e.code());
            assertFalse(e.retryable());
            assertTrue(e.message().contains("password authentication failed"), e.message());
            assertFalse(r.allText().contains(WRONG_PASSWORD), "password leaked: " + r.allText());
            assertEquals(0, r.leakedSockets);
        }
    }

    @Test
    void missingTableIsAConfigError() {
        SourceRun.Result r = SourceRun.of(config(TestPostgres.SCRAM_USER, TestPostgres.PASSWORD, null), Pg.port())
                .read("public.no_such_table", null, null);
        ConnectorError e = error(r);
        assertEquals(ErrorCategory.CONFIG, e.category());
        assertEquals("42P01", e.code());
        assertTrue(e.message().contains("\"public\".\"no_such_table\" does not exist"), e.message());
    }

    @Test
    void missingColumnIsAConfigErrorNamingTheColumns() {
        String streams = "\"streams\":[{\"name\":\"public.t\",\"columns\":[\"id\",\"nope\"]}]";
        SourceRun.Result r = SourceRun.of(config(TestPostgres.SCRAM_USER, TestPostgres.PASSWORD, streams), Pg.port())
                .read("public.t", null, null);
        ConnectorError e = error(r);
        assertEquals(ErrorCategory.CONFIG, e.category());
        assertEquals("42703", e.code());
        assertTrue(e.message().contains("column \"nope\" does not exist in public.t (columns: id, v)"), e.message());
    }

    @Test
    void cursorOutsideTheProjectionIsRejectedAtOpen() {
        String streams = "\"streams\":[{\"name\":\"public.t\",\"sync_mode\":\"incremental\",\"cursor_field\":\"id\","
                + "\"columns\":[\"v\"]}]";
        SourceRun.Result r = SourceRun.of(config(TestPostgres.SCRAM_USER, TestPostgres.PASSWORD, streams), Pg.port())
                .read("public.t", null, null);
        ConnectorError e = error(r);
        assertEquals(ErrorCategory.CONFIG, e.category());
        assertEquals("INVALID_CONFIG", e.code());
        assertTrue(e.message().contains("cursor_field \"id\" must be one of the projected \"columns\""), e.message());
    }

    @Test
    void closedPortIsARetryableNetworkError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String cfg = "{\"host\":\"127.0.0.1\",\"port\":" + port + ",\"database\":\"x\",\"user\":\"u\",\"password\":\""
                + WRONG_PASSWORD + "\"}";
        SourceRun.Result r = SourceRun.of(cfg, port).read("public.t", null, null);
        ConnectorError e = error(r);
        assertEquals(ErrorCategory.TRANSIENT_NETWORK, e.category(), e.toString());
        assertEquals("CONNECT_FAILED", e.code());
        assertTrue(e.retryable());
        assertTrue(e.message().startsWith("connecting to 127.0.0.1:" + port), e.message());
        assertFalse(r.allText().contains(WRONG_PASSWORD));
    }

    @Test
    void hostOutsideTheAllowListIsAPermissionError() {
        SourceRun.Result r = SourceRun.of(config(TestPostgres.SCRAM_USER, TestPostgres.PASSWORD, null), Pg.port())
                .acl(List.of("db.example.com:5432"))
                .read("public.t", null, null);
        ConnectorError e = error(r);
        assertEquals(ErrorCategory.PERMISSION, e.category(), e.toString());
        assertEquals("NETWORK_DENIED", e.code());
        assertFalse(e.retryable());
        assertTrue(e.message().startsWith("connecting to 127.0.0.1:" + Pg.port()), e.message());
    }

    @Test
    void statementTimeoutCancelsTheCopyAsARetryableDatabaseError() {
        SourceRun.Result r = SourceRun.of(config(TestPostgres.SCRAM_USER, TestPostgres.PASSWORD,
                "\"statement_timeout_ms\":100"), Pg.port()).read("public.slow", null, null);
        ConnectorError e = error(r);
        assertEquals(ErrorCategory.TRANSIENT_DB, e.category(), e.toString());
        assertEquals("57014", e.code());
        assertTrue(e.retryable());
        assertTrue(e.message().startsWith("reading stream public.slow: "), e.message());
    }

    @Test
    void aServerThatNeverAnswersHitsTheConnectTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try (java.net.Socket ignored = silent.accept()) {
                    Thread.sleep(60_000); // accept, then say nothing
                } catch (IOException | InterruptedException done) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String cfg = "{\"host\":\"127.0.0.1\",\"port\":" + silent.getLocalPort() + ",\"user\":\"u\","
                    + "\"password\":\"" + WRONG_PASSWORD + "\",\"connect_timeout_ms\":300}";
            SourceRun.Result r = SourceRun.of(cfg, silent.getLocalPort()).read("public.t", null, null);
            ConnectorError e = error(r);
            assertEquals(ErrorCategory.TRANSIENT_NETWORK, e.category(), e.toString());
            assertEquals("CONNECT_TIMEOUT", e.code());
            assertTrue(e.retryable());
            assertEquals(0, r.leakedSockets);
            acceptor.interrupt();
        }
    }

    @Test
    void badConfigListsEveryProblemWithoutEchoingValues() {
        String cfg = "{\"host\":\"\",\"port\":70000,\"user\":\"u\",\"password\":12345,\"typo\":1,"
                + "\"streams\":[{\"name\":\"nodot\",\"sync_mode\":\"incremental\"}]}";
        SourceRun.Result r = SourceRun.of(cfg, Pg.port()).read("public.t", null, null);
        ConnectorError e = error(r);
        assertEquals(ErrorCategory.CONFIG, e.category());
        assertEquals("INVALID_CONFIG", e.code());
        for (String part : List.of("unknown member \"typo\"", "\"host\" must be a non-empty string",
                "\"port\" must be between 1 and 65535", "\"password\" must be a string",
                "\"streams[0].name\" must be schema.table", "incremental sync needs \"cursor_field\"")) {
            assertTrue(e.message().contains(part), part + " missing in: " + e.message());
        }
        assertFalse(e.message().contains("12345"), e.message());
    }

    private static ConnectorError error(SourceRun.Result r) {
        assertNotNull(r.error, "expected the run to fail");
        return r.error.error();
    }
}
