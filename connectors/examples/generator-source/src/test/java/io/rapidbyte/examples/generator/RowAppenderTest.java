package io.rapidbyte.examples.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.sdk.arrow.IpcStreamReader;
import io.rapidbyte.sdk.arrow.IpcStreamWriter;
import io.rapidbyte.sdk.arrow.ListColumn;
import io.rapidbyte.sdk.arrow.RecordBatch;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.sdk.arrow.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Row appending and the byte budget on the JVM, through the SDK's own writer and reader. */
class RowAppenderTest {
    private static final String STREAM = "s.t";

    @Test
    void appendedRowsReadBackAsDefined() {
        RowValues values = new RowValues(5, 3);
        RecordBatchBuilder batch = new RecordBatchBuilder(GeneratedSchema.FIELDS);
        RowAppender appender = new RowAppender(batch, values);
        for (long k = 100; k < 400; k++) {
            appender.append(k);
        }
        IpcStreamWriter w = new IpcStreamWriter(GeneratedSchema.forBatch(STREAM, "run-1", 9));
        w.writeBatch(batch);
        w.finish();
        IpcStreamReader r = new IpcStreamReader(w.toByteArray());
        assertEquals("9", r.schema().metadata().get(GeneratedSchema.KEY_SEQ));
        RecordBatch b = r.next();
        assertEquals(300, b.rowCount());
        for (int i = 0; i < 300; i++) {
            long k = 100 + i;
            assertEquals(k, b.intColumn(GeneratedSchema.ID).getLong(i));
            assertEquals(values.isNull(GeneratedSchema.NAME, k), b.column(GeneratedSchema.NAME).isNull(i));
            if (!values.isNull(GeneratedSchema.NAME, k)) {
                assertEquals(values.name(k), b.varBinaryColumn(GeneratedSchema.NAME).getString(i));
            }
            if (!values.isNull(GeneratedSchema.PAYLOAD, k)) {
                assertArrayEquals(values.payload(k), b.varBinaryColumn(GeneratedSchema.PAYLOAD).getBytes(i));
            }
            if (!values.isNull(GeneratedSchema.AMOUNT, k)) {
                assertEquals(values.amountHigh(k), b.decimalColumn(GeneratedSchema.AMOUNT).getHigh(i));
                assertEquals(values.amountLow(k), b.decimalColumn(GeneratedSchema.AMOUNT).getLow(i));
            }
            if (!values.isNull(GeneratedSchema.SCORES, k)) {
                ListColumn scores = b.listColumn(GeneratedSchema.SCORES);
                assertEquals(values.scoreCount(k), scores.valueCount(i));
            }
        }
        assertEquals(null, r.next());
    }

    @Test
    void refusesABuilderOfAnotherSchema() {
        RecordBatchBuilder other = new RecordBatchBuilder(Schema.of(GeneratedSchema.FIELDS.field(0)));
        assertThrows(IllegalArgumentException.class, () -> new RowAppender(other, new RowValues(1, 1)));
    }

    /** The budget's promise: appending the rows it admits never takes the stream past the cap. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 7, 1000})
    void admittedRowsNeverExceedTheCapAndFillMostOfIt(int nullEvery) {
        int cap = 64 * 1024;
        long overhead = 900;
        RecordBatchBuilder batch = new RecordBatchBuilder(GeneratedSchema.FIELDS);
        RowAppender appender = new RowAppender(batch, new RowValues(99, nullEvery));
        BatchByteBudget budget = new BatchByteBudget(cap, overhead);
        long k = 0;
        int asked = 0;
        for (long n = budget.rowsThatFit(batch); n > 0; n = budget.rowsThatFit(batch)) {
            asked++;
            for (long end = k + n; k < end; k++) {
                appender.append(k);
            }
            assertTrue(overhead + batch.estimatedBytes() <= cap, "after " + k + " rows: " + batch.estimatedBytes());
        }
        assertTrue(overhead + batch.estimatedBytes() > cap * 9 / 10, "filled: " + batch.estimatedBytes());
        assertTrue(asked < 40, "asked " + asked + " times for " + k + " rows");
    }

    @Test
    void budgetAlwaysAdmitsAFirstRowAndEncodedStreamsStayUnderTheCap() {
        RecordBatchBuilder batch = new RecordBatchBuilder(GeneratedSchema.FIELDS);
        RowAppender appender = new RowAppender(batch, new RowValues(3, 4));
        BatchByteBudget tiny = new BatchByteBudget(10, 1000);
        assertEquals(1, tiny.rowsThatFit(batch), "an empty batch always takes a row");
        appender.append(0);
        assertEquals(0, tiny.rowsThatFit(batch));

        int cap = 20_000;
        IpcStreamWriter longest = new IpcStreamWriter(GeneratedSchema.forBatch(STREAM, "run", Long.MAX_VALUE));
        BatchByteBudget budget = new BatchByteBudget(cap, longest.schemaMessageLength() + IpcStreamWriter.EOS_BYTES);
        batch.reset();
        long k = 0;
        for (long n = budget.rowsThatFit(batch); n > 0; n = budget.rowsThatFit(batch)) {
            for (long end = k + n; k < end; k++) {
                appender.append(k);
            }
        }
        IpcStreamWriter w = new IpcStreamWriter(GeneratedSchema.forBatch(STREAM, "run", 123_456));
        w.writeBatch(batch);
        w.finish();
        assertTrue(w.length() <= cap, w.length() + " bytes");
        assertTrue(w.length() > cap * 3 / 4, "the bound is not wildly pessimistic: " + w.length() + " bytes");
    }
}
