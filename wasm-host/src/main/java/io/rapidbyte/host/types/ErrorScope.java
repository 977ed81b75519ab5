package io.rapidbyte.host.types;

/** WIT {@code types.error-scope}; ordinal = canonical-ABI enum value. */
public enum ErrorScope {
    PER_STREAM, PER_BATCH, PER_RECORD
}
