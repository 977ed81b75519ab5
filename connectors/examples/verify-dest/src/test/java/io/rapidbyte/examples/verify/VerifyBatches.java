package io.rapidbyte.examples.verify;

import io.rapidbyte.sdk.arrow.ArrowType;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.IntColumnBuilder;
import io.rapidbyte.sdk.arrow.IpcStreamReader;
import io.rapidbyte.sdk.arrow.IpcStreamWriter;
import io.rapidbyte.sdk.arrow.ListColumnBuilder;
import io.rapidbyte.sdk.arrow.RecordBatch;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.sdk.arrow.Schema;
import java.util.Map;

/** Small batches of every supported type, built with the SDK and read back with it. */
final class VerifyBatches {
    static final Schema ALL_TYPES = Schema.of(
            Field.nullable("i8", ArrowType.INT8),
            Field.nullable("i64", ArrowType.INT64),
            Field.nullable("f32", ArrowType.FLOAT32),
            Field.nullable("f64", ArrowType.FLOAT64),
            Field.nullable("b", ArrowType.BOOL),
            Field.nullable("s", ArrowType.UTF8),
            Field.nullable("bin", ArrowType.BINARY),
            Field.nullable("d", ArrowType.DATE32),
            Field.nullable("t", ArrowType.TIME64_MICROS),
            Field.nullable("ts", ArrowType.timestampMicros("UTC")),
            Field.nullable("dec", ArrowType.decimal128(38, 2)),
            Field.nullable("u", ArrowType.fixedSizeBinary(16)),
            Field.nullable("iv", ArrowType.INTERVAL_MONTH_DAY_NANO),
            Field.list("l", true, Field.nullable("item", ArrowType.INT16)));

    private VerifyBatches() {
    }

    /** Row i of the all-types batch: value-bearing when {@code i} is even, null in every column when odd. */
    static RecordBatchBuilder allTypes(int rows) {
        RecordBatchBuilder b = new RecordBatchBuilder(ALL_TYPES);
        for (int i = 0; i < rows; i++) {
            if (i % 2 == 1) {
                for (int c = 0; c < b.columnCount(); c++) {
                    b.column(c).appendNull();
                }
                continue;
            }
            b.intColumn(0).append(-i);
            b.intColumn(1).append(1L << 40 | i);
            b.floatColumn(2).append(i / 4f);
            b.floatColumn(3).append(-i / 8.0);
            b.boolColumn(4).append(i % 4 == 0);
            b.varBinaryColumn(5).append("r\u00e9" + i);
            b.varBinaryColumn(6).append(new byte[] {(byte) i, 0, (byte) 0xFF});
            b.intColumn(7).append(18_000 + i);
            b.intColumn(8).append(3_600_000_000L + i);
            b.intColumn(9).append(1_700_000_000_000_000L + i);
            b.decimalColumn(10).appendUnscaled(-1L - i, 12345L * i);
            b.fixedSizeBinaryColumn(11).appendUuid(0x1234L + i, 0x8000_0000_0000_0000L | i);
            b.intervalColumn(12).append(i, -i, 1_000_000_000L * i);
            ListColumnBuilder l = b.listColumn(13);
            l.startList();
            ((IntColumnBuilder) l.child()).append(i);
            l.child().appendNull();
            l.endList();
        }
        return b;
    }

    /** The batch as a stream with the given schema metadata, decoded again. */
    static RecordBatch roundTrip(RecordBatchBuilder batch) {
        return new IpcStreamReader(IpcStreamWriter.encode(batch)).next();
    }

    static Schema withMetadata(Schema s, String stream, String syncRun, long seq) {
        return new Schema(s.fields(), Map.of(BatchSequence.KEY_STREAM, stream, BatchSequence.KEY_SYNC_RUN, syncRun,
                BatchSequence.KEY_SEQ, Long.toString(seq)));
    }
}
