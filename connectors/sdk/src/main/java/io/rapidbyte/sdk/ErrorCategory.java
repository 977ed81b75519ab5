package io.rapidbyte.sdk;

/**
 * Mirror of WIT {@code types.error-category}: what kind of failure a {@link ConnectorError} reports.
 *
 * <p>Constants are in WIT order: {@link #ordinal()} is the canonical-ABI discriminant. Immutable.
 */
public enum ErrorCategory {
    CONFIG,
    AUTH,
    PERMISSION,
    RATE_LIMIT,
    TRANSIENT_NETWORK,
    TRANSIENT_DB,
    DATA,
    SCHEMA,
    INTERNAL,
    FRAME;

    private static final ErrorCategory[] VALUES = values();

    /** The WIT case name, e.g. {@code config}. */
    public String wireName() {
        return WitEnum.wireName(this);
    }

    /** The constant for a WIT case name; throws {@link IllegalArgumentException} for an unknown one. */
    public static ErrorCategory fromWireName(String name) {
        return WitEnum.fromWireName(VALUES, name, "error category");
    }

    /** The constant for a canonical-ABI discriminant; throws {@link IllegalArgumentException} if out of range. */
    public static ErrorCategory fromOrdinal(int ordinal) {
        return WitEnum.fromOrdinal(VALUES, ordinal, "error category");
    }
}
