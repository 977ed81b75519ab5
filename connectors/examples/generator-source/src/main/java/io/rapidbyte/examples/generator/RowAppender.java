package io.rapidbyte.examples.generator;

import static io.rapidbyte.examples.generator.GeneratedSchema.AMOUNT;
import static io.rapidbyte.examples.generator.GeneratedSchema.DAY;
import static io.rapidbyte.examples.generator.GeneratedSchema.F32;
import static io.rapidbyte.examples.generator.GeneratedSchema.F64;
import static io.rapidbyte.examples.generator.GeneratedSchema.FLAG;
import static io.rapidbyte.examples.generator.GeneratedSchema.I16;
import static io.rapidbyte.examples.generator.GeneratedSchema.I32;
import static io.rapidbyte.examples.generator.GeneratedSchema.I64;
import static io.rapidbyte.examples.generator.GeneratedSchema.I8;
import static io.rapidbyte.examples.generator.GeneratedSchema.ID;
import static io.rapidbyte.examples.generator.GeneratedSchema.LABELS;
import static io.rapidbyte.examples.generator.GeneratedSchema.NAME;
import static io.rapidbyte.examples.generator.GeneratedSchema.PAYLOAD;
import static io.rapidbyte.examples.generator.GeneratedSchema.SCORES;
import static io.rapidbyte.examples.generator.GeneratedSchema.SPAN;
import static io.rapidbyte.examples.generator.GeneratedSchema.TOD;
import static io.rapidbyte.examples.generator.GeneratedSchema.TS;
import static io.rapidbyte.examples.generator.GeneratedSchema.TS_TZ;
import static io.rapidbyte.examples.generator.GeneratedSchema.UUID;

import io.rapidbyte.sdk.arrow.BoolColumnBuilder;
import io.rapidbyte.sdk.arrow.DecimalColumnBuilder;
import io.rapidbyte.sdk.arrow.FixedSizeBinaryColumnBuilder;
import io.rapidbyte.sdk.arrow.FloatColumnBuilder;
import io.rapidbyte.sdk.arrow.IntColumnBuilder;
import io.rapidbyte.sdk.arrow.IntervalColumnBuilder;
import io.rapidbyte.sdk.arrow.ListColumnBuilder;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.sdk.arrow.VarBinaryColumnBuilder;

/**
 * Appends generated rows ({@link RowValues}) to a {@link RecordBatchBuilder} of
 * {@link GeneratedSchema#FIELDS}. The typed builders are looked up once, so a row costs no casts
 * or lookups. Owns a scratch buffer; not thread-safe.
 */
public final class RowAppender {
    private final RecordBatchBuilder batch;
    private final RowValues values;
    private final IntColumnBuilder id;
    private final IntColumnBuilder i8;
    private final IntColumnBuilder i16;
    private final IntColumnBuilder i32;
    private final IntColumnBuilder i64;
    private final FloatColumnBuilder f32;
    private final FloatColumnBuilder f64;
    private final BoolColumnBuilder flag;
    private final VarBinaryColumnBuilder name;
    private final VarBinaryColumnBuilder payload;
    private final IntColumnBuilder day;
    private final IntColumnBuilder tod;
    private final IntColumnBuilder ts;
    private final IntColumnBuilder tsTz;
    private final DecimalColumnBuilder amount;
    private final FixedSizeBinaryColumnBuilder uuid;
    private final IntervalColumnBuilder span;
    private final ListColumnBuilder scores;
    private final IntColumnBuilder scoreItems;
    private final ListColumnBuilder labels;
    private final VarBinaryColumnBuilder labelItems;
    private final byte[] payloadScratch = new byte[RowValues.MAX_PAYLOAD_BYTES];

