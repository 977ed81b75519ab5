package io.rapidbyte.examples.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.rapidbyte.sdk.arrow.ArrowType;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.RecordBatch;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.sdk.arrow.Schema;
import org.junit.jupiter.api.Test;

class RowChecksumTest {
    private static final Schema SCHEMA = Schema.of(Field.notNull("v", ArrowType.INT32));

    private static RecordBatch ints(int... values) {
        RecordBatchBuilder b = new RecordBatchBuilder(SCHEMA);
        for (int v : values) {
            b.intColumn(0).append(v);
        }
        return VerifyBatches.roundTrip(b);
    }

    private static RowChecksum sum(RecordBatch... batches) {
        RowChecksum c = new RowChecksum();
        for (RecordBatch b : batches) {
            c.add(b);
        }
        return c;
    }

    @Test
    void independentOfRowOrderAndBatchBoundaries() {
        RowChecksum a = sum(ints(1, 2, 3), ints(4, 5));
        RowChecksum b = sum(ints(5), ints(3, 1, 4), ints(2));
        assertEquals(5, a.rows());
        assertEquals(a.value(), b.value());
        assertEquals(a.hex(), b.hex());
    }

    @Test
    void duplicatesAndChangedValuesChangeIt() {
        assertNotEquals(sum(ints(1, 2)).value(), sum(ints(1, 2, 2)).value(), "a duplicate counts");
        assertNotEquals(sum(ints(1, 2)).value(), sum(ints(1, 3)).value());
        assertNotEquals(sum(ints(7, 7)).value(), sum(ints()).value(), "duplicates do not cancel out");
    }

    @Test
    void emptyInputIsZeroAndHexIsSixteenDigits() {
        assertEquals(0, sum().value());
        assertEquals("0000000000000000", sum().hex());
        assertEquals("00000000000000ff", RowChecksum.toHex(255));
        assertEquals("ffffffffffffffff", RowChecksum.toHex(-1));
    }
}
