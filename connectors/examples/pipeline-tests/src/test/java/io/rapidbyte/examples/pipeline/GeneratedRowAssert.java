package io.rapidbyte.examples.pipeline;

import static io.rapidbyte.examples.generator.GeneratedSchema.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidbyte.examples.generator.RowValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.holders.NullableIntervalMonthDayNanoHolder;

/**
 * Checks one row decoded by arrow-vector against the generator's plain-Java definition
 * ({@link RowValues}), cell by cell, including which cells are null.
 */
final class GeneratedRowAssert {
    private GeneratedRowAssert() {
    }

    static void assertRow(RowValues v, VectorSchemaRoot root, int row, long k) {
        assertEquals(k, ((BigIntVector) col(root, ID)).get(row), "id");
        cell(v, root, I8, row, k, () -> assertEquals(v.int8(k), ((TinyIntVector) col(root, I8)).get(row)));
        cell(v, root, I16, row, k, () -> assertEquals(v.int16(k), ((SmallIntVector) col(root, I16)).get(row)));
        cell(v, root, I32, row, k, () -> assertEquals(v.int32(k), ((IntVector) col(root, I32)).get(row)));
        cell(v, root, I64, row, k, () -> assertEquals(v.int64(k), ((BigIntVector) col(root, I64)).get(row)));
        cell(v, root, F32, row, k, () -> assertEquals(Float.floatToRawIntBits(v.float32(k)),
                Float.floatToRawIntBits(((Float4Vector) col(root, F32)).get(row))));
        cell(v, root, F64, row, k, () -> assertEquals(Double.doubleToRawLongBits(v.float64(k)),
                Double.doubleToRawLongBits(((Float8Vector) col(root, F64)).get(row))));
        cell(v, root, FLAG, row, k, () -> assertEquals(v.flag(k) ? 1 : 0, ((BitVector) col(root, FLAG)).get(row)));
        cell(v, root, NAME, row, k, () -> assertEquals(v.name(k),
                new String(((VarCharVector) col(root, NAME)).get(row), StandardCharsets.UTF_8)));
        cell(v, root, PAYLOAD, row, k, () -> assertArrayEquals(v.payload(k), ((VarBinaryVector) col(root, PAYLOAD)).get(row)));
        cell(v, root, DAY, row, k, () -> assertEquals(v.day(k), ((DateDayVector) col(root, DAY)).get(row)));
        cell(v, root, TOD, row, k, () -> assertEquals(v.timeOfDay(k), ((TimeMicroVector) col(root, TOD)).get(row)));
        cell(v, root, TS, row, k, () -> assertEquals(v.timestamp(k), ((TimeStampMicroVector) col(root, TS)).get(row)));
        cell(v, root, TS_TZ, row, k, () -> assertEquals(v.timestampTz(k), ((TimeStampMicroTZVector) col(root, TS_TZ)).get(row)));
        cell(v, root, AMOUNT, row, k, () -> assertEquals(decimal(v.amountHigh(k), v.amountLow(k)),
                ((DecimalVector) col(root, AMOUNT)).getObject(row)));
        cell(v, root, UUID, row, k, () -> {
            ByteBuffer uuid = ByteBuffer.wrap(((FixedSizeBinaryVector) col(root, UUID)).get(row));
            assertEquals(v.uuidHigh(k), uuid.getLong());
            assertEquals(v.uuidLow(k), uuid.getLong());
        });
        cell(v, root, SPAN, row, k, () -> {
            NullableIntervalMonthDayNanoHolder h = new NullableIntervalMonthDayNanoHolder();
            ((IntervalMonthDayNanoVector) col(root, SPAN)).get(row, h);
            assertEquals(v.spanMonths(k), h.months);
            assertEquals(v.spanDays(k), h.days);
            assertEquals(v.spanNanos(k), h.nanoseconds);
        });
        cell(v, root, SCORES, row, k, () -> assertScores(v, (ListVector) col(root, SCORES), row, k));
        cell(v, root, LABELS, row, k, () -> assertLabels(v, (ListVector) col(root, LABELS), row, k));
    }

    private static FieldVector col(VectorSchemaRoot root, int column) {
        return root.getVector(column);
    }

    /** Null exactly where the definition says, else {@code check}. */
    private static void cell(RowValues v, VectorSchemaRoot root, int column, int row, long k, Runnable check) {
        boolean expectNull = v.isNull(column, k);
        assertEquals(expectNull, col(root, column).isNull(row), () -> "null-ness of column " + column + " row " + k);
        if (!expectNull) {
            try {
                check.run();
            } catch (AssertionError e) {
                throw new AssertionError("column " + column + " (" + root.getVector(column).getName() + ") row " + k
                        + ": " + e.getMessage(), e);
            }
        }
    }

    private static void assertScores(RowValues v, ListVector list, int row, long k) {
        int start = list.getOffsetBuffer().getInt(4L * row);
        int n = list.getOffsetBuffer().getInt(4L * (row + 1)) - start;
        assertEquals(v.scoreCount(k), n, "scores length");
        IntVector items = (IntVector) list.getDataVector();
        for (int j = 0; j < n; j++) {
            assertEquals(v.isScoreNull(k, j), items.isNull(start + j), "score null-ness");
            if (!v.isScoreNull(k, j)) {
                assertEquals(v.score(k, j), items.get(start + j));
            }
        }
    }

    private static void assertLabels(RowValues v, ListVector list, int row, long k) {
        int start = list.getOffsetBuffer().getInt(4L * row);
        int n = list.getOffsetBuffer().getInt(4L * (row + 1)) - start;
        assertEquals(v.labelCount(k), n, "labels length");
        VarCharVector items = (VarCharVector) list.getDataVector();
        for (int j = 0; j < n; j++) {
            assertEquals(v.label(k, j), new String(items.get(start + j), StandardCharsets.UTF_8));
        }
    }

    /** (high, low) two's complement words as a BigDecimal at the generator's scale. */
    static BigDecimal decimal(long high, long low) {
        BigInteger unscaled = BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
        return new BigDecimal(unscaled, AMOUNT_SCALE);
    }
}
