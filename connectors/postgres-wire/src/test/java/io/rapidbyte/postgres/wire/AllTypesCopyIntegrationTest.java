package io.rapidbyte.postgres.wire;

import io.rapidbyte.postgres.wire.binary.ArrayReader;
import io.rapidbyte.postgres.wire.binary.BinaryFormatException;
import io.rapidbyte.postgres.wire.binary.NumericCodec;
import io.rapidbyte.postgres.wire.binary.PgInterval;
import io.rapidbyte.postgres.wire.binary.PgNumeric;
import io.rapidbyte.postgres.wire.binary.PgOids;
import io.rapidbyte.postgres.wire.binary.ScalarCodec;
import io.rapidbyte.postgres.wire.binary.TemporalCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binary COPY OUT of every supported type, checked against the server's text output, and COPY IN back. */
class AllTypesCopyIntegrationTest {

    private static final String TABLE = "all_types";
    private static final String COPY_OUT = "COPY (SELECT * FROM " + TABLE + " ORDER BY id) TO STDOUT (FORMAT binary)";
    private static PgConnection conn;
    private static int[] typeOids;

    @BeforeAll
    static void setUp() throws PgException {
        conn = EmbeddedPg.superuser();
        conn.simpleQuery("DROP TABLE IF EXISTS " + TABLE + "; " + AllTypesFixture.createTable(TABLE) + ";"
                + AllTypesFixture.insertRows(TABLE) + "; SET IntervalStyle = iso_8601");
        QueryResult shape = conn.query("SELECT * FROM " + TABLE + " LIMIT 0");
        typeOids = new int[shape.columns().size()];
        for (int i = 0; i < typeOids.length; i++) {
            typeOids[i] = shape.columns().get(i).typeOid();
        }
        assertEquals(AllTypesFixture.COLUMNS.length, typeOids.length);
        assertEquals(PgOids.NUMERIC, typeOids[20]);
        assertEquals((20 << 16 | 4) + 4, shape.columns().get(20).typeModifier(), "numeric(20,4) typmod");
        assertEquals(24, shape.columns().get(8).typeModifier(), "varchar(20) typmod");
    }

    @AfterAll
    static void tearDown() {
        conn.close();
    }

    @Test
    void copyOutDecodesEveryTypeLikeTheServerPrintsIt() throws PgException {
        List<String[]> expected = conn.query(AllTypesFixture.selectAsText(TABLE)).rows();
        Map<String, List<String>> elements = arrayElementsAsText(TABLE);
        ArrayReader arr = new ArrayReader();
        try (CopyOut out = conn.copyOut(COPY_OUT)) {
            assertEquals(1, out.overallFormat());
            BinaryCopyReader r = new BinaryCopyReader(out);
            int row = 0;
            while (r.next()) {
                String[] text = expected.get(row);
                assertEquals(typeOids.length, r.fieldCount());
                for (int c = 0; c < typeOids.length; c++) {
                    String where = "row " + text[0] + " column " + AllTypesFixture.COLUMNS[c][0];
                    assertEquals(text[c] == null, r.isNull(c), where);
                    if (r.isNull(c)) {
                        continue;
                    }
                    if (!AllTypesFixture.isArray(c)) {
                        PgTextRenderer.assertMatches(where, typeOids[c], r.buffer(), r.offset(c), r.length(c), text[c]);
                        continue;
                    }
                    arr.reset(r.buffer(), r.offset(c), r.length(c));
                    assertEquals(PgOids.elementOf(typeOids[c]), arr.elementOid(), where);
                    List<String> want = elements.getOrDefault(text[0] + "/" + c, new ArrayList<>());
                    assertEquals(want.size(), arr.elementCount(), where);
                    for (int k = 0; arr.next(); k++) {
                        String w = want.get(k);
                        assertEquals(w == null, arr.isNull(), where + "[" + k + "]");
                        if (w != null) {
                            PgTextRenderer.assertMatches(where + "[" + k + "]", arr.elementOid(), arr.buffer(),
                                    arr.elementOffset(), arr.elementLength(), w);
                        }
                    }
                }
                row++;
            }
            assertEquals(expected.size(), row);
            assertEquals(expected.size(), out.rowCount());
        }
        assertEquals(TransactionStatus.IDLE, conn.transactionStatus());
    }

