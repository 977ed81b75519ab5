package io.rapidbyte.examples.filter;

import io.rapidbyte.sdk.arrow.ArrowType;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.IpcStreamReader;
import io.rapidbyte.sdk.arrow.IpcStreamWriter;
import io.rapidbyte.sdk.arrow.ListColumnBuilder;
import io.rapidbyte.sdk.arrow.RecordBatch;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.sdk.arrow.Schema;
import io.rapidbyte.sdk.arrow.VarBinaryColumnBuilder;
import java.util.Map;

/** FilterBatches of every supported type, built and decoded with the SDK. */
final class FilterBatches {
    static final Map<String, String> METADATA = Map.of("rapidbyte.stream", "a.b", "rapidbyte.seq", "4");
    static final Schema ALL_TYPES = new Schema(Schema.of(
            Field.notNull("id", ArrowType.INT32),
            Field.nullable("i64", ArrowType.INT64),
            Field.nullable("f32", ArrowType.FLOAT32),
            Field.nullable("f64", ArrowType.FLOAT64),
            Field.nullable("b", ArrowType.BOOL),
            Field.nullable("s", ArrowType.UTF8).withMetadata(Map.of("rapidbyte.pg_type", "text")),
            Field.nullable("bin", ArrowType.BINARY),
            Field.nullable("d", ArrowType.DATE32),
            Field.nullable("t", ArrowType.TIME64_MICROS),
            Field.nullable("ts", ArrowType.timestampMicros("UTC")),
            Field.nullable("dec", ArrowType.decimal128(38, 2)),
            Field.nullable("u", ArrowType.fixedSizeBinary(16)),
            Field.nullable("iv", ArrowType.INTERVAL_MONTH_DAY_NANO),
            Field.list("l", true, Field.nullable("item", ArrowType.UTF8))).fields(), METADATA);

    static final float[] FLOATS = {1.5f, -0.0f, 0.0f, Float.NaN, Float.NEGATIVE_INFINITY, 3f};
    static final String[] STRINGS = {"a", "z", "\u00e9", "", "ab", "Z"};

    private FilterBatches() {
    }

    /** {@code rows} rows; row i is null in every nullable column when {@code i % 5 == 4}. */
    static RecordBatchBuilder allTypes(int rows) {
        RecordBatchBuilder b = new RecordBatchBuilder(ALL_TYPES);
        for (int i = 0; i < rows; i++) {
            b.intColumn(0).append(i);
            if (i % 5 == 4) {
                for (int c = 1; c < b.columnCount(); c++) {
                    b.column(c).appendNull();
                }
                continue;
            }
            b.intColumn(1).append((i - 3L) << 40);
            b.floatColumn(2).append(FLOATS[i % FLOATS.length]);
            b.floatColumn(3).append((double) FLOATS[(i + 1) % FLOATS.length]);
            b.boolColumn(4).append(i % 3 == 0);
            b.varBinaryColumn(5).append(STRINGS[i % STRINGS.length]);
            b.varBinaryColumn(6).append(new byte[] {(byte) i});
            b.intColumn(7).append(i - 10);
            b.intColumn(8).append(i * 1000L);
            b.intColumn(9).append(-i * 1_000_000L);
            if (i % 2 == 0) {
                b.decimalColumn(10).appendUnscaled(i * 150L - 600);
            } else {
                b.decimalColumn(10).appendUnscaled(i - 5L, -i);
            }
            b.fixedSizeBinaryColumn(11).appendUuid(i, -i);
            b.intervalColumn(12).append(i, i + 1, i + 2L);
            ListColumnBuilder l = b.listColumn(13);
            l.startList();
            for (int j = 0; j < i % 3; j++) {
                ((VarBinaryColumnBuilder) l.child()).append("e" + j);
            }
            if (i % 4 == 1) {
                l.child().appendNull();
            }
            l.endList();
        }
        return b;
    }

    static RecordBatch decode(byte[] stream) {
        return new IpcStreamReader(stream).next();
    }

    static byte[] encode(Schema schema, RecordBatchBuilder batch) {
        IpcStreamWriter w = new IpcStreamWriter(schema);
        w.writeBatch(batch);
        w.finish();
        return w.toByteArray();
    }

    /** Ids of the rows of {@code b} (column "id" must be int32). */
    static int[] ids(RecordBatch b) {
        int idColumn = b.schema().indexOf("id");
        int[] ids = new int[b.rowCount()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) b.intColumn(idColumn).getLong(i);
        }
        return ids;
    }
}
