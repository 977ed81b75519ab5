package io.rapidbyte.postgres.wire;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Startup and authentication against scripted servers, byte for byte. */
class HandshakeFixtureTest {

    private static final String SECRET = "hunter2-very-secret";

    private static byte[] ready() {
        return FakeServer.msg().authOk().param("server_version", "17.6").param("TimeZone", "UTC")
                .keyData(4242, 0x1234567).ready('I').build();
    }

    @Test
    void trustStartupSendsFixedParametersAndTracksState() throws Exception {
        FakeServer server = new FakeServer(1, req -> ready()); // one byte per read: worst-case framing
        PgConnection c = PgConnection.connect(server, PgConnectOptions.builder("alice").database("db1")
                .applicationName("app").parameter("search_path", "s1").build());
        String startup = new String(server.flushedRequests.get(0), StandardCharsets.UTF_8);
        for (String expected : new String[] {"user\0alice\0", "database\0db1\0", "application_name\0app\0",
                "client_encoding\0UTF8\0", "DateStyle\0ISO\0", "TimeZone\0UTC\0", "extra_float_digits\0003\0",
                "IntervalStyle\0postgres\0", "lc_monetary\0C\0", "search_path\0s1\0"}) {
            assertTrue(startup.contains(expected), expected);
        }
        byte[] s = server.flushedRequests.get(0);
        assertEquals(s.length, ((s[0] & 0xff) << 24) | ((s[1] & 0xff) << 16) | ((s[2] & 0xff) << 8) | (s[3] & 0xff));
        assertEquals(0x00030000, ((s[4] & 0xff) << 24) | ((s[5] & 0xff) << 16) | ((s[6] & 0xff) << 8) | (s[7] & 0xff));
        assertEquals(0, s[s.length - 1]);
        assertEquals("17.6", c.parameter("server_version"));
        assertEquals(170006, c.serverVersionNum());
        assertEquals(4242, c.backendProcessId());
        assertEquals(0x1234567, c.backendSecretKey());
        assertEquals(TransactionStatus.IDLE, c.transactionStatus());
        c.close();
        assertTrue(server.closed);
        byte[] last = server.flushedRequests.get(server.flushedRequests.size() - 1);
        assertEquals('X', last[0]);
        assertThrows(IllegalArgumentException.class, () -> PgConnectOptions.builder("u").parameter("TimeZone", "x"));
    }

    @Test
    void cleartextPassword() throws Exception {
        String[] seen = new String[1];
        FakeServer server = new FakeServer(7, req -> {
            if (req[0] == 'p') {
                seen[0] = new String(req, 5, req.length - 6, StandardCharsets.UTF_8);
                return ready();
            }
            return FakeServer.msg().begin('R').int32(3).build();
        });
        PgConnection.connect(server, PgConnectOptions.builder("alice").password(SECRET).build()).close();
        assertEquals(SECRET, seen[0]);
    }

    @Test
    void md5Password() throws Exception {
        String[] seen = new String[1];
        byte[] salt = {9, 8, 7, 6};
        FakeServer server = new FakeServer(64, req -> {
            if (req[0] == 'p') {
                seen[0] = new String(req, 5, req.length - 6, StandardCharsets.UTF_8);
                return ready();
            }
            return FakeServer.msg().begin('R').int32(5).bytes(salt).build();
        });
        PgConnection.connect(server, PgConnectOptions.builder("alice").password(SECRET).build()).close();
        assertEquals(Md5Password.response("alice", SECRET, salt), seen[0]);
        assertTrue(seen[0].startsWith("md5") && seen[0].length() == 35);
    }

    @Test
    void scramFullExchangeWithServerVerification() throws Exception {
        ScramServer scram = new ScramServer(SECRET, false);
        FakeServer server = new FakeServer(3, scram::respond);
        PgConnection c = PgConnection.connect(server, PgConnectOptions.builder("alice").password(SECRET)
                .nonceSource(NonceSource.seeded(new byte[] {42})).build());
        assertTrue(scram.clientProofValid);
        assertEquals(TransactionStatus.IDLE, c.transactionStatus());
        c.close();
    }

    @Test
    void scramServerThatSkipsFinalMessageIsRefused() {
        ScramServer scram = new ScramServer(SECRET, true);
        FakeServer server = new FakeServer(1024, scram::respond);
        PgException e = assertThrows(PgException.class, () -> PgConnection.connect(server,
                PgConnectOptions.builder("alice").password(SECRET).build()));
        assertEquals(PgErrorCategory.AUTH, e.category());
        assertFalse(e.retryable());
        assertTrue(server.closed);
    }

    @Test
    void unsupportedMethodsAndMissingPasswordAreAuthErrors() {
        FakeServer gss = new FakeServer(1024, req -> FakeServer.msg().begin('R').int32(7).build());
        PgException e = assertThrows(PgException.class,
                () -> PgConnection.connect(gss, PgConnectOptions.builder("alice").password(SECRET).build()));
        assertEquals("auth", e.categoryName());
        FakeServer sasl = new FakeServer(1024, req -> FakeServer.msg().begin('R').int32(10)
                .cstring("SCRAM-SHA-256-PLUS").int8(0).build());
        e = assertThrows(PgException.class,
                () -> PgConnection.connect(sasl, PgConnectOptions.builder("alice").password(SECRET).build()));
        assertEquals("auth", e.categoryName());
        assertTrue(e.getMessage().contains("SCRAM-SHA-256-PLUS"));
        FakeServer clear = new FakeServer(1024, req -> FakeServer.msg().begin('R').int32(3).build());
        e = assertThrows(PgException.class, () -> PgConnection.connect(clear, PgConnectOptions.builder("alice").build()));
        assertEquals("auth", e.categoryName());
    }

