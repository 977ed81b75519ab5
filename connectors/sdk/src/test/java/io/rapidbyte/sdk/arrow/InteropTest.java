package io.rapidbyte.sdk.arrow;

import static io.rapidbyte.sdk.arrow.TestData.assertSameData;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Value-for-value interop with Arrow Java in both directions (guest writer to ArrowStreamReader,
 * ArrowStreamWriter to guest reader) plus guest-to-guest, for every supported type.
 */
class InteropTest {
    private static BufferAllocator allocator;
    private static ArrowJavaCodec arrow;

    @BeforeAll
    static void open() {
        allocator = new RootAllocator();
        arrow = new ArrowJavaCodec(allocator);
    }

    @AfterAll
    static void close() {
        allocator.close(); // fails if Arrow buffers leaked
    }

    /** Runs all three directions and checks each against the expected data. */
    static void roundTrip(TestData data, long seed) throws Exception {
        byte[] guestBytes = new GuestCodec(seed).write(data);
        assertSameData(data, arrow.read(guestBytes));
        assertSameData(data, GuestCodec.read(guestBytes));
        byte[] arrowBytes = arrow.write(data);
        assertSameData(data, GuestCodec.read(arrowBytes));
    }

    static void roundTrip(TestData data) throws Exception {
        roundTrip(data, 1);
    }

    private static Object[] withNulls(Object... values) {
        return values;
    }

    @Test
    void integers() throws Exception {
        roundTrip(TestData.single(Field.nullable("i8", ArrowType.INT8), withNulls(0L, -128L, 127L, null, -1L)));
        roundTrip(TestData.single(Field.nullable("i16", ArrowType.INT16), withNulls((long) Short.MIN_VALUE, null, (long) Short.MAX_VALUE)));
        roundTrip(TestData.single(Field.notNull("i32", ArrowType.INT32), withNulls((long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE, 7L)));
        roundTrip(TestData.single(Field.nullable("i64", ArrowType.INT64), withNulls(Long.MIN_VALUE, Long.MAX_VALUE, null, 0L)));
    }

    @Test
    void floats() throws Exception {
        roundTrip(TestData.single(Field.nullable("f32", ArrowType.FLOAT32), withNulls(Float.NaN, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, -0.0f, null, Float.MIN_VALUE, Float.MAX_VALUE, 1.5f)));
        roundTrip(TestData.single(Field.nullable("f64", ArrowType.FLOAT64), withNulls(Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, -0.0, null, Double.MIN_VALUE, Double.MAX_VALUE, Math.PI)));
    }

    @Test
    void booleans() throws Exception {
        Object[] v = new Object[37];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 5 == 0 ? null : (i % 3 == 0);
        }
        roundTrip(TestData.single(Field.nullable("b", ArrowType.BOOL), v));
    }

    @Test
    void strings() throws Exception {
        roundTrip(TestData.single(Field.nullable("s", ArrowType.UTF8), withNulls("", "ascii", null, "ünïcödé 日本 😀",
                "\u0000", "", null, "x".repeat(5000))));
        roundTrip(TestData.single(Field.nullable("bin", ArrowType.BINARY), withNulls(new byte[0], new byte[] {0, -1, 127, -128},
                null, new byte[1000])));
    }

