package io.rapidbyte.postgres.wire;

import io.rapidbyte.sdk.text.Utf8;
import io.rapidbyte.postgres.wire.crypto.Base64;
import io.rapidbyte.postgres.wire.crypto.HmacSha256;
import io.rapidbyte.postgres.wire.crypto.Pbkdf2;
import io.rapidbyte.postgres.wire.crypto.Sha256;

/**
 * Client side of SCRAM-SHA-256 (RFC 5802, RFC 7677), with or without channel binding: GS2 header
 * {@code "n,,"} (no TLS, or binding disabled), {@code "y,,"} (TLS, but the server offers no
 * SCRAM-SHA-256-PLUS) or {@code "p=tls-server-end-point,,"} for SCRAM-SHA-256-PLUS, whose
 * client-final-message carries the server certificate's hash (RFC 5929), so the server's proof
 * also shows that no one terminated TLS in between.
 *
 * <p>One instance per authentication exchange, driven in order:
 * {@link #clientFirstMessage()}, {@link #handleServerFirst(String)},
 * {@link #verifyServerFinal(String)}. The server's signature is checked, so a
 * server that does not know the password cannot pass itself off as the real one;
 * {@link #isVerified()} tells whether that happened.
 *
 * <p>No message or exception built here contains the password or anything
 * derived from it except the proof the protocol sends. Not thread-safe.
 */
final class ScramSha256Client {

    static final String MECHANISM = "SCRAM-SHA-256";
    static final String MECHANISM_PLUS = "SCRAM-SHA-256-PLUS";
    static final String GS2_NONE = "n,,";
    static final String GS2_NOT_OFFERED = "y,,";
    static final String GS2_END_POINT = "p=tls-server-end-point,,";
    /** Iteration counts above this would let a hostile server stall the guest for minutes. */
    static final int MAX_ITERATIONS = 10_000_000;

    private final String clientNonce;
    private final String clientFirstBare;
    private final String gs2Header;
    private final String channelBinding;
    private byte[] password;
    private byte[] expectedServerSignature;
    private boolean verified;

    /**
     * @param user        SCRAM user name (PostgreSQL ignores it and uses the startup user; send "")
     * @param password    SASLprep'd password bytes; the client wipes its copy once used
     * @param clientNonce printable nonce without commas
     */
    ScramSha256Client(String user, byte[] password, String clientNonce) {
        this(user, password, clientNonce, GS2_NONE, null);
    }

    /**
     * @param gs2Header   {@link #GS2_NONE}, {@link #GS2_NOT_OFFERED} or {@link #GS2_END_POINT}
     * @param endPoint    the {@code tls-server-end-point} data for {@link #GS2_END_POINT}, else null
     */
    ScramSha256Client(String user, byte[] password, String clientNonce, String gs2Header, byte[] endPoint) {
        for (int i = 0; i < clientNonce.length(); i++) {
            char c = clientNonce.charAt(i);
            if (c <= 0x20 || c > 0x7e || c == ',') {
                throw new IllegalArgumentException("nonce must be printable ASCII without commas");
            }
        }
        this.clientNonce = clientNonce;
        this.password = password.clone();
        this.clientFirstBare = "n=" + escapeName(user) + ",r=" + clientNonce;
        this.gs2Header = gs2Header;
        byte[] header = Utf8.encode(gs2Header);
        byte[] binding = header;
        if (GS2_END_POINT.equals(gs2Header)) {
            binding = new byte[header.length + endPoint.length];
            System.arraycopy(header, 0, binding, 0, header.length);
            System.arraycopy(endPoint, 0, binding, header.length, endPoint.length);
        }
        this.channelBinding = "c=" + Base64.encode(binding);
    }

    /** Whether this exchange binds to the TLS channel (SCRAM-SHA-256-PLUS). */
    boolean bindsChannel() {
        return GS2_END_POINT.equals(gs2Header);
    }

    /** A fresh nonce: 18 bytes from {@code source}, base64 encoded (24 characters). */
    static String newNonce(NonceSource source) {
        byte[] raw = new byte[18];
        source.nextBytes(raw);
        return Base64.encode(raw);
    }

    String clientFirstMessage() {
        return gs2Header + clientFirstBare;
    }

