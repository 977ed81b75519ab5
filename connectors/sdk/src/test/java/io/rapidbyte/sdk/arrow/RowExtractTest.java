package io.rapidbyte.sdk.arrow;

import static io.rapidbyte.sdk.arrow.TestData.assertSameData;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every row of random batches, extracted alone, reads back (guest reader and Arrow Java) as that row. */
class RowExtractTest {
    private static BufferAllocator allocator;
    private static ArrowJavaCodec arrow;

    @BeforeAll
    static void open() {
        allocator = new RootAllocator();
        arrow = new ArrowJavaCodec(allocator);
    }

    @AfterAll
    static void close() {
        allocator.close();
    }

    @Test
    void everyRowOfRandomBatchesAlone() throws Exception {
        RandomData rd = new RandomData(20250101L);
        int checked = 0;
        for (int round = 0; round < 60; round++) {
            Schema schema = rd.schema();
            TestData data = rd.data(schema, 1, 12);
            byte[] stream = new GuestCodec(round).write(data);
            RecordBatch batch = new IpcStreamReader(stream, 0, stream.length).next();
            Object[][] values = data.batches.get(0);
            Map<String, String> md = Map.of("rapidbyte.stream", "s", "round", Integer.toString(round));
            for (int row = 0; row < batch.rowCount(); row++) {
                byte[] one = RowExtract.ipc(batch, row, md);
                TestData expected = new TestData(new Schema(schema.fields(), md)).add(column(values, row));
                assertSameData(expected, GuestCodec.read(one));
                assertSameData(expected, arrow.read(one));
                checked++;
            }
        }
        assertTrue(checked > 100, "rows checked: " + checked);
    }

    @Test
    void aNullInANonNullableFieldMakesThatFieldNullable() {
        Schema schema = Schema.of(Field.notNull("id", ArrowType.INT64), Field.notNull("name", ArrowType.UTF8));
        RecordBatchBuilder b = new RecordBatchBuilder(new Schema(List.of(Field.notNull("id", ArrowType.INT64),
                Field.nullable("name", ArrowType.UTF8)), null));
        b.intColumn(0).append(7);
        b.varBinaryColumn(1).appendNull();
        byte[] stream = IpcStreamWriter.encode(b);
        // A producer that declares name NOT NULL and still sends a null.
        RecordBatch read = new IpcStreamReader(stream, 0, stream.length).next();
        RecordBatch wrong = new RecordBatch(schema, 1, new Column[] {read.column(0), read.column(1)});
        byte[] one = RowExtract.ipc(wrong, 0, null);
        IpcStreamReader r = new IpcStreamReader(one, 0, one.length);
        assertFalse(r.schema().field(0).isNullable());
        assertTrue(r.schema().field(1).isNullable());
        assertTrue(r.next().column(1).isNull(0));
    }

    @Test
    void aRowOutsideTheBatchIsRefused() {
        RecordBatchBuilder b = new RecordBatchBuilder(Schema.of(Field.nullable("x", ArrowType.INT32)));
        b.intColumn(0).append(1);
        byte[] stream = IpcStreamWriter.encode(b);
        RecordBatch batch = new IpcStreamReader(stream, 0, stream.length).next();
        assertThrows(IllegalArgumentException.class, () -> RowExtract.ipc(batch, 1, null));
        assertThrows(IllegalArgumentException.class, () -> RowExtract.ipc(batch, -1, null));
    }

    private static Object[][] column(Object[][] values, int row) {
        Object[][] one = new Object[values.length][1];
        for (int c = 0; c < values.length; c++) {
            one[c][0] = values[c][row];
        }
        return one;
    }
}
