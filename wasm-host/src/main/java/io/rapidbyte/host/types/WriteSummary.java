package io.rapidbyte.host.types;


/** WIT {@code types.write-summary}: what {@code run-write} reports. Immutable. */
public record WriteSummary(long recordsWritten, long bytesWritten, long batchesWritten, long checkpointCount,
                           long recordsFailed) implements RunSummary {
}
