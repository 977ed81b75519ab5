package io.rapidbyte.postgres.wire;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every authentication method against a real PostgreSQL 17, configured per user in pg_hba.conf. */
class AuthenticationIntegrationTest {

    private static void assertLoggedInAs(PgConnection c, String user) throws PgException {
        assertEquals(user, c.query("SELECT current_user").value(0, 0));
        assertEquals(TransactionStatus.IDLE, c.transactionStatus());
        assertTrue(c.backendProcessId() > 0);
        assertEquals("UTF8", c.parameter("client_encoding"));
        assertEquals("UTC", c.parameter("TimeZone"));
        assertTrue(c.parameter("DateStyle").startsWith("ISO"));
        assertEquals("3", c.query("SHOW extra_float_digits").value(0, 0));
        assertEquals(17, c.serverVersionNum() / 10000);
    }

    @Test
    void trust() throws PgException {
        try (PgConnection c = EmbeddedPg.connect(EmbeddedPg.TRUST_USER, null)) {
            assertLoggedInAs(c, EmbeddedPg.TRUST_USER);
        }
    }

    @Test
    void cleartextPassword() throws PgException {
        try (PgConnection c = EmbeddedPg.connect(EmbeddedPg.PASSWORD_USER, EmbeddedPg.PASSWORD)) {
            assertLoggedInAs(c, EmbeddedPg.PASSWORD_USER);
        }
    }

    @Test
    void md5() throws PgException {
        try (PgConnection c = EmbeddedPg.superuser()) {
            assertTrue(c.query("SELECT rolpassword FROM pg_authid WHERE rolname = '" + EmbeddedPg.MD5_USER + "'")
                    .value(0, 0).startsWith("md5"), "the md5 user must have an md5 verifier");
        }
        try (PgConnection c = EmbeddedPg.connect(EmbeddedPg.MD5_USER, EmbeddedPg.PASSWORD)) {
            assertLoggedInAs(c, EmbeddedPg.MD5_USER);
        }
    }

    @Test
    void scramSha256WithNonAsciiPassword() throws PgException {
        try (PgConnection c = EmbeddedPg.superuser()) {
            assertTrue(c.query("SELECT rolpassword FROM pg_authid WHERE rolname = '" + EmbeddedPg.SCRAM_USER + "'")
                    .value(0, 0).startsWith("SCRAM-SHA-256$"));
        }
        try (PgConnection c = EmbeddedPg.connect(EmbeddedPg.SCRAM_USER, EmbeddedPg.SCRAM_PASSWORD)) {
            assertLoggedInAs(c, EmbeddedPg.SCRAM_USER);
        }
    }

    @Test
    void wrongPasswordIsAnAuthErrorWithoutThePassword() {
        String[][] cases = {
            {EmbeddedPg.PASSWORD_USER, "wrong-cleartext-Secret1"},
            {EmbeddedPg.MD5_USER, "wrong-md5-Secret2"},
            {EmbeddedPg.SCRAM_USER, "wrong-scram-Secret3"},
        };
        for (String[] c : cases) {
            PgException e = assertThrows(PgException.class, () -> EmbeddedPg.connect(c[0], c[1]), c[0]);
            assertEquals("28P01", e.sqlState(), c[0]);
            assertEquals(PgErrorCategory.AUTH, e.category());
            assertEquals("auth", e.categoryName());
            assertFalse(e.retryable());
            assertTrue(e.connectionBroken());
            assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
            assertPasswordAbsent(e, c[1]);
            assertPasswordAbsent(e, EmbeddedPg.PASSWORD);
        }
    }

    @Test
    void passwordMissingForScramIsAClientSideAuthError() {
        PgException e = assertThrows(PgException.class, () -> EmbeddedPg.connect(EmbeddedPg.SCRAM_USER, null));
        assertEquals(PgErrorCategory.AUTH, e.category());
        assertFalse(e.isServerError());
    }

    @Test
    void unknownDatabaseIsAConfigError() {
        PgConnectOptions o = PgConnectOptions.builder("postgres").database("no_such_db").build();
        PgException e = assertThrows(PgException.class,
                () -> PgConnection.connect(new SocketTransport("127.0.0.1", EmbeddedPg.port()), o));
        assertEquals("3D000", e.sqlState());
        assertEquals("config", e.categoryName());
        assertFalse(e.retryable());
    }

    @Test
    void refusedConnectionIsTransientNetwork() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        PgTransportException e = assertThrows(PgTransportException.class,
                () -> new SocketTransport("127.0.0.1", closedPort));
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }

    private static void assertPasswordAbsent(PgException e, String password) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(e.getMessage().contains(password));
        assertFalse(e.toString().contains(password));
        assertFalse(trace.toString().contains(password));
        if (e.serverMessage() != null) {
            assertFalse(e.serverMessage().toString().contains(password));
        }
    }
}
