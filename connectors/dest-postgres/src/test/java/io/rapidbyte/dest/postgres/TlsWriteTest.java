package io.rapidbyte.dest.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.postgres.testkit.TestCertificates;
import io.rapidbyte.postgres.testkit.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * dest-postgres through the shared Postgres layer's TLS: a server with {@code ssl=on} that wants
 * TLS from everyone, reached with {@code sslmode=verify-full}, by SCRAM with channel binding and by
 * client certificate; a wrong host name is refused by name. The password and the private key never
 * appear in a log line or an error.
 */
class TlsWriteTest {
    private static final TestCertificates.Authority CA = TestCertificates.authority("Dest TLS Test CA");
    private static final TestCertificates.Issued CLIENT = CA.client(TestPostgres.CERT_USER);
    private static TestPostgres server;
    private static DestHarness h;

    @BeforeAll
    static void start() {
        server = TestPostgres.startTls(CA.server("pg-dest", "127.0.0.1"), CA);
        h = new DestHarness(server, "dest_tls");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void assertNoSecret(DestHarness.Run run) {
        String text = String.join("\n", run.logs) + "\n" + (run.error == null ? "" : run.error.toString());
        assertFalse(text.contains(TestPostgres.PASSWORD), text);
        assertFalse(text.contains(CLIENT.keyPem().split("\n")[1]), text);
    }

    @Test
    void verifyFullWithScramAndChannelBinding() {
        DestHarness.Run run = h.run(h.config("user", TestPostgres.TLS_USER, "password", TestPostgres.PASSWORD,
                "sslmode", "verify-full", "sslrootcert", CA.certPem(), "channel_binding", "require"),
                "public.scram_people", List.of(AppendModeTest.people("r1", 1, 1, 3)));
        assertEquals(3, run.ok().recordsWritten());
        assertEquals(3, h.count("public.scram_people"));
        assertNoSecret(run);
    }

    @Test
    void verifyFullWithAClientCertificate() {
        DestHarness.Run run = h.run(h.config("user", TestPostgres.CERT_USER, "sslmode", "verify-full",
                "sslrootcert", CA.certPem(), "sslcert", CLIENT.certPem(), "sslkey", CLIENT.keyPem()),
                "public.cert_people", List.of(AppendModeTest.people("r1", 1, 1, 4)));
        assertEquals(4, run.ok().recordsWritten());
        assertEquals(4, h.count("public.cert_people"));
        assertNoSecret(run);
    }

    @Test
    void aWrongHostNameIsRefusedByName() {
        DestHarness.Run run = h.run(h.config("host", TestPostgres.OTHER_ADDRESS, "user", TestPostgres.TLS_USER, "password",
                TestPostgres.PASSWORD, "sslmode", "verify-full", "sslrootcert", CA.certPem()),
                "public.never", List.of(AppendModeTest.people("r1", 1, 1, 1)));
        ConnectorError e = run.failed().error();
        // The server listens on 127.0.0.2 too; its certificate names only 127.0.0.1.
        assertEquals("TLS_HOSTNAME_MISMATCH", e.code(), e.toString());
        assertTrue(e.message().contains(TestPostgres.OTHER_ADDRESS), e.message());
        assertNoSecret(run);
    }
}
