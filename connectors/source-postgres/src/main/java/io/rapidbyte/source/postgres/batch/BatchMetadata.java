package io.rapidbyte.source.postgres.batch;

import io.rapidbyte.sdk.BatchKeys;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.IpcStreamWriter;
import io.rapidbyte.sdk.arrow.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema-level metadata of connectors/BATCH-METADATA.md: {@code rapidbyte.stream},
 * {@code rapidbyte.sync_run}, {@code rapidbyte.seq}, {@code rapidbyte.primary_key},
 * {@code rapidbyte.sync_mode}. Field-level {@code rapidbyte.pg_type} is on the fields already
 * (see {@link io.rapidbyte.source.postgres.catalog.TypeMapper}). Immutable.
 */
public final class BatchMetadata {
    private final List<Field> fields;
    private final String stream;
    private final String syncRun;
    private final String primaryKey;
    private final String syncMode;
    private final String range;

    public BatchMetadata(List<Field> fields, String stream, String syncRun, List<String> primaryKey, String syncMode) {
        this(fields, stream, syncRun, primaryKey, syncMode, null);
    }

    /** @param range the id of the range read, or null when the stream is read whole */
    public BatchMetadata(List<Field> fields, String stream, String syncRun, List<String> primaryKey, String syncMode,
            String range) {
        this.range = range;
        this.fields = fields;
        this.stream = stream;
        this.syncRun = syncRun;
        StringBuilder pk = new StringBuilder();
        for (int i = 0; i < primaryKey.size(); i++) {
            pk.append(i == 0 ? "" : ",").append(primaryKey.get(i));
        }
        this.primaryKey = pk.toString();
        this.syncMode = syncMode;
    }

    /** The schema of the batch numbered {@code seq}. */
    public Schema schema(long seq) {
        return schema(Long.toString(seq));
    }

    /**
     * Bytes a stream adds around its record batch: the schema message with the longest possible seq,
     * and the end-of-stream marker.
     */
    public long streamOverhead() {
        return new IpcStreamWriter(schema("99999999999999999999"), 1024).schemaMessageLength()
                + IpcStreamWriter.EOS_BYTES;
    }

    private Schema schema(String seq) {
        Map<String, String> m = new LinkedHashMap<String, String>();
        m.put(BatchKeys.STREAM, stream);
        m.put(BatchKeys.SYNC_RUN, syncRun);
        m.put(BatchKeys.SEQ, seq);
        m.put(BatchKeys.PRIMARY_KEY, primaryKey);
        m.put(BatchKeys.SYNC_MODE, syncMode);
        if (range != null) {
            m.put(BatchKeys.RANGE, range);
        }
        return new Schema(fields, m);
    }
}
