package io.rapidbyte.source.postgres.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.postgres.guest.Redactor;
import io.rapidbyte.postgres.wire.binary.NumericCodec;
import io.rapidbyte.postgres.wire.binary.PgNumeric;
import io.rapidbyte.postgres.wire.binary.PgOids;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.IpcStreamWriter;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.sdk.arrow.Schema;
import io.rapidbyte.source.postgres.ArrowFrames;
import io.rapidbyte.source.postgres.TestTuples;
import io.rapidbyte.source.postgres.catalog.ColumnInfo;
import io.rapidbyte.source.postgres.catalog.ColumnMapping;
import io.rapidbyte.source.postgres.catalog.TypeMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Decoder rules checked on the JVM against Arrow Java (the end-to-end test covers every type in the guest). */
class RowDecoderTest {
    private static int numericTypmod(int precision, int scale) {
        return ((precision << 16) | (scale & 0x7ff)) + 4;
    }

    private static ColumnMapping column(String name, int oid, int typmod, String type) {
        return TypeMapper.map(new ColumnInfo(name, 1, type, false, oid, typmod, 'b', 0, '\0', true, 0));
    }

    private static List<Map<String, Object>> decode(List<ColumnMapping> columns, List<TestTuples> rows,
            List<String> notes) {
        List<Field> fields = new ArrayList<>();
        for (ColumnMapping m : columns) {
            fields.add(m.field());
        }
        RecordBatchBuilder batch = new RecordBatchBuilder(new Schema(fields, null));
        RowDecoder decoder = new RowDecoder("s.t", columns, batch, (c, r) -> notes.add(c + ": " + r), Redactor.none());
        for (TestTuples row : rows) {
            decoder.decode(row.tuple());
        }
        return ArrowFrames.read(IpcStreamWriter.encode(batch)).rows();
    }

    private static byte[] numeric(String text) {
        PgNumeric n = new PgNumeric().setText(text);
        byte[] out = new byte[NumericCodec.encodedLength(n)];
        NumericCodec.encode(n, out, 0);
        return out;
    }

