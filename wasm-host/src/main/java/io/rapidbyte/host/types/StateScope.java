package io.rapidbyte.host.types;

/** WIT {@code types.state-scope}; ordinal = canonical-ABI enum value. */
public enum StateScope {
    PIPELINE, STREAM, CONNECTOR
}
