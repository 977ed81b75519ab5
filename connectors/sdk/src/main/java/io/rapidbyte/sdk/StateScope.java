package io.rapidbyte.sdk;

/**
 * Mirror of WIT {@code types.state-scope}: visibility of a state key (pipeline, current stream, or this connector).
 *
 * <p>Constants are in WIT order: {@link #ordinal()} is the canonical-ABI discriminant. Immutable.
 */
public enum StateScope {
    PIPELINE,
    STREAM,
    CONNECTOR;

    private static final StateScope[] VALUES = values();

    /** The WIT case name, e.g. {@code pipeline}. */
    public String wireName() {
        return WitEnum.wireName(this);
    }

    /** The constant for a WIT case name; throws {@link IllegalArgumentException} for an unknown one. */
    public static StateScope fromWireName(String name) {
        return WitEnum.fromWireName(VALUES, name, "state scope");
    }

    /** The constant for a canonical-ABI discriminant; throws {@link IllegalArgumentException} if out of range. */
    public static StateScope fromOrdinal(int ordinal) {
        return WitEnum.fromOrdinal(VALUES, ordinal, "state scope");
    }
}