    @Test
    void decimalsMatchBigDecimalOnBothPaths() {
        Random random = new Random(42);
        int[][] shapes = {{12, 2}, {18, 0}, {18, 18}, {5, -2}, {9, 4}, {38, 10}, {30, 0}, {1, 0}};
        for (int[] shape : shapes) {
            int precision = shape[0];
            int scale = shape[1];
            ColumnMapping m = column("d", PgOids.NUMERIC, numericTypmod(precision, scale), "numeric");
            List<TestTuples> rows = new ArrayList<>();
            List<BigDecimal> expected = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                int digits = 1 + random.nextInt(precision);
                BigInteger unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
                if (random.nextBoolean()) {
                    unscaled = unscaled.negate();
                }
                BigDecimal value = new BigDecimal(unscaled, scale);
                expected.add(value);
                rows.add(TestTuples.row().bytes(numeric(value.toPlainString())));
            }
            List<Map<String, Object>> got = decode(List.of(m), rows, new ArrayList<>());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), got.get(i).get("d"), "numeric(" + precision + "," + scale + ") row " + i);
            }
        }
    }

    @Test
    void aNanDecimalFailsTheReadNamingTheColumnAndTheWayOut() {
        ColumnMapping m = column("d", PgOids.NUMERIC, numericTypmod(10, 2), "numeric(10,2)");
        ConnectorException e = assertThrows(ConnectorException.class, () -> decode(List.of(m),
                List.of(TestTuples.row().bytes(numeric("1.5")), TestTuples.row().bytes(numeric("NaN"))),
                new ArrayList<>()));
        assertEquals("DECODE_FAILED", e.error().code());
        assertTrue(e.error().message().contains("column \"d\"") && e.error().message().contains("NaN")
                && e.error().message().contains("text_columns"), e.error().message());
    }

    @Test
    void anIntervalTimePartBeyondNanosecondsFailsInsteadOfMovingDays() {
        ColumnMapping m = column("i", PgOids.INTERVAL, -1, "interval");
        long micros = 3_000_000L * 3_600_000_000L + 5 * 60_000_000L; // 3,000,000 hours 5 minutes
        byte[] v = new byte[16];
        for (int k = 0; k < 8; k++) {
            v[k] = (byte) (micros >>> (56 - 8 * k));
        }
        v[11] = 2; // days = 2
        v[15] = 1; // months = 1
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> decode(List.of(m), List.of(TestTuples.row().bytes(v)), new ArrayList<>()));
        assertTrue(e.error().message().contains("column \"i\"") && e.error().message().contains("292 years"),
                e.error().message());
        // the largest time part nanoseconds hold still travels as it is
        long max = Long.MAX_VALUE / 1000;
        for (int k = 0; k < 8; k++) {
            v[k] = (byte) (max >>> (56 - 8 * k));
        }
        assertEquals("1/2/" + max * 1000, decode(List.of(m), List.of(TestTuples.row().bytes(v)), new ArrayList<>())
                .get(0).get("i"));
    }

    /** The binary form of an int4 array with the given dimensions and lower bounds, elements 1, 2, 3, ... */
    private static byte[] int4Array(int[] dims, int[] lowerBounds) {
        int n = dims.length == 0 ? 0 : 1;
        for (int d : dims) {
            n *= d;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12 + 8 * dims.length + 8 * n);
        b.putInt(dims.length).putInt(0).putInt(PgOids.INT4);
        for (int d = 0; d < dims.length; d++) {
            b.putInt(dims[d]).putInt(lowerBounds[d]);
        }
        for (int i = 1; i <= n; i++) {
            b.putInt(4).putInt(i);
        }
        return b.array();
    }

    @Test
    void onlyOneDimensionalArraysFromOneBecomeListsAndOthersFailNamingTheColumn() {
        ColumnMapping m = TypeMapper.map(new ColumnInfo("a", 1, "integer[]", false, PgOids.INT4_ARRAY, -1, 'b',
                PgOids.INT4, 'b', true, 1));
        List<Map<String, Object>> ok = decode(List.of(m), List.of(
                TestTuples.row().bytes(int4Array(new int[] {3}, new int[] {1})),
                TestTuples.row().bytes(int4Array(new int[0], new int[0]))), new ArrayList<>());
        assertEquals("[1, 2, 3]", ok.get(0).get("a").toString());
        assertEquals("[]", ok.get(1).get("a").toString());
        for (byte[] bad : List.of(int4Array(new int[] {2, 2}, new int[] {1, 1}), int4Array(new int[] {3}, new int[] {0}))) {
            ConnectorException e = assertThrows(ConnectorException.class,
                    () -> decode(List.of(m), List.of(TestTuples.row().bytes(bad)), new ArrayList<>()));
            assertEquals("DECODE_FAILED", e.error().code());
            assertTrue(e.error().message().contains("column \"a\"") && e.error().message().contains("text_columns"),
                    e.error().message());
            assertTrue(e.error().message().contains("[1:2][1:2]") || e.error().message().contains("[0:2]"),
                    e.error().message());
        }
    }

    @Test
    void aTimestampPastTheArrowRangeIsADataErrorNamingTheColumn() {
        ColumnMapping m = column("ts", PgOids.TIMESTAMP, -1, "timestamp");
        TestTuples row = TestTuples.row().int8(Long.MAX_VALUE - 1); // finite, year 294276
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> decode(List.of(m), List.of(row), new ArrayList<>()));
        assertEquals(ErrorCategory.DATA, e.error().category());
        assertEquals("DECODE_FAILED", e.error().code());
        assertTrue(e.error().message().startsWith("stream s.t, column \"ts\": "), e.error().message());
    }

    @Test
    void wrongLengthsAreDataErrors() {
        ColumnMapping m = column("n", PgOids.INT4, -1, "integer");
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> decode(List.of(m), List.of(TestTuples.row().int8(1)), new ArrayList<>()));
        assertTrue(e.error().message().contains("int4 value must be 4 bytes, got 8"), e.error().message());
    }
}
