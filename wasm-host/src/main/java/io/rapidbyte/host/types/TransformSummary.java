package io.rapidbyte.host.types;


/** WIT {@code types.transform-summary}: what {@code run-transform} reports. Immutable. */
public record TransformSummary(long recordsIn, long recordsOut, long bytesIn, long bytesOut,
                               long batchesProcessed) implements RunSummary {
}
