package io.rapidbyte.host.types;

/** WIT {@code types.checkpoint-kind}; ordinal = canonical-ABI enum value. */
public enum CheckpointKind {
    SOURCE, DEST, TRANSFORM
}
