package io.rapidbyte.examples.verify;

import io.rapidbyte.sdk.arrow.BoolColumn;
import io.rapidbyte.sdk.arrow.Column;
import io.rapidbyte.sdk.arrow.DecimalColumn;
import io.rapidbyte.sdk.arrow.FixedSizeBinaryColumn;
import io.rapidbyte.sdk.arrow.FloatColumn;
import io.rapidbyte.sdk.arrow.IntColumn;
import io.rapidbyte.sdk.arrow.IntervalColumn;
import io.rapidbyte.sdk.arrow.ListColumn;
import io.rapidbyte.sdk.arrow.RecordBatch;
import io.rapidbyte.sdk.arrow.VarBinaryColumn;

/**
 * Feeds the canonical encoding of a row's values to a {@link RowHasher}. The encoding (version 1,
 * also in {@code connectors/examples/README.md}, so that a test can recompute it with arrow-vector):
 *
 * <pre>
 * enc(row)   = enc(v1) || enc(v2) || ...        top-level columns in schema order
 * enc(null)  = 0x00
 * enc(v)     = 0x01 || body(v)
 * body(v):
 *   int8/16/32/64, date32, time64[us], timestamp[us] (with or without time zone)
 *                  the value sign-extended to int64, 8 bytes little-endian
 *   float32        raw IEEE-754 bits, 4 bytes LE      float64   raw bits, 8 bytes LE
 *   bool           1 byte, 0x00 or 0x01
 *   utf8, binary   byte length as uint32 LE, then the bytes
 *   decimal128     the 16 stored bytes: unscaled two's complement, low word first, LE
 *   fixed_size_binary(w)   the w bytes
 *   interval[month_day_nano]   months int32 LE, days int32 LE, nanoseconds int64 LE
 *   list           element count uint32 LE, then enc(element) for each element
 * </pre>
 *
 * Names, types, scales and metadata are not encoded: the checksum is over values only, so a
 * projection that keeps a column keeps its contribution. Stateless.
 */
public final class CanonicalRowEncoder {
    private CanonicalRowEncoder() {
    }

    /** Feeds row {@code row} of {@code batch} to {@code hasher} (which is not reset first). */
    public static void encodeRow(RecordBatch batch, int row, RowHasher hasher) {
        for (int c = 0; c < batch.columnCount(); c++) {
            encodeValue(batch.column(c), row, hasher);
        }
    }

    /** Feeds value {@code i} of {@code column}, null tag included. */
    public static void encodeValue(Column column, int i, RowHasher h) {
        if (column.isNull(i)) {
            h.putByte(0);
            return;
        }
        h.putByte(1);
        // In parts: as one function the per-value encoding is over HotSpot's JIT size limit once
        // compiled (wasm-build's GuestMethodSizes checks it).
        switch (column.type().kind()) {
            case UTF8:
            case BINARY:
            case DECIMAL128:
            case FIXED_SIZE_BINARY:
                encodeBytes(column, i, h);
                break;
            case INTERVAL_MONTH_DAY_NANO:
            case LIST:
                encodeComposite(column, i, h);
                break;
            default:
                encodeNumber(column, i, h);
                break;
        }
    }

    private static void encodeNumber(Column column, int i, RowHasher h) {
        switch (column.type().kind()) {
            case INT:
            case DATE32:
            case TIME64_MICROS:
            case TIMESTAMP_MICROS:
                h.putLong(((IntColumn) column).getLong(i));
                break;
            case FLOAT:
                encodeFloat((FloatColumn) column, i, h);
                break;
            case BOOL:
                h.putByte(((BoolColumn) column).getBoolean(i) ? 1 : 0);
                break;
            default:
                throw unsupported(column);
        }
    }

    private static void encodeBytes(Column column, int i, RowHasher h) {
        switch (column.type().kind()) {
            case UTF8:
            case BINARY: {
                VarBinaryColumn v = (VarBinaryColumn) column;
                int length = v.valueLength(i);
                h.putInt(length);
                h.putBytes(v.array(), v.valueOffset(i), length);
                break;
            }
            case DECIMAL128: {
                DecimalColumn d = (DecimalColumn) column;
                h.putLong(d.getLow(i));
                h.putLong(d.getHigh(i));
                break;
            }
            case FIXED_SIZE_BINARY: {
                FixedSizeBinaryColumn f = (FixedSizeBinaryColumn) column;
                h.putBytes(f.array(), f.valueOffset(i), f.byteWidth());
                break;
            }
            default:
                throw unsupported(column);
        }
    }

    private static void encodeComposite(Column column, int i, RowHasher h) {
        switch (column.type().kind()) {
            case INTERVAL_MONTH_DAY_NANO: {
                IntervalColumn v = (IntervalColumn) column;
                h.putInt(v.getMonths(i));
                h.putInt(v.getDays(i));
                h.putLong(v.getNanos(i));
                break;
            }
            case LIST: {
                ListColumn l = (ListColumn) column;
                int start = l.start(i);
                int end = l.end(i);
                h.putInt(end - start);
                for (int j = start; j < end; j++) {
                    encodeValue(l.child(), j, h);
                }
                break;
            }
            default:
                throw unsupported(column);
        }
    }

    private static IllegalArgumentException unsupported(Column column) {
        return new IllegalArgumentException("no canonical encoding for " + column.type());
    }

    private static void encodeFloat(FloatColumn f, int i, RowHasher h) {
        if (f.type().bitWidth() == 32) {
            h.putInt(Float.floatToRawIntBits(f.getFloat(i)));
        } else {
            h.putLong(Double.doubleToRawLongBits(f.getDouble(i)));
        }
    }
}
