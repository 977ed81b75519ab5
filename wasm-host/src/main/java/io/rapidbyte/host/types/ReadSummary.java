package io.rapidbyte.host.types;


/** WIT {@code types.read-summary}: what {@code run-read} reports. Immutable. */
public record ReadSummary(long recordsRead, long bytesRead, long batchesEmitted, long checkpointCount,
                          long recordsSkipped) implements RunSummary {
}