    @Test
    void temporal() throws Exception {
        roundTrip(TestData.single(Field.nullable("d", ArrowType.DATE32), withNulls(0L, -719162L, 2932896L, null,
                (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE)));
        roundTrip(TestData.single(Field.nullable("t", ArrowType.TIME64_MICROS), withNulls(0L, 86_399_999_999L, null)));
        roundTrip(TestData.single(Field.nullable("ts", ArrowType.TIMESTAMP_MICROS), withNulls(Long.MIN_VALUE, Long.MAX_VALUE, null, 0L,
                1_700_000_000_123_456L)));
        for (String tz : new String[] {"UTC", "Europe/Berlin", "+02:00"}) {
            roundTrip(TestData.single(Field.nullable("tstz", ArrowType.timestampMicros(tz)), withNulls(-1L, null, 1_700_000_000_123_456L)));
        }
    }

    @Test
    void decimals() throws Exception {
        BigInteger max38 = BigInteger.TEN.pow(38).subtract(BigInteger.ONE);
        roundTrip(TestData.single(Field.nullable("d38", ArrowType.decimal128(38, 0)), withNulls(
                new BigDecimal(max38), new BigDecimal(max38.negate()), BigDecimal.ZERO, null,
                new BigDecimal(BigInteger.valueOf(Long.MIN_VALUE)), new BigDecimal(BigInteger.valueOf(Long.MAX_VALUE)),
                new BigDecimal(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE)),
                new BigDecimal(BigInteger.valueOf(-1)), new BigDecimal(BigInteger.ONE.shiftLeft(64).negate()))));
        roundTrip(TestData.single(Field.nullable("d38_10", ArrowType.decimal128(38, 10)), withNulls(
                new BigDecimal(max38, 10), new BigDecimal(max38.negate(), 10), new BigDecimal("-0.0000000001"), null,
                new BigDecimal("-12345678901234567890.1234567890"))));
        roundTrip(TestData.single(Field.nullable("d5_2", ArrowType.decimal128(5, 2)), withNulls(
                new BigDecimal("999.99"), new BigDecimal("-999.99"), new BigDecimal("0.01"), new BigDecimal("-0.50"), null)));
        roundTrip(TestData.single(Field.nullable("dneg", ArrowType.decimal128(4, -3)), withNulls(
                new BigDecimal(BigInteger.valueOf(9999), -3), new BigDecimal(BigInteger.valueOf(-7), -3), null)));
        roundTrip(TestData.single(Field.notNull("d1", ArrowType.decimal128(1, 1)), withNulls(
                new BigDecimal("0.9"), new BigDecimal("-0.9"), new BigDecimal("0.0"))));
    }

    @Test
    void fixedSizeBinaryAndUuid() throws Exception {
        byte[] uuid = new byte[16];
        for (int i = 0; i < 16; i++) {
            uuid[i] = (byte) (0xF0 + i);
        }
        roundTrip(TestData.single(Field.nullable("uuid", ArrowType.fixedSizeBinary(16)), withNulls(uuid, null, new byte[16])));
        roundTrip(TestData.single(Field.nullable("fsb3", ArrowType.fixedSizeBinary(3)), withNulls(new byte[] {1, 2, 3}, null)));
        for (long seed = 0; seed < 4; seed++) { // covers appendUuid and append(byte[]) paths
            roundTrip(TestData.single(Field.notNull("uuid", ArrowType.fixedSizeBinary(16)), withNulls(uuid, uuid.clone())), seed);
        }
    }

    @Test
    void intervals() throws Exception {
        roundTrip(TestData.single(Field.nullable("iv", ArrowType.INTERVAL_MONTH_DAY_NANO), withNulls(
                new TestData.Interval(1, 2, 3), null, new TestData.Interval(Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE),
                new TestData.Interval(-1, -1, Long.MAX_VALUE))));
    }

    /** A list of every primitive type, with null lists, empty lists and null elements. */
    @Test
    void listsOfEachType() throws Exception {
        RandomData rd = new RandomData(99);
        ArrowType[] types = {ArrowType.INT8, ArrowType.INT16, ArrowType.INT32, ArrowType.INT64, ArrowType.FLOAT32,
            ArrowType.FLOAT64, ArrowType.BOOL, ArrowType.UTF8, ArrowType.BINARY, ArrowType.DATE32, ArrowType.TIME64_MICROS,
            ArrowType.TIMESTAMP_MICROS, ArrowType.timestampMicros("UTC"), ArrowType.decimal128(38, 4),
            ArrowType.decimal128(9, 0), ArrowType.fixedSizeBinary(16), ArrowType.INTERVAL_MONTH_DAY_NANO};
        for (ArrowType t : types) {
            for (boolean nullableElements : new boolean[] {true, false}) {
                Field element = new Field("item", t, nullableElements, null, null);
                Field list = Field.list("l", true, element);
                Object[] rows = new Object[12];
                for (int i = 0; i < rows.length; i++) {
                    if (i % 4 == 1) {
                        rows[i] = null;
                    } else if (i % 4 == 2) {
                        rows[i] = List.of();
                    } else {
                        List<Object> l = new ArrayList<>();
                        for (int k = 0; k <= i % 5; k++) {
                            l.add(rd.value(element, 0.3));
                        }
                        rows[i] = l;
                    }
                }
                roundTrip(TestData.single(list, rows));
            }
        }
    }

