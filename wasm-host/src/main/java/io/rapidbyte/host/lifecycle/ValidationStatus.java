package io.rapidbyte.host.lifecycle;

/** WIT {@code types.validation-status}; ordinal = canonical-ABI enum value. */
public enum ValidationStatus {
    SUCCESS, FAILED, WARNING
}
