package io.rapidbyte.host.sockets;

/**
 * WIT {@code host.tls-session}: what a completed handshake established. Immutable (the array is
 * not handed out).
 *
 * @param protocol    e.g. {@code TLSv1.3}
 * @param cipherSuite e.g. {@code TLS_AES_256_GCM_SHA384}
 * @param alpn        the ALPN protocol the server selected; null for none
 */
public record TlsSession(String protocol, String cipherSuite, String alpn, byte[] serverEndPoint) {
    public TlsSession {
        serverEndPoint = serverEndPoint.clone();
    }

    /**
     * RFC 5929 {@code tls-server-end-point} channel-binding data: the hash of the server's leaf
     * certificate with its signature's hash function (SHA-256 for MD5 and SHA-1); empty when that
     * function is not one RFC 5929 can name.
     */
    @Override
    public byte[] serverEndPoint() {
        return serverEndPoint.clone();
    }
}
