package io.rapidbyte.host.types;

/** WIT {@code types.backoff-class}; ordinal = canonical-ABI enum value. */
public enum BackoffClass {
    FAST, NORMAL, SLOW
}
