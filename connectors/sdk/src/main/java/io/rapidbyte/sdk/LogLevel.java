package io.rapidbyte.sdk;

/**
 * Mirror of WIT {@code types.log-level}.
 *
 * <p>Constants are in WIT order: {@link #ordinal()} is the canonical-ABI discriminant. Immutable.
 */
public enum LogLevel {
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE;

    private static final LogLevel[] VALUES = values();

    /** The WIT case name, e.g. {@code error}. */
    public String wireName() {
        return WitEnum.wireName(this);
    }

    /** The constant for a WIT case name; throws {@link IllegalArgumentException} for an unknown one. */
    public static LogLevel fromWireName(String name) {
        return WitEnum.fromWireName(VALUES, name, "log level");
    }

    /** The constant for a canonical-ABI discriminant; throws {@link IllegalArgumentException} if out of range. */
    public static LogLevel fromOrdinal(int ordinal) {
        return WitEnum.fromOrdinal(VALUES, ordinal, "log level");
    }
}
