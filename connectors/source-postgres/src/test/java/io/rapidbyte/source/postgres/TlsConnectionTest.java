package io.rapidbyte.source.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.postgres.testkit.TestCertificates;
import io.rapidbyte.postgres.testkit.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared Postgres layer's TLS through the compiled guest and the host's {@code socket-start-tls}:
 * every {@code sslmode} against a server without TLS and one with {@code ssl=on} whose
 * {@code pg_hba.conf} wants TLS (certificates made at test time), verification failures named by
 * cause, client certificates, SCRAM with channel binding, direct TLS, and a cdc stream whose
 * replication session uses the same settings. No password and no private
 * key ever appears in a log line or an error.
 */
class TlsConnectionTest {
    private static final TestCertificates.Authority CA = TestCertificates.authority("Source TLS Test CA");
    private static final TestCertificates.Authority UNTRUSTED = TestCertificates.authority("Untrusted CA");
    private static final TestCertificates.Issued CLIENT = CA.client(TestPostgres.CERT_USER);
    private static final String[] MODES = {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"};

    private static TestPostgres tlsServer;
    private static String tlsDb;
    private static String plainDb;

    @BeforeAll
    static void servers() {
        tlsServer = TestPostgres.startTls(CA.server("pg-test", "127.0.0.1"), CA);
        String table = "CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c');";
        tlsDb = tlsServer.createDatabase("src_tls");
        tlsServer.execute(tlsDb, table);
        plainDb = Pg.newDatabase("src_notls");
        Pg.sql(plainDb, table);
    }

    @AfterAll
    static void stop() {
        if (tlsServer != null) {
            tlsServer.close();
        }
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String config(String host, int port, String db, String user, String extra) {
        return "{\"host\":\"" + host + "\",\"port\":" + port + ",\"database\":\"" + db + "\",\"user\":\"" + user
                + "\",\"password\":\"" + TestPostgres.PASSWORD + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static SourceRun.Result readTls(String host, String user, String extra) {
        int port = tlsServer.port();
        return check(SourceRun.of(config(host, port, tlsDb, user, extra), port)
                .acl(List.of("127.0.0.1:" + port, TestPostgres.OTHER_ADDRESS + ":" + port)).read("public.t", null, null));
    }

    private static SourceRun.Result readPlain(String user, String extra) {
        return check(SourceRun.of(config("127.0.0.1", Pg.port(), plainDb, user, extra), Pg.port())
                .read("public.t", null, null));
    }

    /** Every run: no secret in any text it produced, nothing leaked. */
    private static SourceRun.Result check(SourceRun.Result r) {
        String text = r.allText();
        assertFalse(text.contains(TestPostgres.PASSWORD), "password leaked: " + text);
        String keyBody = CLIENT.keyPem().split("\n")[1];
        assertFalse(text.contains(keyBody), "private key leaked: " + text);
        assertEquals(0, r.leakedSockets);
        return r;
    }

    private static void assertRead(SourceRun.Result r, String what) {
        assertNull(r.error, () -> what + ": " + r.error);
        assertEquals(3, ArrowFrames.rows(r.frames).size(), what);
    }

    private static ConnectorError error(SourceRun.Result r, String what) {
        assertNotNull(r.error, what + ": expected the run to fail");
        return r.error.error();
    }

    private static String mode(String m) {
        return "\"sslmode\":\"" + m + "\",\"sslrootcert\":" + json(CA.certPem());
    }

    @Test
    void againstAServerWithoutTlsTheModesThatRequireItRefuse() {
        for (String m : MODES) {
            SourceRun.Result r = readPlain(TestPostgres.SCRAM_USER, mode(m));
            if (m.equals("disable") || m.equals("allow") || m.equals("prefer")) {
                assertRead(r, m);
            } else {
                ConnectorError e = error(r, m);
                assertEquals("TLS_NOT_OFFERED", e.code(), e.toString());
                assertEquals(ErrorCategory.CONFIG, e.category());
                assertTrue(e.message().contains("does not offer TLS") && e.message().contains("sslmode is " + m),
                        e.message());
            }
        }
    }

    @Test
    void againstAHostsslOnlyServerEveryModeButDisableConnects() {
        for (String m : MODES) {
            SourceRun.Result r = readTls("127.0.0.1", TestPostgres.TLS_USER, mode(m));
            if (m.equals("disable")) {
                ConnectorError e = error(r, m);
                assertEquals("28000", e.code(), e.toString());
                assertEquals(ErrorCategory.AUTH, e.category());
                assertTrue(e.message().contains("no encryption") && e.message().contains("sslmode disable"),
                        e.message());
            } else {
                assertRead(r, m);
            }
        }
        // allow: plaintext first, refused, then TLS on a new connection.
        assertTrue(String.join("\n", readTls("127.0.0.1", TestPostgres.TLS_USER, mode("allow")).logs)
                .contains("trying TLS"));
    }

    @Test
    void preferFallsBackToPlaintextWhenTheServerRefusesItOverTls() {
        SourceRun.Result prefer = readTls("127.0.0.1", TestPostgres.PLAIN_USER, mode("prefer"));
        assertRead(prefer, "prefer");
        assertTrue(String.join("\n", prefer.logs).contains("refused the connection over TLS"), prefer.allText());
        ConnectorError e = error(readTls("127.0.0.1", TestPostgres.PLAIN_USER, mode("require")), "require");
        assertEquals("28000", e.code(), e.toString());
    }

    @Test
    void verifyFullRefusesAHostNameTheCertificateDoesNotName() {
        // The server listens on 127.0.0.2 too; its certificate names only 127.0.0.1.
        ConnectorError e = error(readTls(TestPostgres.OTHER_ADDRESS, TestPostgres.TLS_USER, mode("verify-full")),
                "verify-full");
        assertEquals("TLS_HOSTNAME_MISMATCH", e.code(), e.toString());
        assertEquals(ErrorCategory.AUTH, e.category());
        assertTrue(e.message().contains(TestPostgres.OTHER_ADDRESS) && e.message().contains("CN=pg-test"), e.message());
        assertRead(readTls(TestPostgres.OTHER_ADDRESS, TestPostgres.TLS_USER, mode("verify-ca")), "verify-ca");
    }

    @Test
    void verificationRefusesACertificateFromAnUntrustedCa() {
        String untrusted = ",\"sslrootcert\":" + json(UNTRUSTED.certPem());
        for (String m : new String[] {"require", "verify-ca", "verify-full"}) {
            ConnectorError e = error(readTls("127.0.0.1", TestPostgres.TLS_USER, "\"sslmode\":\"" + m + "\""
                    + untrusted), m);
            assertEquals("TLS_UNTRUSTED_CERTIFICATE", e.code(), e.toString());
            assertTrue(e.message().contains("not trusted"), e.message());
        }
        // Without sslrootcert verify-full trusts the worker JVM's default store, which does not know the test CA.
        assertEquals("TLS_UNTRUSTED_CERTIFICATE", error(readTls("127.0.0.1", TestPostgres.TLS_USER,
                "\"sslmode\":\"verify-full\""), "verify-full").code());
        // require without sslrootcert checks nothing, as in libpq.
        assertRead(readTls("127.0.0.1", TestPostgres.TLS_USER, "\"sslmode\":\"require\""), "require");
    }

    @Test
    void clientCertificateAuthentication() {
        String cert = mode("verify-full") + ",\"sslcert\":" + json(CLIENT.certPem()) + ",\"sslkey\":"
                + json(CLIENT.keyPem());
        assertRead(readTls("127.0.0.1", TestPostgres.CERT_USER, cert), "cert");
        ConnectorError e = error(readTls("127.0.0.1", TestPostgres.CERT_USER, mode("verify-full")), "no cert");
        assertEquals("28000", e.code(), e.toString());
        assertTrue(e.message().contains("certificate"), e.message());
        ConnectorError bad = error(readTls("127.0.0.1", TestPostgres.CERT_USER, mode("verify-full") + ",\"sslcert\":"
                + json(CLIENT.certPem()) + ",\"sslkey\":" + json(CA.client("x").keyPem())), "wrong key");
        assertEquals("TLS_INVALID_OPTIONS", bad.code(), bad.toString());
        assertTrue(bad.message().contains("(sslkey) does not fit the client certificate (sslcert)"), bad.message());
    }

    @Test
    void scramOverTlsBindsTheChannel() {
        assertRead(readTls("127.0.0.1", TestPostgres.TLS_USER, mode("verify-full") + ",\"channel_binding\":\"require\""),
                "channel_binding require");
        ConnectorError md5 = error(readTls("127.0.0.1", TestPostgres.MD5_USER, mode("verify-full")
                + ",\"channel_binding\":\"require\""), "md5");
        assertEquals(ErrorCategory.AUTH, md5.category());
        assertTrue(md5.message().contains("channel_binding is require") && md5.message().contains("md5"), md5.message());
        ConnectorError plain = error(readPlain(TestPostgres.SCRAM_USER, mode("prefer")
                + ",\"channel_binding\":\"require\""), "no TLS");
        assertTrue(plain.message().contains("not TLS"), plain.message());
    }

    @Test
    void cdcStreamsOverTheSameTlsSettings() throws Exception {
        // TLS_USER gets in only over TLS (hostssl), so the replication session must use TLS too.
        tlsServer.execute(tlsDb, "CREATE TABLE cdc_t (id int PRIMARY KEY, v text); INSERT INTO cdc_t VALUES (1, 'a')");
        int port = tlsServer.port();
        String config = config("127.0.0.1", port, tlsDb, TestPostgres.TLS_USER, mode("verify-full")
                + ",\"channel_binding\":\"require\",\"sync_mode\":\"cdc\","
                + "\"cdc\":{\"slot_lifecycle\":\"temporary\",\"flush_interval_ms\":50}");
        try (CdcStreaming s = new CdcStreaming(config, "public.cdc_t", null, 0, List.of("127.0.0.1:" + port))) {
            s.waitFor(() -> s.lastCheckpoint() != null && s.lastCheckpoint().contains("\"phase\":\"stream\""),
                    "the snapshot over TLS");
            tlsServer.execute(tlsDb, "INSERT INTO cdc_t VALUES (2, 'b'); UPDATE cdc_t SET v = 'a2' WHERE id = 1");
            s.waitFor(() -> s.rows().size() >= 3, "two changes over TLS");
            List<String> rows = s.rows().stream().map(r -> r.get("_rapidbyte_op") + ":" + r.get("id") + ":" + r.get("v"))
                    .toList();
            assertEquals(List.of("null:1:a", "c:2:b", "u:1:a2"), rows);
            try (var c = tlsServer.connect(tlsDb); var st = c.createStatement();
                 var r = st.executeQuery("SELECT l.ssl FROM pg_replication_slots p JOIN pg_stat_ssl l "
                         + "ON l.pid = p.active_pid WHERE p.slot_name = 'rapidbyte_public_cdc_t'")) {
                assertTrue(r.next(), "the slot has an active walsender");
                assertTrue(r.getBoolean(1), "the replication session is TLS");
            }
            String text = String.join("\n", s.logs);
            assertFalse(text.contains(TestPostgres.PASSWORD), "password leaked: " + text);
        }
    }

    @Test
    void directTlsWithAlpn() {
        assertRead(readTls("127.0.0.1", TestPostgres.TLS_USER, mode("verify-full") + ",\"sslnegotiation\":\"direct\""),
                "direct");
    }
}
