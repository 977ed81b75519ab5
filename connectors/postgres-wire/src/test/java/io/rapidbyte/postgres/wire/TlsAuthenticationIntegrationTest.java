package io.rapidbyte.postgres.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.postgres.testkit.TestCertificates;
import io.rapidbyte.postgres.testkit.TestPostgres;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SSLRequest and SCRAM-SHA-256-PLUS against a real PostgreSQL 17 with {@code ssl=on}, the TLS done
 * by the JDK on the test's side (in a guest the host does it): the server accepts a channel-bound
 * exchange, refuses one bound to another certificate, and {@code channel_binding=require} refuses
 * every way that cannot bind.
 */
class TlsAuthenticationIntegrationTest {
    private static final TestCertificates.Authority CA = TestCertificates.authority("Wire Test CA");
    private static TestPostgres server;

    @BeforeAll
    static void start() {
        server = TestPostgres.startTls(CA.server("pg", "127.0.0.1"), CA);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static SSLContext trustingTheCa() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", CA.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static PgConnectOptions.Builder options(String user, ChannelBinding binding) {
        return PgConnectOptions.builder(user).database("postgres").password(TestPostgres.PASSWORD)
                .channelBinding(binding).nonceSource(NonceSource.seeded(new byte[] {9, (byte) System.nanoTime()}));
    }

    private static PgConnection overTls(String user, ChannelBinding binding, byte[] endPointOverride) throws Exception {
        SocketTransport t = new SocketTransport("127.0.0.1", server.port());
        assertTrue(SslRequest.send(t), "a server with ssl=on answers S");
        byte[] endPoint = t.startTls(trustingTheCa());
        return PgConnection.connect(t, options(user, binding).tls(endPointOverride != null ? endPointOverride
                : endPoint).build());
    }

    @Test
    void scramPlusBindsToTheChannel() throws Exception {
        try (PgConnection c = overTls(TestPostgres.TLS_USER, ChannelBinding.REQUIRE, null)) {
            assertEquals("t", c.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").value(0, 0));
            assertEquals(TestPostgres.TLS_USER, c.query("SELECT current_user").value(0, 0));
        }
        try (PgConnection c = overTls(TestPostgres.TLS_USER, ChannelBinding.PREFER, null)) {
            assertEquals(TestPostgres.TLS_USER, c.query("SELECT current_user").value(0, 0));
        }
        try (PgConnection c = overTls(TestPostgres.TLS_USER, ChannelBinding.DISABLE, null)) {
            assertEquals(TestPostgres.TLS_USER, c.query("SELECT current_user").value(0, 0));
        }
    }

    @Test
    void aBindingToAnotherCertificateIsRefusedByTheServer() {
        // What a man in the middle with its own certificate would have to present.
        byte[] other = new byte[32];
        PgException e = assertThrows(PgException.class, () -> overTls(TestPostgres.TLS_USER, ChannelBinding.REQUIRE,
                other).close());
        assertTrue(e.getMessage().contains("channel binding"), e.getMessage());
    }

    @Test
    void requireRefusesWhatCannotBind() throws Exception {
        PgException md5 = assertThrows(PgException.class,
                () -> overTls(TestPostgres.MD5_USER, ChannelBinding.REQUIRE, null).close());
        assertEquals(PgErrorCategory.AUTH, md5.category());
        assertTrue(md5.getMessage().contains("md5"), md5.getMessage());

        SocketTransport plain = new SocketTransport("127.0.0.1", server.port());
        PgException noTls = assertThrows(PgException.class, () -> PgConnection.connect(plain,
                options(TestPostgres.PLAIN_USER, ChannelBinding.REQUIRE).build()).close());
        assertTrue(noTls.getMessage().contains("not TLS"), noTls.getMessage());
    }

    @Test
    void withoutTlsScramIsUnbound() throws Exception {
        SocketTransport plain = new SocketTransport("127.0.0.1", server.port());
        try (PgConnection c = PgConnection.connect(plain, options(TestPostgres.PLAIN_USER, ChannelBinding.PREFER)
                .build())) {
            assertEquals("f", c.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").value(0, 0));
        }
    }

    @Test
    void aServerWithoutTlsAnswersNAndTheStartupGoesOnInPlaintext() throws Exception {
        SocketTransport t = new SocketTransport("127.0.0.1", EmbeddedPg.port());
        assertFalse(SslRequest.send(t));
        try (PgConnection c = PgConnection.connect(t, PgConnectOptions.builder(EmbeddedPg.TRUST_USER)
                .database("postgres").build())) {
            assertEquals(EmbeddedPg.TRUST_USER, c.query("SELECT current_user").value(0, 0));
        }
    }
}
