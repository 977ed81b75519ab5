package io.rapidbyte.host.types;

import io.rapidbyte.host.abi.JsonText;

/**
 * WIT {@code types.stream-limits}: what a stage must honour, passed in {@code ctx-json} under
 * {@code "limits"} in snake_case (ABI.md section 5). {@code maxInflightBatches} also sizes the
 * channels between stages. Immutable.
 */
public record StreamLimits(long maxBatchBytes, long maxBatchRows, int maxInflightBatches,
                           long checkpointIntervalBytes, long checkpointIntervalRows,
                           long checkpointIntervalSeconds) {
    /** Batches under the 1 MiB Kafka record default, 10k rows, 8 batches in flight. */
    public static final StreamLimits DEFAULT = new StreamLimits(1000 * 1024, 10_000, 8, 64L * 1024 * 1024, 100_000, 30);

    public StreamLimits {
        if (maxBatchBytes <= 0 || maxBatchRows <= 0 || maxInflightBatches <= 0) {
            throw new IllegalArgumentException("batch limits must be positive: " + maxBatchBytes + ", "
                    + maxBatchRows + ", " + maxInflightBatches);
        }
        if (checkpointIntervalBytes < 0 || checkpointIntervalRows < 0 || checkpointIntervalSeconds < 0) {
            throw new IllegalArgumentException("checkpoint intervals must not be negative");
        }
    }

    /** The snake_case JSON object of ABI.md section 5. */
    public String toJson() {
        return "{\"max_batch_bytes\":" + maxBatchBytes
                + ",\"max_batch_rows\":" + maxBatchRows
                + ",\"max_inflight_batches\":" + maxInflightBatches
                + ",\"checkpoint_interval_bytes\":" + checkpointIntervalBytes
                + ",\"checkpoint_interval_rows\":" + checkpointIntervalRows
                + ",\"checkpoint_interval_seconds\":" + checkpointIntervalSeconds + "}";
    }

    /** The whole {@code ctx-json} of a run: stream, these limits, and the resume position. */
    public String contextJson(String stream, String resumeJson) {
        return contextJson(stream, resumeJson, null);
    }

    /**
     * The {@code ctx-json} of a run that reads one range of the stream: {@code rangeJson} (a JSON
     * object, one of the stream's {@code "ranges"} in the connector's discover result) becomes the
     * {@code "range"} member; null leaves it out (the run reads the whole stream).
     */
    public String contextJson(String stream, String resumeJson, String rangeJson) {
        return contextJson(stream, resumeJson, rangeJson, null);
    }

    /**
     * The {@code ctx-json} of a run, with {@code rangedSnapshot} ({@code "pending"} or
     * {@code "done"}, ABI.md section 5) as the {@code "ranged_snapshot"} member of a whole-stream
     * run of a repeated stream whose snapshot is read in ranges; null leaves it out.
     */
    public String contextJson(String stream, String resumeJson, String rangeJson, String rangedSnapshot) {
        return "{\"stream\":" + JsonText.quote(stream) + ",\"limits\":" + toJson()
                + ",\"resume\":" + (resumeJson == null ? "null" : resumeJson)
                + (rangeJson == null ? "" : ",\"range\":" + rangeJson)
                + (rangedSnapshot == null ? "" : ",\"ranged_snapshot\":" + JsonText.quote(rangedSnapshot)) + "}";
    }
}