    /** Consumes server-first-message and returns client-final-message (with proof). */
    String handleServerFirst(String serverFirst) throws PgException {
        if (password == null) {
            throw PgException.authFailure("SCRAM exchange already used");
        }
        String nonce = null;
        String salt = null;
        String iterations = null;
        int start = 0;
        while (start <= serverFirst.length()) {
            int comma = serverFirst.indexOf(',', start);
            String attr = serverFirst.substring(start, comma < 0 ? serverFirst.length() : comma);
            if (attr.length() < 2 || attr.charAt(1) != '=') {
                throw PgException.authFailure("malformed SCRAM server-first-message");
            }
            String value = attr.substring(2);
            switch (attr.charAt(0)) {
                case 'm':
                    throw PgException.authFailure("SCRAM server requires an unsupported extension");
                case 'r':
                    nonce = value;
                    break;
                case 's':
                    salt = value;
                    break;
                case 'i':
                    iterations = value;
                    break;
                default:
                    break; // extensions we may ignore
            }
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        if (nonce == null || salt == null || iterations == null) {
            throw PgException.authFailure("SCRAM server-first-message lacks nonce, salt or iteration count");
        }
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw PgException.authFailure("SCRAM server nonce does not extend the client nonce");
        }
        int iter = parseIterations(iterations);
        byte[] saltBytes;
        try {
            saltBytes = Base64.decode(salt);
        } catch (IllegalArgumentException e) {
            throw PgException.authFailure("SCRAM salt is not valid base64");
        }
        byte[] saltedPassword = Pbkdf2.hi(password, saltBytes, iter);
        java.util.Arrays.fill(password, (byte) 0);
        password = null;

        String clientFinalWithoutProof = channelBinding + ",r=" + nonce;
        byte[] authMessage = Utf8.encode(clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof);

        byte[] clientKey = HmacSha256.mac(saltedPassword, Utf8.encode("Client Key"));
        byte[] storedKey = Sha256.hash(clientKey);
        byte[] clientSignature = HmacSha256.mac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        byte[] serverKey = HmacSha256.mac(saltedPassword, Utf8.encode("Server Key"));
        expectedServerSignature = HmacSha256.mac(serverKey, authMessage);
        java.util.Arrays.fill(saltedPassword, (byte) 0);
        java.util.Arrays.fill(clientKey, (byte) 0);
        return clientFinalWithoutProof + ",p=" + Base64.encode(proof);
    }

    /** Checks server-final-message; throws unless it carries the expected signature. */
    void verifyServerFinal(String serverFinal) throws PgException {
        if (expectedServerSignature == null) {
            throw PgException.authFailure("SCRAM server-final-message before server-first-message");
        }
        if (serverFinal.startsWith("e=")) {
            throw PgException.authFailure("SCRAM authentication rejected by server: " + serverFinal.substring(2));
        }
        if (!serverFinal.startsWith("v=")) {
            throw PgException.authFailure("malformed SCRAM server-final-message");
        }
        int comma = serverFinal.indexOf(',');
        String sig = serverFinal.substring(2, comma < 0 ? serverFinal.length() : comma);
        byte[] got;
        try {
            got = Base64.decode(sig);
        } catch (IllegalArgumentException e) {
            throw PgException.authFailure("SCRAM server signature is not valid base64");
        }
        if (!constantTimeEquals(got, expectedServerSignature)) {
            throw PgException.authFailure("SCRAM server signature mismatch: the server does not know the password");
        }
        verified = true;
    }

    boolean isVerified() {
        return verified;
    }

    private static int parseIterations(String s) throws PgException {
        if (s.isEmpty() || s.length() > 10) {
            throw PgException.authFailure("invalid SCRAM iteration count");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw PgException.authFailure("invalid SCRAM iteration count");
            }
            v = v * 10 + (c - '0');
        }
        if (v < 1 || v > MAX_ITERATIONS) {
            throw PgException.authFailure("SCRAM iteration count " + v + " out of range");
        }
        return (int) v;
    }

    private static boolean constantTimeEquals(byte[] a, byte[] b) {
        if (a.length != b.length) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff |= a[i] ^ b[i];
        }
        return diff == 0;
    }

    // RFC 5802 saslname: ',' and '=' must be escaped.
    private static String escapeName(String user) {
        StringBuilder sb = new StringBuilder(user.length());
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c == ',') {
                sb.append("=2C");
            } else if (c == '=') {
                sb.append("=3D");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
