package io.rapidbyte.examples.generator;

import io.rapidbyte.sdk.arrow.ArrowType;
import io.rapidbyte.sdk.arrow.ColumnBuilder;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.ListColumnBuilder;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;

/**
 * Decides how many more generated rows certainly fit a batch under the byte cap, before they are
 * appended (a builder cannot take rows back). Asking once per row would cost as much as generating
 * the row on wasm, so the answer covers many rows at a time; the generator asks again after
 * appending them, and the answers shrink towards the cap.
 *
 * <p>The bound on how much {@link RecordBatchBuilder#estimatedBytes()} grows with {@code n} rows:
 * every buffer grows by at most {@code n} times its largest per-row size (from {@link RowValues}'
 * maxima) plus 8 bytes of padding, and a nullable column without a validity bitmap yet may gain a
 * whole bitmap when its first null arrives. Everything is counted in bits to keep bitmaps exact.
 *
 * <p>Immutable; builders passed in are only read.
 */
final class BatchByteBudget {
    private final long maxBatchBytes;
    private final long streamOverhead;
    /** Largest growth of all buffers together per row, in bits. */
    private final long bitsPerRow;
    /** Buffers of the schema (list children included); each may add up to 8 bytes of padding. */
    private final int buffers;

    /**
     * @param maxBatchBytes  the cap for a whole IPC stream
     * @param streamOverhead bytes of a stream besides the record batch: the longest schema message
     *                       of the run plus the end-of-stream marker
     */
    BatchByteBudget(long maxBatchBytes, long streamOverhead) {
        this.maxBatchBytes = maxBatchBytes;
        this.streamOverhead = streamOverhead;
        long bits = 0;
        int count = 0;
        for (Field f : GeneratedSchema.FIELDS.fields()) {
            long[] b = bufferBits(f, 1, maxVarBytes(f.name()));
            bits += b[0];
            count += (int) b[1];
        }
        this.bitsPerRow = bits;
        this.buffers = count;
    }

    /**
     * How many more rows can be appended with the stream staying within the cap. At least 1 for an
     * empty batch, because a batch must make progress (a cap below one row yields one-row batches).
     */
    long rowsThatFit(RecordBatchBuilder batch) {
        long avail = Math.min(maxBatchBytes - streamOverhead - batch.estimatedBytes(), Long.MAX_VALUE / 16);
        long availBits = 8 * avail - 64L * buffers;
        long perRow = bitsPerRow;
        for (int i = 0; i < batch.columnCount(); i++) {
            ColumnBuilder c = batch.column(i);
            if (withoutBitmap(c)) {
                availBits -= c.length() + 64;
                perRow += 1;
            }
            if (c instanceof ListColumnBuilder) {
                ColumnBuilder item = ((ListColumnBuilder) c).child();
                if (withoutBitmap(item)) {
                    availBits -= item.length() + 64;
                    perRow += maxElements(c.field().name());
                }
            }
        }
        long n = availBits <= 0 ? 0 : availBits / perRow;
        return batch.rowCount() == 0 ? Math.max(n, 1) : n;
    }

    /** A nullable column whose bitmap would appear, whole, with its first null. */
    private static boolean withoutBitmap(ColumnBuilder c) {
        return c.field().isNullable() && c.nullCount() == 0;
    }

    /** {bits per row, buffer count} of a field whose column gets {@code perRow} values per row. */
    private static long[] bufferBits(Field f, long perRow, int varBytes) {
        long bits = f.isNullable() ? perRow : 0;
        long count = f.isNullable() ? 1 : 0;
        ArrowType t = f.type();
        switch (t.kind()) {
            case BOOL:
                return new long[] {bits + perRow, count + 1};
            case UTF8:
            case BINARY:
                return new long[] {bits + perRow * 32 + perRow * 8L * varBytes, count + 2};
            case LIST: {
                long[] item = bufferBits(f.elementField(), perRow * maxElements(f.name()), maxVarBytes(f.name()));
                return new long[] {bits + perRow * 32 + item[0], count + 1 + item[1]};
            }
            default:
                return new long[] {bits + perRow * 8L * t.byteWidth(), count + 1};
        }
    }

    private static int maxVarBytes(String column) {
        switch (column) {
            case "name": return RowValues.MAX_NAME_BYTES;
            case "payload": return RowValues.MAX_PAYLOAD_BYTES;
            case "labels": return RowValues.MAX_LABEL_BYTES;
            default: return 0;
        }
    }

    private static int maxElements(String column) {
        switch (column) {
            case "scores": return RowValues.MAX_SCORES;
            case "labels": return RowValues.MAX_LABELS;
            default: return 0;
        }
    }
}
