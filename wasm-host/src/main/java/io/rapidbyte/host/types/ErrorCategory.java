package io.rapidbyte.host.types;

/** WIT {@code types.error-category}; ordinal = canonical-ABI enum value. */
public enum ErrorCategory {
    CONFIG, AUTH, PERMISSION, RATE_LIMIT, TRANSIENT_NETWORK, TRANSIENT_DB, DATA, SCHEMA, INTERNAL, FRAME;

    /** The WIT spelling, e.g. {@code transient-network}. */
    public String witName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
