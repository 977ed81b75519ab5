package io.rapidbyte.dest.postgres.run;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.arrow.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a batch says about itself in its schema metadata (connectors/BATCH-METADATA.md):
 * stream, sync run, sequence number, primary key, sync mode. Missing keys are null / -1 / empty.
 * Immutable.
 */
public final class BatchMeta {
    public static final String STREAM = "rapidbyte.stream";
    public static final String SYNC_RUN = "rapidbyte.sync_run";
    public static final String SEQ = "rapidbyte.seq";
    public static final String PRIMARY_KEY = "rapidbyte.primary_key";
    public static final String SYNC_MODE = "rapidbyte.sync_mode";

    public final String stream;
    public final String syncRun;
    /** Batch number within the run (from 1), or -1 when absent. */
    public final long seq;
    public final List<String> primaryKey;
    public final String syncMode;

    private BatchMeta(String stream, String syncRun, long seq, List<String> primaryKey, String syncMode) {
        this.stream = stream;
        this.syncRun = syncRun;
        this.seq = seq;
        this.primaryKey = primaryKey;
        this.syncMode = syncMode;
    }

    /**
     * @throws io.rapidbyte.sdk.ConnectorException data/INVALID_BATCH_METADATA for a seq that is not a
     *         positive decimal number
     */
    public static BatchMeta of(Schema schema) {
        Map<String, String> m = schema.metadata();
        String seqText = m.get(SEQ);
        long seq = -1;
        if (seqText != null && !seqText.isEmpty()) {
            seq = parseSeq(seqText);
        }
        String run = m.get(SYNC_RUN);
        return new BatchMeta(m.get(STREAM), run == null || run.isEmpty() ? null : run, seq,
                split(m.get(PRIMARY_KEY)), m.get(SYNC_MODE));
    }

    /** True when the batch carries a position (sync run and seq), so exactly-once applies. */
    public boolean hasPosition() {
        return syncRun != null && seq >= 0;
    }

    private static long parseSeq(String s) {
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9' || i >= 18) {
                throw ConnectorError.of(ErrorCategory.DATA, "INVALID_BATCH_METADATA", SEQ + " must be a decimal "
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
