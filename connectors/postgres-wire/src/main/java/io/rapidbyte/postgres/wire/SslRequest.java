package io.rapidbyte.postgres.wire;

import io.rapidbyte.postgres.wire.binary.BigEndian;

/**
 * The {@code SSLRequest} of the PostgreSQL protocol: sent on a fresh connection before anything
 * else, answered by one byte, {@code S} (go ahead with the TLS handshake) or {@code N} (no TLS;
 * the startup may continue in plaintext on the same connection). Exactly one byte is read, so
 * nothing the server might send after {@code S} is ever taken as plaintext (CVE-2021-23222).
 * Stateless.
 */
public final class SslRequest {
    /** The request code 1234.5679. */
    static final int CODE = 80877103;

    private SslRequest() {
    }

    /**
     * Sends the request and reads the answer.
     *
     * @return true when the server is ready for the TLS handshake
     * @throws PgException connection failure, or a server that answers with anything else
     */
    public static boolean send(PgTransport transport) throws PgException {
        byte[] request = new byte[8];
        BigEndian.putInt32(request, 0, 8);
        BigEndian.putInt32(request, 4, CODE);
        byte[] answer = new byte[1];
        int n;
        try {
            transport.write(request, 0, request.length);
            transport.flush();
            n = transport.read(answer, 0, 1);
        } catch (RuntimeException e) {
            throw PgException.connectionFailure("SSLRequest failed: " + e.getMessage(), e);
        }
        if (n < 0) {
            throw PgException.connectionFailure("server closed the connection after SSLRequest", null);
        }
        if (answer[0] == 'S') {
            return true;
        }
        if (answer[0] == 'N') {
            return false;
        }
        if (answer[0] == 'E') {
            throw PgException.protocolViolation("server answered SSLRequest with an error (it does not speak "
                    + "protocol 3 or refuses TLS negotiation)");
        }
        throw PgException.protocolViolation("server answered SSLRequest with byte " + (answer[0] & 0xFF));
    }
}
