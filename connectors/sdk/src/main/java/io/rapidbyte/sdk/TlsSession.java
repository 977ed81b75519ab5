package io.rapidbyte.sdk;

/** Mirror of WIT {@code host.tls-session}: what {@code socket-start-tls} established. Immutable. */
public final class TlsSession {
    private final String protocol;
    private final String cipherSuite;
    private final String alpn;
    private final byte[] serverEndPoint;

    public TlsSession(String protocol, String cipherSuite, String alpn, byte[] serverEndPoint) {
        this.protocol = protocol;
        this.cipherSuite = cipherSuite;
        this.alpn = alpn;
        this.serverEndPoint = serverEndPoint.clone();
    }

    /** E.g. {@code TLSv1.3}. */
    public String protocol() {
        return protocol;
    }

    public String cipherSuite() {
        return cipherSuite;
    }

    /** The ALPN protocol the server selected, or null. */
    public String alpn() {
        return alpn;
    }

    /**
     * RFC 5929 {@code tls-server-end-point} channel-binding data (hash of the server certificate);
     * empty when the host could not name its hash.
     */
    public byte[] serverEndPoint() {
        return serverEndPoint.clone();
    }

    @Override
    public String toString() {
        return protocol + " " + cipherSuite + (alpn == null ? "" : ", ALPN " + alpn);
    }
}
