package io.rapidbyte.postgres.wire;

/**
 * libpq's {@code channel_binding}: whether SCRAM binds the authentication to the TLS channel
 * ({@code SCRAM-SHA-256-PLUS} with {@code tls-server-end-point}, RFC 5929 / RFC 5802), so a
 * man in the middle that terminates TLS cannot relay the exchange.
 */
public enum ChannelBinding {
    /** Never bind (GS2 header {@code n}). */
    DISABLE,
    /** Bind when TLS is on and the server offers SCRAM-SHA-256-PLUS (the default). */
    PREFER,
    /** Refuse any authentication that is not channel-bound SCRAM. */
    REQUIRE
}
