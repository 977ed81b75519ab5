package io.rapidbyte.examples.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.sdk.arrow.Decimal128;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RowValuesTest {
    private final RowValues values = new RowValues(RowValues.streamSeed(42, "generator.rows"), 7);

    @Test
    void rowsArePureFunctionsOfSeedStreamAndIndex() {
        RowValues again = new RowValues(RowValues.streamSeed(42, "generator.rows"), 7);
        RowValues otherStream = new RowValues(RowValues.streamSeed(42, "generator.other"), 7);
        int differing = 0;
        for (long k = 0; k < 200; k++) {
            assertEquals(values.int64(k), again.int64(k));
            assertEquals(values.name(k), again.name(k));
            assertEquals(values.amountLow(k), again.amountLow(k));
            if (values.int64(k) != otherStream.int64(k)) {
                differing++;
            }
        }
        assertTrue(differing > 190, "another stream has other data: " + differing);
    }

    @Test
    void nullsFollowTheDocumentedPatternAndSpareTheKey() {
        for (long k = 0; k < 100; k++) {
            assertFalse(values.isNull(GeneratedSchema.ID, k));
            for (int c = 1; c < GeneratedSchema.COLUMN_COUNT; c++) {
                assertEquals((k + c) % 7 == 0, values.isNull(c, k), "column " + c + " row " + k);
            }
        }
        RowValues noNulls = new RowValues(1, 0);
        for (long k = 0; k < 100; k++) {
            for (int c = 0; c < GeneratedSchema.COLUMN_COUNT; c++) {
                assertFalse(noNulls.isNull(c, k));
            }
            for (int j = 0; j < RowValues.MAX_SCORES; j++) {
                assertFalse(noNulls.isScoreNull(k, j));
            }
        }
    }

    @Test
    void edgeRowsCarryExtremesAndSpecialFloats() {
        assertEquals(Byte.MIN_VALUE, values.int8(1));
        assertEquals(Short.MAX_VALUE, values.int16(2));
        assertEquals(Integer.MIN_VALUE, values.int32(51));
        assertEquals(Long.MAX_VALUE, values.int64(52));
        assertEquals(RowValues.FLOAT_NAN_BITS, Float.floatToRawIntBits(values.float32(1)));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(values.float64(2)));
        assertEquals(Float.POSITIVE_INFINITY, values.float32(3));
        assertEquals(Double.NEGATIVE_INFINITY, values.float64(4));
    }

    @Test
    void valuesStayWithinTheirTypesAndDocumentedBounds() {
        for (long k = 0; k < 5000; k++) {
            byte[] name = values.name(k).getBytes(StandardCharsets.UTF_8);
            assertTrue(name.length <= RowValues.MAX_NAME_BYTES);
            assertTrue(values.payload(k).length <= RowValues.MAX_PAYLOAD_BYTES);
            assertTrue(values.timeOfDay(k) >= 0 && values.timeOfDay(k) < 86_400_000_000L);
            assertTrue(values.day(k) >= -25_567 && values.day(k) < -25_567 + 73_049);
            assertTrue(Decimal128.fitsPrecision(values.amountHigh(k), values.amountLow(k),
                    GeneratedSchema.AMOUNT_PRECISION), "row " + k);
            assertEquals(4, (values.uuidHigh(k) >>> 12) & 0xF, "version 4");
            assertEquals(2, values.uuidLow(k) >>> 62, "variant 1");
            assertTrue(values.scoreCount(k) <= RowValues.MAX_SCORES && values.labelCount(k) <= RowValues.MAX_LABELS);
            for (int j = 0; j < values.labelCount(k); j++) {
                assertTrue(values.label(k, j).length() <= RowValues.MAX_LABEL_BYTES, values.label(k, j));
            }
            float f = values.float32(k);
            if (!Float.isNaN(f) && !Float.isInfinite(f)) {
                assertEquals(f, (float) (double) f, "exactly representable");
            }
        }
        assertNotEquals(values.amountHigh(0), values.amountLow(0) >> 63, "every fifth row needs 128 bits");
    }
}
