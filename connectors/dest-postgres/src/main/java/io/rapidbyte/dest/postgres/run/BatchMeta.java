package io.rapidbyte.dest.postgres.run;

import io.rapidbyte.sdk.BatchKeys;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.arrow.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a batch says about itself in its schema metadata (connectors/BATCH-METADATA.md):
 * stream, sync run, sequence number, primary key, sync mode, and for a dead-letter row sent back
 * in, where it was refused. Missing keys are null / -1 / empty.
 * Immutable.
 */
public final class BatchMeta {
    public final String stream;
    public final String syncRun;
    /** Batch number within the run (from 1), or -1 when absent. */
    public final long seq;
    public final List<String> primaryKey;
    public final String syncMode;
    /** The range id, or null. */
    public final String range;
    /** For a dead-letter row sent back in: where it was refused; null for any other batch. */
    public final RowOrigin redelivery;

    private BatchMeta(String stream, String syncRun, long seq, List<String> primaryKey, String syncMode,
                      String range, RowOrigin redelivery) {
        this.range = range;
        this.stream = stream;
        this.syncRun = syncRun;
        this.seq = seq;
        this.primaryKey = primaryKey;
        this.syncMode = syncMode;
        this.redelivery = redelivery;
    }

    /**
     * @throws io.rapidbyte.sdk.ConnectorException data/INVALID_BATCH_METADATA for a seq (or dead-letter
     *         seq or row) that is not a decimal number
     */
    public static BatchMeta of(Schema schema) {
        Map<String, String> m = schema.metadata();
        long seq = number(m, BatchKeys.SEQ);
        String run = text(m, BatchKeys.SYNC_RUN);
        RowOrigin redelivery = null;
        long row = number(m, BatchKeys.DLQ_ROW);
        if (row >= 0) {
            String dlqRun = text(m, BatchKeys.DLQ_SYNC_RUN);
            long dlqSeq = number(m, BatchKeys.DLQ_SEQ);
            redelivery = dlqRun != null && dlqSeq >= 0 ? new RowOrigin(dlqRun, dlqSeq, row) : new RowOrigin(null, -1, row);
        }
        return new BatchMeta(m.get(BatchKeys.STREAM), run, seq, split(m.get(BatchKeys.PRIMARY_KEY)),
                m.get(BatchKeys.SYNC_MODE), text(m, BatchKeys.RANGE), redelivery);
    }

    private static String text(Map<String, String> m, String key) {
        String v = m.get(key);
        return v == null || v.isEmpty() ? null : v;
    }

    private static long number(Map<String, String> m, String key) {
        String v = m.get(key);
        return v == null || v.isEmpty() ? -1 : parseNumber(key, v);
    }

    /** True when the batch carries a position (sync run and seq), so exactly-once applies. */
    public boolean hasPosition() {
        return syncRun != null && seq >= 0;
    }

    private static long parseNumber(String key, String s) {
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9' || i >= 18) {
                throw ConnectorError.of(ErrorCategory.DATA, "INVALID_BATCH_METADATA", key + " must be a decimal "
                        + "number, got \"" + s + "\"").toException();
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static List<String> split(String csv) {
        List<String> out = new ArrayList<>();
        if (csv == null) {
            return out;
        }
        int start = 0;
        for (int i = 0; i <= csv.length(); i++) {
            if (i == csv.length() || csv.charAt(i) == ',') {
                String s = csv.substring(start, i).trim();
                if (!s.isEmpty()) {
                    out.add(s);
                }
                start = i + 1;
            }
        }
        return out;
    }
}
