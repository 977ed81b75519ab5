package io.rapidbyte.host.types;

/** WIT {@code types.commit-state}; ordinal = canonical-ABI enum value. */
public enum CommitState {
    BEFORE_COMMIT, AFTER_COMMIT_UNKNOWN, AFTER_COMMIT_CONFIRMED
}
