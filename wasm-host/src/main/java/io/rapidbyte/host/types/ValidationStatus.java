package io.rapidbyte.host.types;

/** WIT {@code types.validation-status}; ordinal = canonical-ABI enum value. */
public enum ValidationStatus {
    SUCCESS, FAILED, WARNING
}