    @Test
    void fatalErrorDuringStartup() {
        FakeServer server = new FakeServer(1024, req -> FakeServer.msg()
                .error("FATAL", "28P01", "password authentication failed for user \"alice\"").build());
        PgException e = assertThrows(PgException.class,
                () -> PgConnection.connect(server, PgConnectOptions.builder("alice").password(SECRET).build()));
        assertEquals("28P01", e.sqlState());
        assertEquals(PgErrorCategory.AUTH, e.category());
        assertTrue(e.connectionBroken());
        assertTrue(e.isServerError());
        assertFalse(e.toString().contains(SECRET));
        assertTrue(server.closed);
    }

    @Test
    void closedStreamAndTransportFailureAreTransientNetwork() {
        FakeServer silent = new FakeServer(1024, req -> new byte[0]);
        PgException e = assertThrows(PgException.class,
                () -> PgConnection.connect(silent, PgConnectOptions.builder("alice").build()));
        assertEquals(PgErrorCategory.TRANSIENT_NETWORK, e.category());
        assertTrue(e.retryable());
        assertEquals("08006", e.sqlState());

        FakeServer failing = new FakeServer(1024, req -> ready());
        failing.failOnRead = new PgTransportException("connection reset");
        e = assertThrows(PgException.class, () -> PgConnection.connect(failing, PgConnectOptions.builder("a").build()));
        assertEquals("transient-network", e.categoryName());
        assertTrue(e.getCause() instanceof PgTransportException);
    }

    @Test
    void optionsNeverShowThePassword() {
        PgConnectOptions o = PgConnectOptions.builder("alice").password(SECRET).build();
        assertFalse(o.toString().contains(SECRET));
        assertTrue(o.toString().contains("<redacted>"));
        assertTrue(o.hasPassword());
        assertEquals("alice", o.database());
    }

    /** Server side of SCRAM-SHA-256, computed with the JDK's crypto. */
    static final class ScramServer {
        private final String password;
        private final boolean skipFinal;
        private final byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        private String clientFirstBare;
        private String serverFirst;
        boolean clientProofValid;

        ScramServer(String password, boolean skipFinal) {
            this.password = password;
            this.skipFinal = skipFinal;
        }

        byte[] respond(byte[] req) {
            try {
                if (req[0] != 'p') {
                    return FakeServer.msg().begin('R').int32(10).cstring("SCRAM-SHA-256-PLUS")
                            .cstring("SCRAM-SHA-256").int8(0).build();
                }
                if (clientFirstBare == null) {
                    int z = 5;
                    while (req[z] != 0) {
                        z++;
                    }
                    assertEquals("SCRAM-SHA-256", new String(req, 5, z - 5, StandardCharsets.US_ASCII));
                    String first = new String(req, z + 5, req.length - z - 5, StandardCharsets.UTF_8);
                    assertTrue(first.startsWith("n,,n=,r="), first);
                    clientFirstBare = first.substring(3);
                    String nonce = clientFirstBare.substring(clientFirstBare.indexOf("r=") + 2) + "SERVERNONCE";
                    serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=4096";
                    return FakeServer.msg().begin('R').int32(11).bytes(serverFirst.getBytes(StandardCharsets.UTF_8))
                            .build();
                }
                String clientFinal = new String(req, 5, req.length - 5, StandardCharsets.UTF_8);
                String withoutProof = clientFinal.substring(0, clientFinal.indexOf(",p="));
                byte[] proof = Base64.getDecoder().decode(clientFinal.substring(clientFinal.indexOf(",p=") + 3));
                String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
                byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 4096, 256)).getEncoded();
                byte[] clientKey = hmac(salted, "Client Key");
                byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
                byte[] sig = hmac(storedKey, authMessage);
                byte[] recovered = new byte[32];
                for (int i = 0; i < 32; i++) {
                    recovered[i] = (byte) (proof[i] ^ sig[i]);
                }
                clientProofValid = MessageDigest.isEqual(storedKey,
                        MessageDigest.getInstance("SHA-256").digest(recovered));
                if (skipFinal) {
                    return ready();
                }
                String serverFinal = "v=" + Base64.getEncoder().encodeToString(hmac(hmac(salted, "Server Key"),
                        authMessage));
                byte[] fin = FakeServer.msg().begin('R').int32(12).bytes(serverFinal.getBytes(StandardCharsets.UTF_8))
                        .build();
                byte[] rest = ready();
                byte[] all = new byte[fin.length + rest.length];
                System.arraycopy(fin, 0, all, 0, fin.length);
                System.arraycopy(rest, 0, all, fin.length, rest.length);
                return all;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static byte[] hmac(byte[] key, String msg) throws Exception {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m.doFinal(msg.getBytes(StandardCharsets.UTF_8));
        }
    }
}
