package io.rapidbyte.sdk;

/**
 * Mirror of WIT {@code types.backoff-class}: how long the host should wait before retrying.
 *
 * <p>Constants are in WIT order: {@link #ordinal()} is the canonical-ABI discriminant. Immutable.
 */
public enum BackoffClass {
    FAST,
    NORMAL,
    SLOW;

    private static final BackoffClass[] VALUES = values();

    /** The WIT case name, e.g. {@code fast}. */
    public String wireName() {
        return WitEnum.wireName(this);
    }

    /** The constant for a WIT case name; throws {@link IllegalArgumentException} for an unknown one. */
    public static BackoffClass fromWireName(String name) {
        return WitEnum.fromWireName(VALUES, name, "backoff class");
    }

    /** The constant for a canonical-ABI discriminant; throws {@link IllegalArgumentException} if out of range. */
    public static BackoffClass fromOrdinal(int ordinal) {
        return WitEnum.fromOrdinal(VALUES, ordinal, "backoff class");
    }
}
