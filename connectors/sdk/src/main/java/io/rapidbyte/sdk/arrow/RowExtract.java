package io.rapidbyte.sdk.arrow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One row of a decoded batch as a complete Arrow IPC stream of its own (what
 * {@code emit-dlq-row} sends): the batch's fields with their types and field metadata, the
 * given schema-level metadata, and the row's values copied bit-exactly ({@link ValueCopier}).
 * A top-level field declared non-nullable that holds a null in that row becomes nullable in the
 * extract, since an invalid value is often why the row was refused. Stateless.
 */
public final class RowExtract {
    private RowExtract() {
    }

    /** Row {@code row} of {@code batch} as a one-row stream whose schema carries {@code metadata}. */
    public static byte[] ipc(RecordBatch batch, int row, Map<String, String> metadata) {
        if (row < 0 || row >= batch.rowCount()) {
            throw new IllegalArgumentException("row " + row + " is outside the batch of " + batch.rowCount() + " rows");
        }
        List<Field> fields = new ArrayList<Field>(batch.columnCount());
        for (int k = 0; k < batch.columnCount(); k++) {
            Field f = batch.schema().field(k);
            if (!f.isNullable() && batch.column(k).isNull(row)) {
                f = new Field(f.name(), f.type(), true, f.children(), f.metadata());
            }
            fields.add(f);
        }
        RecordBatchBuilder out = new RecordBatchBuilder(new Schema(fields, metadata));
        for (int k = 0; k < batch.columnCount(); k++) {
            ValueCopier.copy(batch.column(k), row, out.column(k));
        }
        return IpcStreamWriter.encode(out);
    }
}
