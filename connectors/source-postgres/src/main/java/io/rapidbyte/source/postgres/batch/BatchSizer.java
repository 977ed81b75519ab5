package io.rapidbyte.source.postgres.batch;

import io.rapidbyte.sdk.arrow.ColumnBuilder;
import io.rapidbyte.sdk.arrow.ListColumnBuilder;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.source.postgres.decode.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Upper bounds of a batch's Arrow size, so a batch can be closed before rows that would push it over
 * its byte cap (builders cannot take a row back), without measuring the batch after every row.
 *
 * <p>{@link #rowBound} bounds what one row adds, from its binary COPY size alone:
 * {@code 4 × raw + 40 per builder + raw / 32 + 1}. Per value, Arrow never needs more than four times
 * the bytes Postgres sent (the worst cases are 16-byte decimal/uuid/interval slots for NULL array
 * elements, which Postgres sends in 4 bytes, and inet/macaddr rendered as text); a top-level NULL
 * costs a fixed slot of at most 16 bytes plus a 4-byte offset; every buffer may grow by up to 7
 * bytes of padding; validity bits for the row's values (one per element, at most raw / 4 elements).
 *
 * <p>{@link #measure} gives the batch's exact size plus the validity bitmaps that columns without a
 * NULL so far would materialise for their existing rows on a first NULL. The assembler keeps a
 * running bound (last measure + row bounds since) and measures again only when the running bound
 * reaches the cap, a handful of times per batch instead of once per row. Not thread-safe.
 */
public final class BatchSizer {
    private final RecordBatchBuilder batch;
    private final ColumnBuilder[] all;
    private final int outputFields;
    private final long perRowFixed;

    public BatchSizer(RecordBatchBuilder batch) {
        this.batch = batch;
        List<ColumnBuilder> builders = new ArrayList<ColumnBuilder>();
        for (int i = 0; i < batch.columnCount(); i++) {
            collect(batch.column(i), builders);
        }
        this.all = builders.toArray(new ColumnBuilder[0]);
        this.outputFields = batch.columnCount();
        this.perRowFixed = 40L * all.length + 1;
    }

    private static void collect(ColumnBuilder b, List<ColumnBuilder> out) {
        out.add(b);
        if (b instanceof ListColumnBuilder) {
            collect(((ListColumnBuilder) b).child(), out);
        }
    }

    /** Sum of the non-NULL output field lengths of {@code t}. */
    public long rawBytes(Tuple t) {
        long raw = 0;
        int[] lengths = t.lengths;
        int end = t.base + outputFields;
        for (int i = t.base; i < end; i++) {
            int len = lengths[i];
            if (len > 0) {
                raw += len;
            }
        }
        return raw;
    }

    /** Upper bound of what {@code rows} rows with {@code rawBytes} bytes of values add to the batch. */
    public long rowBound(long rows, long rawBytes) {
        return 4 * rawBytes + rawBytes / 32 + rows * perRowFixed;
    }

    /**
     * The batch's {@link RecordBatchBuilder#estimatedBytes()} plus the validity bitmaps that columns
     * without NULLs so far would add for their existing rows.
     */
    public long measure() {
        long bytes = batch.estimatedBytes();
        for (ColumnBuilder b : all) {
            if (b.nullCount() == 0 && b.field().isNullable()) {
                bytes += ((b.length() + 7L) >>> 3) + 8;
            }
        }
        return bytes;
    }
}