    @Test
    void nestedLists() throws Exception {
        Field inner = Field.list("inner", true, Field.nullable("item", ArrowType.UTF8));
        Field outer = Field.list("outer", true, inner);
        roundTrip(TestData.single(outer, withNulls(
                List.of(List.of("a", "b"), List.of()), null, List.of(), Arrays.asList(null, List.of("c")),
                List.of(Arrays.asList("d", null, "")))));
    }

    @Test
    void emptyBatchesAndMultipleBatches() throws Exception {
        Schema schema = Schema.of(Field.nullable("a", ArrowType.INT32), Field.nullable("s", ArrowType.UTF8),
                Field.list("l", true, Field.nullable("item", ArrowType.INT64)));
        TestData d = new TestData(schema)
                .add(new Object[][] {{}, {}, {}})
                .add(new Object[][] {{1L, null}, {"x", null}, {List.of(1L), null}})
                .add(new Object[][] {{}, {}, {}})
                .add(new Object[][] {{3L}, {""}, {List.of()}});
        roundTrip(d);
        roundTrip(new TestData(schema)); // schema only, no batches
    }

    @Test
    void metadataAndNullability() throws Exception {
        Field f = new Field("id", ArrowType.INT64, false, null, Map.of("pg.type", "int8"));
        Field l = new Field("tags", ArrowType.LIST, true,
                List.of(new Field("item", ArrowType.UTF8, false, null, Map.of("k", "ünï"))), Map.of("pg.type", "text[]"));
        Schema schema = new Schema(List.of(f, l), Map.of("stream", "public.users", "empty", ""));
        roundTrip(new TestData(schema).add(new Object[][] {{5L, 6L}, {List.of("a"), null}}));
    }

    @Test
    void arrowJavaSeesExactSchema() throws Exception {
        Schema schema = Schema.of(Field.nullable("ts", ArrowType.timestampMicros("Asia/Tokyo")),
                Field.notNull("dec", ArrowType.decimal128(38, 9)), Field.nullable("fsb", ArrowType.fixedSizeBinary(16)));
        byte[] bytes = IpcStreamWriter.encode(new RecordBatchBuilder(schema));
        try (org.apache.arrow.vector.ipc.ArrowStreamReader reader = new org.apache.arrow.vector.ipc.ArrowStreamReader(
                new java.io.ByteArrayInputStream(bytes), allocator)) {
            assertEquals(ArrowJavaCodec.toArrow(schema), reader.getVectorSchemaRoot().getSchema());
            assertEquals(true, reader.loadNextBatch());
            assertEquals(0, reader.getVectorSchemaRoot().getRowCount());
            assertEquals(false, reader.loadNextBatch());
        }
    }

    /** Several hundred random schemas, null patterns and batch shapes with a fixed seed. */
    @Test
    void randomized() throws Exception {
        RandomData rd = new RandomData(20240611L);
        for (int iter = 0; iter < 400; iter++) {
            Schema schema = rd.schema();
            TestData data = rd.data(schema, rd.random().nextInt(4), iter % 10 == 0 ? 700 : 40);
            try {
                roundTrip(data, iter);
            } catch (Throwable t) {
                throw new AssertionError("iteration " + iter + ", schema " + schema, t);
            }
        }
    }
}