    @Test
    void specialValuesAreReportedDistinctly() throws PgException {
        Map<Integer, byte[][]> rows = fetchRows();
        byte[][] max = rows.get(3);
        assertTrue(Double.isNaN(ScalarCodec.float8(max[6], 0, max[6].length)));
        assertEquals(Float.POSITIVE_INFINITY, ScalarCodec.float4(max[5], 0, 4));
        assertEquals(TemporalCodec.DATE_POS_INFINITY, TemporalCodec.date(max[12], 0, 4));
        assertEquals(TemporalCodec.TIMESTAMP_POS_INFINITY, TemporalCodec.timestamp(max[15], 0, 8));
        assertEquals(TemporalCodec.TIMESTAMP_POS_INFINITY, TemporalCodec.timestamp(max[16], 0, 8));
        assertTrue(TemporalCodec.interval(max[17], 0, 16).isPositiveInfinity());
        assertEquals(86_400_000_000L, TemporalCodec.time(max[13], 0, 8));
        assertEquals(-(15 * 3600 + 59 * 60), TemporalCodec.timetzOffsetSeconds(max[14], 0, 12));
        assertTrue(NumericCodec.decode(max[19], 0, max[19].length).isNaN());
        assertEquals(-1L, ScalarCodec.uuidHigh(max[18], 0, 16));
        assertEquals(4294967295L, ScalarCodec.oid(max[27], 0, 4));
        assertEquals(256, max[11].length);

        byte[][] min = rows.get(4);
        int bc = TemporalCodec.date(min[12], 0, 4);
        assertFalse(TemporalCodec.isDateInfinite(bc), "4713 BC is finite");
        assertEquals(java.time.LocalDate.of(-4712, 1, 1).toEpochDay(), TemporalCodec.dateToUnixDays(bc));
        assertTrue(TemporalCodec.interval(min[17], 0, 16).isNegativeInfinity());
        assertEquals(PgNumeric.Kind.NEGATIVE_INFINITY, NumericCodec.decode(min[19], 0, min[19].length).kind());
        PgNumeric p = NumericCodec.decode(min[20], 0, min[20].length);
        assertEquals(new BigInteger("-99999999999999999999"), unscaled(p));
        assertEquals(4, p.scale());

        byte[][] edge = rows.get(5);
        long latest = TemporalCodec.timestamp(edge[15], 0, 8);
        assertThrows(BinaryFormatException.class, () -> TemporalCodec.timestampToUnixMicros(latest),
                "294276 AD does not fit int64 Unix micros and must not turn into infinity");
        assertEquals(2145031948, TemporalCodec.date(edge[12], 0, 4));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(ScalarCodec.float8(edge[6], 0, 8)));
        PgNumeric googol = NumericCodec.decode(edge[19], 0, edge[19].length);
        assertFalse(googol.fitsUnscaled128());
        assertEquals("1" + "0".repeat(100), googol.toString());

        BigInteger top = BigInteger.ONE.shiftLeft(127);
        assertEquals(top.subtract(BigInteger.ONE), unscaled(NumericCodec.decode(rows.get(6)[19], 0, rows.get(6)[19].length)));
        assertEquals(top.negate(), unscaled(NumericCodec.decode(rows.get(7)[19], 0, rows.get(7)[19].length)));
        assertFalse(NumericCodec.decode(rows.get(8)[19], 0, rows.get(8)[19].length).fitsUnscaled128());

