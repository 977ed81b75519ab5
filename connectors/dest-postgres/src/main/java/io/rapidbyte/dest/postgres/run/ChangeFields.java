package io.rapidbyte.dest.postgres.run;

import io.rapidbyte.sdk.BatchKeys;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.Schema;
import java.util.List;

/**
 * The layout of a change batch (connectors/BATCH-METADATA.md, "Change batches"), the
 * destination's side of the contract source-postgres writes: schema metadata
 * {@code rapidbyte.sync_mode = cdc}, the table's columns, then four fields, in this order:
 * {@value BatchKeys#CHANGE_OP} (c insert, u update, d delete, r snapshot read, t truncate),
 * {@value BatchKeys#CHANGE_LSN} (commit LSN), {@value BatchKeys#CHANGE_COMMIT_TS} (commit time) and
 * {@value BatchKeys#CHANGE_UNCHANGED} (",i,j,": the table columns, by field index, whose TOASTed
 * value did not change and was not sent). Immutable.
 */
public final class ChangeFields {
    public static final String SYNC_MODE_CDC = "cdc";
    private static final String[] TRAILER = {BatchKeys.CHANGE_OP, BatchKeys.CHANGE_LSN, BatchKeys.CHANGE_COMMIT_TS,
        BatchKeys.CHANGE_UNCHANGED};

    private final Schema data;
    private final int opField;
    private final int unchangedField;

    private ChangeFields(Schema data, int opField, int unchangedField) {
        this.data = data;
        this.opField = opField;
        this.unchangedField = unchangedField;
    }

    /**
     * Whether the batch belongs to a cdc stream: change batches and the snapshot batches before
     * them (plain rows, applied as upserts).
     */
    public static boolean isCdc(BatchMeta meta) {
        return SYNC_MODE_CDC.equals(meta.syncMode);
    }

    /**
     * The change layout of {@code schema}, or null when the batch is not a change batch (also for
     * a cdc snapshot batch, which has no {@value BatchKeys#CHANGE_OP} field).
     *
     * @throws io.rapidbyte.sdk.ConnectorException schema/INVALID_CHANGE_BATCH when the metadata
     *         says cdc but the trailing fields are not the four above
     */
    public static ChangeFields of(Schema schema, BatchMeta meta) {
        if (!SYNC_MODE_CDC.equals(meta.syncMode)) {
            return null;
        }
        List<Field> fields = schema.fields();
        if (schema.indexOf(BatchKeys.CHANGE_OP) < 0) {
            return null;
        }
        int n = fields.size() - TRAILER.length;
        for (int i = 0; i < TRAILER.length; i++) {
            if (n < 1 || !fields.get(n + i).name().equals(TRAILER[i])) {
                throw ConnectorError.of(ErrorCategory.SCHEMA, "INVALID_CHANGE_BATCH", "a change batch "
                        + "(rapidbyte.sync_mode=cdc) must end with the fields " + String.join(", ", TRAILER)
                        + " after at least one table column; field " + (n + i) + " is "
                        + (n + i >= 0 && n + i < fields.size() ? "\"" + fields.get(n + i).name() + "\"" : "missing"))
                        .toException();
            }
        }
        return new ChangeFields(new Schema(fields.subList(0, n), schema.metadata()), n, n + 3);
    }

    /** The table's columns: the batch schema without the four change fields (same field indexes). */
    public Schema dataSchema() {
        return data;
    }

    public int opField() {
        return opField;
    }

    public int unchangedField() {
        return unchangedField;
    }
}
