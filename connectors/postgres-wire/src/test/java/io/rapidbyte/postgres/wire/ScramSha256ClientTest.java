package io.rapidbyte.postgres.wire;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScramSha256ClientTest {

    // RFC 7677 section 3.
    private static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL =
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                    + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private static ScramSha256Client rfcClient() {
        return new ScramSha256Client("user", "pencil".getBytes(StandardCharsets.UTF_8), CLIENT_NONCE);
    }

    @Test
    void rfc7677TestVector() throws Exception {
        ScramSha256Client c = rfcClient();
        assertEquals("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", c.clientFirstMessage());
        assertEquals(CLIENT_FINAL, c.handleServerFirst(SERVER_FIRST));
        assertFalse(c.isVerified());
        c.verifyServerFinal(SERVER_FINAL);
        assertTrue(c.isVerified());
    }

    @Test
    void wrongServerSignatureIsRejected() throws Exception {
        ScramSha256Client c = rfcClient();
        c.handleServerFirst(SERVER_FIRST);
        PgException e = assertThrows(PgException.class,
                () -> c.verifyServerFinal("v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="));
        assertEquals(PgErrorCategory.AUTH, e.category());
        assertFalse(c.isVerified());
    }

    @Test
    void serverErrorAttributeIsReported() throws Exception {
        ScramSha256Client c = rfcClient();
        c.handleServerFirst(SERVER_FIRST);
        PgException e = assertThrows(PgException.class, () -> c.verifyServerFinal("e=invalid-proof"));
        assertTrue(e.getMessage().contains("invalid-proof"));
    }

    @Test
    void serverNonceMustExtendClientNonce() {
        assertThrows(PgException.class, () -> rfcClient().handleServerFirst("r=other,s=QSXCR+Q6sek8bf92,i=4096"));
        assertThrows(PgException.class, () -> rfcClient().handleServerFirst("r=" + CLIENT_NONCE
                + ",s=QSXCR+Q6sek8bf92,i=4096"));
    }

    @Test
    void malformedServerFirstIsRejected() {
        String r = "r=" + CLIENT_NONCE + "xyz";
        assertThrows(PgException.class, () -> rfcClient().handleServerFirst(r + ",s=QSXCR+Q6sek8bf92"));
        assertThrows(PgException.class, () -> rfcClient().handleServerFirst(r + ",s=QSXCR+Q6sek8bf92,i=0"));
        assertThrows(PgException.class, () -> rfcClient().handleServerFirst(r + ",s=QSXCR+Q6sek8bf92,i=x"));
        assertThrows(PgException.class, () -> rfcClient().handleServerFirst(r + ",s=QSXCR+Q6sek8bf92,i=99999999999"));
        assertThrows(PgException.class, () -> rfcClient().handleServerFirst(r + ",s=***,i=4096"));
        assertThrows(PgException.class, () -> rfcClient().handleServerFirst("m=ext," + r + ",s=QSXCR+Q6sek8bf92,i=1"));
        assertThrows(PgException.class, () -> rfcClient().verifyServerFinal(SERVER_FINAL));
    }

    @Test
    void nonceIsPrintableAndSeedable() {
        String a = ScramSha256Client.newNonce(NonceSource.seeded(new byte[] {7}));
        String b = ScramSha256Client.newNonce(NonceSource.seeded(new byte[] {7}));
        String c = ScramSha256Client.newNonce(NonceSource.seeded(new byte[] {8}));
        assertEquals(24, a.length());
        assertEquals(a, b);
        assertFalse(a.equals(c));
        assertFalse(a.contains(","));
        assertFalse(ScramSha256Client.newNonce(NonceSource.fallback()).isEmpty());
    }

    @Test
    void channelBindingPutsTheEndPointIntoTheProofInput() throws Exception {
        byte[] endPoint = new byte[32];
        for (int i = 0; i < endPoint.length; i++) {
            endPoint[i] = (byte) (i * 7);
        }
        ScramSha256Client bound = new ScramSha256Client("user", "pencil".getBytes(StandardCharsets.UTF_8),
                CLIENT_NONCE, ScramSha256Client.GS2_END_POINT, endPoint);
        assertTrue(bound.bindsChannel());
        assertEquals("p=tls-server-end-point,,n=user,r=" + CLIENT_NONCE, bound.clientFirstMessage());
        byte[] gs2 = "p=tls-server-end-point,,".getBytes(StandardCharsets.US_ASCII);
        byte[] cbind = new byte[gs2.length + endPoint.length];
        System.arraycopy(gs2, 0, cbind, 0, gs2.length);
        System.arraycopy(endPoint, 0, cbind, gs2.length, endPoint.length);
        String clientFinal = bound.handleServerFirst(SERVER_FIRST);
        assertTrue(clientFinal.startsWith("c=" + java.util.Base64.getEncoder().encodeToString(cbind) + ",r="),
                clientFinal);
        // The binding is part of the signed message: the proof differs from the unbound one.
        assertFalse(clientFinal.endsWith(CLIENT_FINAL.substring(CLIENT_FINAL.indexOf(",p="))));

        ScramSha256Client notOffered = new ScramSha256Client("user", "pencil".getBytes(StandardCharsets.UTF_8),
                CLIENT_NONCE, ScramSha256Client.GS2_NOT_OFFERED, null);
        assertFalse(notOffered.bindsChannel());
        assertEquals("y,,n=user,r=" + CLIENT_NONCE, notOffered.clientFirstMessage());
        assertTrue(notOffered.handleServerFirst(SERVER_FIRST).startsWith("c=eSws,r="), "c = base64(\"y,,\")");
    }

    @Test
    void userNameIsEscaped() {
        ScramSha256Client c = new ScramSha256Client("a,b=c", new byte[] {1}, "abc");
        assertEquals("n,,n=a=2Cb=3Dc,r=abc", c.clientFirstMessage());
        assertThrows(IllegalArgumentException.class, () -> new ScramSha256Client("", new byte[0], "a,b"));
    }

    @Test
    void saslPrepKeepsAsciiAndMapsSpaces() {
        assertArrayEquals("pencil\u0001".getBytes(StandardCharsets.UTF_8), SaslPrep.prepare("pencil\u0001"));
        assertArrayEquals("a b".getBytes(StandardCharsets.UTF_8), SaslPrep.prepare("a\u00a0b"));
        assertArrayEquals("ab\u00e9".getBytes(StandardCharsets.UTF_8), SaslPrep.prepare("a\u00adb\u00e9"));
        // A prohibited character makes PostgreSQL fall back to the raw bytes.
        assertArrayEquals("\u00e9\u0007\u00a0".getBytes(StandardCharsets.UTF_8), SaslPrep.prepare("\u00e9\u0007\u00a0"));
    }

    @Test
    void md5PasswordResponse() throws Exception {
        byte[] salt = {1, 2, 3, 4};
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        String inner = hex(md5.digest("secretalice".getBytes(StandardCharsets.UTF_8)));
        byte[] outerInput = new byte[32 + 4];
        System.arraycopy(inner.getBytes(StandardCharsets.US_ASCII), 0, outerInput, 0, 32);
        System.arraycopy(salt, 0, outerInput, 32, 4);
        assertEquals("md5" + hex(md5.digest(outerInput)), Md5Password.response("alice", "secret", salt));
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }
}
