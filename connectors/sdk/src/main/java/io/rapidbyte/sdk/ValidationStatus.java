package io.rapidbyte.sdk;

/**
 * Mirror of WIT {@code types.validation-status}: the outcome of {@code validate}.
 *
 * <p>Constants are in WIT order: {@link #ordinal()} is the canonical-ABI discriminant. Immutable.
 */
public enum ValidationStatus {
    SUCCESS,
    FAILED,
    WARNING;

    private static final ValidationStatus[] VALUES = values();

    /** The WIT case name, e.g. {@code success}. */
    public String wireName() {
        return WitEnum.wireName(this);
    }

    /** The constant for a WIT case name; throws {@link IllegalArgumentException} for an unknown one. */
    public static ValidationStatus fromWireName(String name) {
        return WitEnum.fromWireName(VALUES, name, "validation status");
    }

    /** The constant for a canonical-ABI discriminant; throws {@link IllegalArgumentException} if out of range. */
    public static ValidationStatus fromOrdinal(int ordinal) {
        return WitEnum.fromOrdinal(VALUES, ordinal, "validation status");
    }
}