    /** @param batch a builder of {@link GeneratedSchema#FIELDS} (its schema metadata does not matter) */
    public RowAppender(RecordBatchBuilder batch, RowValues values) {
        if (!batch.schema().fields().equals(GeneratedSchema.FIELDS.fields())) {
            throw new IllegalArgumentException("builder is not for the generator's schema");
        }
        this.batch = batch;
        this.values = values;
        id = batch.intColumn(ID);
        i8 = batch.intColumn(I8);
        i16 = batch.intColumn(I16);
        i32 = batch.intColumn(I32);
        i64 = batch.intColumn(I64);
        f32 = batch.floatColumn(F32);
        f64 = batch.floatColumn(F64);
        flag = batch.boolColumn(FLAG);
        name = batch.varBinaryColumn(NAME);
        payload = batch.varBinaryColumn(PAYLOAD);
        day = batch.intColumn(DAY);
        tod = batch.intColumn(TOD);
        ts = batch.intColumn(TS);
        tsTz = batch.intColumn(TS_TZ);
        amount = batch.decimalColumn(AMOUNT);
        uuid = batch.fixedSizeBinaryColumn(UUID);
        span = batch.intervalColumn(SPAN);
        scores = batch.listColumn(SCORES);
        scoreItems = (IntColumnBuilder) scores.child();
        labels = batch.listColumn(LABELS);
        labelItems = (VarBinaryColumnBuilder) labels.child();
    }

    public RecordBatchBuilder batch() {
        return batch;
    }

    /**
     * Appends row {@code k} to every column. In three parts: as one function the row would be over
     * HotSpot's JIT size limit once compiled (wasm-build's GuestMethodSizes checks it).
     */
    public void append(long k) {
        appendNumbers(k);
        appendTexts(k);
        appendTemporals(k);
        appendWide(k);
        appendScores(k);
        appendLabels(k);
    }

    private void appendNumbers(long k) {
        id.append(values.id(k));
        if (nullAt(I8, k)) i8.appendNull(); else i8.append(values.int8(k));
        if (nullAt(I16, k)) i16.appendNull(); else i16.append(values.int16(k));
        if (nullAt(I32, k)) i32.appendNull(); else i32.append(values.int32(k));
        if (nullAt(I64, k)) i64.appendNull(); else i64.append(values.int64(k));
        if (nullAt(F32, k)) f32.appendNull(); else f32.append(values.float32(k));
        if (nullAt(F64, k)) f64.appendNull(); else f64.append(values.float64(k));
        if (nullAt(FLAG, k)) flag.appendNull(); else flag.append(values.flag(k));
    }

    private void appendTexts(long k) {
        if (nullAt(NAME, k)) name.appendNull(); else name.append(values.name(k));
        if (nullAt(PAYLOAD, k)) {
            payload.appendNull();
        } else {
            payload.append(payloadScratch, 0, values.payload(k, payloadScratch));
        }
    }

    private void appendTemporals(long k) {
        if (nullAt(DAY, k)) day.appendNull(); else day.append(values.day(k));
        if (nullAt(TOD, k)) tod.appendNull(); else tod.append(values.timeOfDay(k));
        if (nullAt(TS, k)) ts.appendNull(); else ts.append(values.timestamp(k));
        if (nullAt(TS_TZ, k)) tsTz.appendNull(); else tsTz.append(values.timestampTz(k));
    }

    private void appendWide(long k) {
        if (nullAt(AMOUNT, k)) amount.appendNull(); else amount.appendUnscaled(values.amountHigh(k), values.amountLow(k));
        if (nullAt(UUID, k)) uuid.appendNull(); else uuid.appendUuid(values.uuidHigh(k), values.uuidLow(k));
        if (nullAt(SPAN, k)) span.appendNull(); else span.append(values.spanMonths(k), values.spanDays(k), values.spanNanos(k));
    }

    private boolean nullAt(int column, long k) {
        return values.isNull(column, k);
    }

    private void appendScores(long k) {
        if (nullAt(SCORES, k)) {
            scores.appendNull();
            return;
        }
        scores.startList();
        int n = values.scoreCount(k);
        for (int j = 0; j < n; j++) {
            if (values.isScoreNull(k, j)) {
                scoreItems.appendNull();
            } else {
                scoreItems.append(values.score(k, j));
            }
        }
        scores.endList();
    }

    private void appendLabels(long k) {
        if (nullAt(LABELS, k)) {
            labels.appendNull();
            return;
        }
        labels.startList();
        int n = values.labelCount(k);
        for (int j = 0; j < n; j++) {
            labelItems.append(values.label(k, j));
        }
        labels.endList();
    }
}
