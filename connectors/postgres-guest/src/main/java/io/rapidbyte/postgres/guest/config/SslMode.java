package io.rapidbyte.postgres.guest.config;

/**
 * libpq's {@code sslmode}: whether and how the connection uses TLS. The wire names are the config
 * values.
 */
public enum SslMode {
    /** Plaintext only. */
    DISABLE("disable"),
    /** Plaintext first; TLS when the server refuses the plaintext startup. */
    ALLOW("allow"),
    /** TLS first; plaintext when the server has no TLS or the TLS handshake fails (the default). */
    PREFER("prefer"),
    /** TLS only; the certificate is checked only when {@code sslrootcert} is given (as libpq does). */
    REQUIRE("require"),
    /** TLS only; the server's chain must lead to a trusted CA. */
    VERIFY_CA("verify-ca"),
    /** As verify-ca, and the certificate must name the host. */
    VERIFY_FULL("verify-full");

    private final String wireName;

    SslMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether a plaintext connection is refused. */
    public boolean requiresTls() {
        return this == REQUIRE || this == VERIFY_CA || this == VERIFY_FULL;
    }

    static String[] wireNames() {
        SslMode[] all = values();
        String[] out = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            out[i] = all[i].wireName;
        }
        return out;
    }

    static SslMode fromWireName(String name) {
        for (SslMode m : values()) {
            if (m.wireName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown sslmode " + name);
    }
}