        byte[][] typical = rows.get(2);
        PgNumeric n = NumericCodec.decode(typical[20], 0, typical[20].length);
        assertEquals(425000, n.unscaledLow());
        assertEquals(4, n.scale());
        assertEquals(new PgInterval(14, 3, 14_706_789_000L), TemporalCodec.interval(typical[17], 0, 16));
        assertEquals(5 * 3600 + 30 * 60, TemporalCodec.timetzOffsetSeconds(typical[14], 0, 12));
        assertNull(rows.get(1)[1]);
    }

    @Test
    void copyInBinaryRoundTripsEveryType() throws PgException {
        String copy = "all_types_copy";
        conn.simpleQuery("DROP TABLE IF EXISTS " + copy + "; " + AllTypesFixture.createTable(copy));
        Map<Integer, byte[][]> rows = fetchRows();
        CopyIn in = conn.copyIn("COPY " + copy + " FROM STDIN (FORMAT binary)");
        BinaryCopyWriter w = new BinaryCopyWriter(in);
        RowReEncoder encoder = new RowReEncoder(typeOids);
        for (byte[][] row : rows.values()) {
            encoder.write(w, row);
        }
        w.finish();
        assertEquals(rows.size(), in.finish());
        assertEquals(conn.query(AllTypesFixture.selectAsText(TABLE)).rows().size(), rows.size());
        List<String[]> a = conn.query(AllTypesFixture.selectAsText(TABLE)).rows();
        List<String[]> b = conn.query(AllTypesFixture.selectAsText(copy)).rows();
        for (int i = 0; i < a.size(); i++) {
            for (int c = 0; c < a.get(i).length; c++) {
                assertEquals(a.get(i)[c], b.get(i)[c], "row " + a.get(i)[0] + " column " + AllTypesFixture.COLUMNS[c][0]);
            }
        }
        assertTrue(encoder.unixFallbacks <= 2, "only the year-294276 timestamps may skip the Unix round trip");
    }

    @Test
    void badBinaryRowFailsAtFinishAndConnectionRecovers() throws PgException {
        conn.simpleQuery("DROP TABLE IF EXISTS narrow; CREATE TABLE narrow (v int4)");
        CopyIn in = conn.copyIn("COPY narrow FROM STDIN (FORMAT binary)");
        BinaryCopyWriter w = new BinaryCopyWriter(in);
        w.startTuple(1);
        w.writeInt8(1); // 8 bytes for an int4 column
        w.endTuple();
        w.finish();
        PgException e = assertThrows(PgException.class, in::finish);
        assertEquals("22P03", e.sqlState());
        assertEquals(PgErrorCategory.DATA, e.category());
        assertTrue(e.serverMessage().message().contains("incorrect binary data format"), e.getMessage());
        assertTrue(e.serverMessage().where().contains("COPY narrow"), e.serverMessage().where());
        assertEquals("0", conn.query("SELECT count(*) FROM narrow").value(0, 0));

        CopyIn aborted = conn.copyIn("COPY narrow FROM STDIN (FORMAT binary)");
        BinaryCopyWriter w2 = new BinaryCopyWriter(aborted);
        w2.startTuple(1);
        w2.writeInt4(5);
        w2.endTuple();
        w2.finish();
        aborted.fail("client gave up");
        assertEquals("0", conn.query("SELECT count(*) FROM narrow").value(0, 0));
        assertEquals(TransactionStatus.IDLE, conn.transactionStatus());
    }

    private static BigInteger unscaled(PgNumeric n) {
        return BigInteger.valueOf(n.unscaledHigh()).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(n.unscaledLow())));
    }

    /** Raw binary field values per row id (copied out of the reader's views). */
    private static Map<Integer, byte[][]> fetchRows() throws PgException {
        Map<Integer, byte[][]> rows = new java.util.TreeMap<>();
        BinaryCopyReader r = new BinaryCopyReader(conn.copyOut(COPY_OUT));
        while (r.next()) {
            byte[][] fields = new byte[r.fieldCount()][];
            for (int c = 0; c < fields.length; c++) {
                if (!r.isNull(c)) {
                    fields[c] = java.util.Arrays.copyOfRange(r.buffer(), r.offset(c), r.offset(c) + r.length(c));
                }
            }
            rows.put(ScalarCodec.int4(fields[0], 0, 4), fields);
        }
        return rows;
    }

    /** Server text of every array element, keyed "id/column", in order. */
    private static Map<String, List<String>> arrayElementsAsText(String table) throws PgException {
        Map<String, List<String>> out = new HashMap<>();
        for (int c = 0; c < AllTypesFixture.COLUMNS.length; c++) {
            if (!AllTypesFixture.isArray(c)) {
                continue;
            }
            String col = AllTypesFixture.COLUMNS[c][0];
            QueryResult q = conn.query("SELECT id, " + AllTypesFixture.outputOf("e") + " FROM " + table + ", unnest(" + col
                    + ") WITH ORDINALITY AS u(e, ord) ORDER BY id, ord");
            for (String[] row : q.rows()) {
                out.computeIfAbsent(row[0] + "/" + c, k -> new ArrayList<>()).add(row[1]);
            }
        }
        return out;
    }
}
