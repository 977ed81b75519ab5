package io.rapidbyte.host.sockets;

/** WIT {@code host.tls-verify}, in WIT order (the ordinal is the wire value). */
public enum TlsVerify {
    /** Encrypt only: any server certificate is accepted. */
    NONE,
    /** The server's chain must lead to a trusted CA. */
    CA,
    /** As {@link #CA}, and the certificate must name the server name. */
    FULL
}
