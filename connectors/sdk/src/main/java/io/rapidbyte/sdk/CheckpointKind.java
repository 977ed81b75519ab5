package io.rapidbyte.sdk;

/**
 * Mirror of WIT {@code types.checkpoint-kind}: which kind of stage a checkpoint comes from.
 *
 * <p>Constants are in WIT order: {@link #ordinal()} is the canonical-ABI discriminant. Immutable.
 */
public enum CheckpointKind {
    SOURCE,
    DEST,
    TRANSFORM;

    private static final CheckpointKind[] VALUES = values();

    /** The WIT case name, e.g. {@code source}. */
    public String wireName() {
        return WitEnum.wireName(this);
    }

    /** The constant for a WIT case name; throws {@link IllegalArgumentException} for an unknown one. */
    public static CheckpointKind fromWireName(String name) {
        return WitEnum.fromWireName(VALUES, name, "checkpoint kind");
    }

    /** The constant for a canonical-ABI discriminant; throws {@link IllegalArgumentException} if out of range. */
    public static CheckpointKind fromOrdinal(int ordinal) {
        return WitEnum.fromOrdinal(VALUES, ordinal, "checkpoint kind");
    }
}
