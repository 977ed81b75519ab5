package io.rapidbyte.postgres.wire;

/**
 * Error categories, one for one with the WIT {@code error-category} enum that
 * connectors report (the frame-transport category is not produced here).
 */
public enum PgErrorCategory {
    CONFIG("config"),
    AUTH("auth"),
    PERMISSION("permission"),
    RATE_LIMIT("rate-limit"),
    TRANSIENT_NETWORK("transient-network"),
    TRANSIENT_DB("transient-db"),
    DATA("data"),
    SCHEMA("schema"),
    INTERNAL("internal");

    private final String witName;

    PgErrorCategory(String witName) {
        this.witName = witName;
    }

    /** The WIT enum case name, e.g. {@code "transient-network"}. */
    public String witName() {
        return witName;
    }

    /** Whether retrying the same operation later may succeed. */
    public boolean retryable() {
        return this == TRANSIENT_NETWORK || this == TRANSIENT_DB || this == RATE_LIMIT;
    }
}
