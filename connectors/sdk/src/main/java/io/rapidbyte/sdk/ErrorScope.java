package io.rapidbyte.sdk;

/**
 * Mirror of WIT {@code types.error-scope}: how much of the work a {@link ConnectorError} affects.
 *
 * <p>Constants are in WIT order: {@link #ordinal()} is the canonical-ABI discriminant. Immutable.
 */
public enum ErrorScope {
    PER_STREAM,
    PER_BATCH,
    PER_RECORD;

    private static final ErrorScope[] VALUES = values();

    /** The WIT case name, e.g. {@code per-stream}. */
    public String wireName() {
        return WitEnum.wireName(this);
    }

    /** The constant for a WIT case name; throws {@link IllegalArgumentException} for an unknown one. */
    public static ErrorScope fromWireName(String name) {
        return WitEnum.fromWireName(VALUES, name, "error scope");
    }

    /** The constant for a canonical-ABI discriminant; throws {@link IllegalArgumentException} if out of range. */
    public static ErrorScope fromOrdinal(int ordinal) {
        return WitEnum.fromOrdinal(VALUES, ordinal, "error scope");
    }
}
