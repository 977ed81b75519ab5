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
        return TypeMapper.map(new ColumnInfo(name, 1, type, false, oid, typmod, 'b', 0, '\0', true));
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
    void nanDecimalsBecomeNullWithANote() {
        List<String> notes = new ArrayList<>();
        ColumnMapping m = column("d", PgOids.NUMERIC, numericTypmod(10, 2), "numeric(10,2)");
        List<Map<String, Object>> got = decode(List.of(m), List.of(TestTuples.row().bytes(numeric("NaN")),
                TestTuples.row().bytes(numeric("1.5"))), notes);
        assertEquals(null, got.get(0).get("d"));
        assertEquals(new BigDecimal("1.50"), got.get(1).get("d"));
        assertEquals(List.of("d: numeric NaN has no decimal128 form and is stored as null"), notes);
    }

    @Test
    void hugeIntervalTimePartsMoveWholeDaysOut() {
        List<String> notes = new ArrayList<>();
        ColumnMapping m = column("i", PgOids.INTERVAL, -1, "interval");
        long micros = 3_000_000L * 3_600_000_000L + 5 * 60_000_000L; // 3,000,000 hours 5 minutes
        byte[] v = new byte[16];
        for (int k = 0; k < 8; k++) {
            v[k] = (byte) (micros >>> (56 - 8 * k));
        }
        v[11] = 2; // days = 2
        v[15] = 1; // months = 1
        List<Map<String, Object>> got = decode(List.of(m), List.of(TestTuples.row().bytes(v)), notes);
        assertEquals("1/125002/300000000000", got.get(0).get("i"));
        assertTrue(notes.get(0).contains("keep whole days in the days field"), notes.toString());
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
