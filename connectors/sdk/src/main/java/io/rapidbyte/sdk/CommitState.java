package io.rapidbyte.sdk;

/**
 * Mirror of WIT {@code types.commit-state}: where a destination failed relative to its commit.
 *
 * <p>Constants are in WIT order: {@link #ordinal()} is the canonical-ABI discriminant. Immutable.
 */
public enum CommitState {
    BEFORE_COMMIT,
    AFTER_COMMIT_UNKNOWN,
    AFTER_COMMIT_CONFIRMED;

    private static final CommitState[] VALUES = values();

    /** The WIT case name, e.g. {@code before-commit}. */
    public String wireName() {
        return WitEnum.wireName(this);
    }

    /** The constant for a WIT case name; throws {@link IllegalArgumentException} for an unknown one. */
    public static CommitState fromWireName(String name) {
        return WitEnum.fromWireName(VALUES, name, "commit state");
    }

    /** The constant for a canonical-ABI discriminant; throws {@link IllegalArgumentException} if out of range. */
    public static CommitState fromOrdinal(int ordinal) {
        return WitEnum.fromOrdinal(VALUES, ordinal, "commit state");
    }
}
