package io.rapidbyte.connect.records;

import java.util.Map;
import java.util.Objects;

/**
 * What {@link ArrowStreamInspector} found in one frame. Immutable.
 *
 * @param schemaMetadata the schema's custom metadata (BATCH-METADATA.md keys among others)
 * @param rows           rows over all record batches of the stream
 * @param recordBatches  number of record batch messages
 * @param fingerprint    {@link SchemaFingerprint} of the schema
 */
public record FrameSummary(Map<String, String> schemaMetadata, long rows, int recordBatches, String fingerprint) {
    /** BATCH-METADATA.md keys. */
    public static final String STREAM = "rapidbyte.stream";
    public static final String SYNC_RUN = "rapidbyte.sync_run";
    public static final String SEQ = "rapidbyte.seq";

    public FrameSummary {
        schemaMetadata = Map.copyOf(schemaMetadata);
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** The stream the batch says it belongs to, or null. */
    public String stream() {
        return schemaMetadata.get(STREAM);
    }

    public String syncRun() {
        return schemaMetadata.get(SYNC_RUN);
    }

    public String seq() {
        return schemaMetadata.get(SEQ);
    }
}
