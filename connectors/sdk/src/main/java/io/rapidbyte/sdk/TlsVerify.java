package io.rapidbyte.sdk;

/**
 * Mirror of WIT {@code host.tls-verify}: how {@code socket-start-tls} checks the server.
 *
 * <p>Constants are in WIT order: {@link #ordinal()} is the canonical-ABI discriminant. Immutable.
 */
public enum TlsVerify {
    /** Encrypt only: any certificate is accepted. */
    NONE,
    /** The chain must lead to a trusted CA. */
    CA,
    /** As {@link #CA}, and the certificate must name the server name. */
    FULL;

    /** The WIT case name, e.g. {@code full}. */
    public String wireName() {
        return WitEnum.wireName(this);
    }
}
