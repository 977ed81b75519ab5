package io.rapidbyte.examples.verify;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.Schema;
import java.util.List;

/**
 * Checks the BATCH-METADATA.md contract across the batches of one run: every batch names the
 * run's stream, {@code rapidbyte.seq} strictly increases, {@code rapidbyte.sync_run} stays the
 * same, and the fields do not change. A violation is a {@code data} (or {@code schema}) error, so
 * a transform that drops metadata fails the pipeline instead of passing silently. Not thread-safe.
 */
public final class BatchSequence {
    public static final String KEY_STREAM = "rapidbyte.stream";
    public static final String KEY_SYNC_RUN = "rapidbyte.sync_run";
    public static final String KEY_SEQ = "rapidbyte.seq";

    private final String stream;
    private List<Field> fields;
    private String syncRun;
    private long lastSeq;

    public BatchSequence(String stream) {
        this.stream = stream;
    }

    /** Checks the schema of the next batch. */
    public void accept(Schema schema) {
        String batchStream = schema.metadata().get(KEY_STREAM);
        if (!stream.equals(batchStream)) {
            throw violation("batch is for stream \"" + batchStream + "\", the run is for \"" + stream + "\"");
        }
        long seq = parseSeq(schema.metadata().get(KEY_SEQ));
        if (seq <= lastSeq) {
            throw violation("rapidbyte.seq " + seq + " does not follow " + lastSeq);
        }
        String run = schema.metadata().get(KEY_SYNC_RUN);
        if (run == null || (syncRun != null && !syncRun.equals(run))) {
            throw violation("rapidbyte.sync_run \"" + run + "\" differs from \"" + syncRun + "\"");
        }
        if (fields != null && !fields.equals(schema.fields())) {
            throw ConnectorError.of(ErrorCategory.SCHEMA, "SCHEMA_CHANGED", "verify: fields changed at seq " + seq)
                    .toException();
        }
        fields = schema.fields();
        syncRun = run;
        lastSeq = seq;
    }

    /** The seq of the last accepted batch; 0 before the first. */
    public long lastSeq() {
        return lastSeq;
    }

    private static long parseSeq(String text) {
        if (text == null || text.isEmpty() || text.length() > 18) {
            throw violation("rapidbyte.seq missing or out of range: " + text);
        }
        long v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw violation("rapidbyte.seq is not a decimal number: " + text);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static RuntimeException violation(String message) {
        return ConnectorError.data("BATCH_METADATA", "verify: " + message).toException();
    }
}
