package io.rapidbyte.examples.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.rapidbyte.sdk.arrow.ArrowType;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.IntColumnBuilder;
import io.rapidbyte.sdk.arrow.ListColumnBuilder;
import io.rapidbyte.sdk.arrow.RecordBatch;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.sdk.arrow.Schema;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The encoder against the byte-level spec in its Javadoc, written out by hand here. */
class CanonicalRowEncoderTest {
    private static long hashOf(byte[] bytes) {
        RowHasher h = new RowHasher();
        h.putBytes(bytes, 0, bytes.length);
        return h.finish();
    }

    private static long hashOfRow(RecordBatch b, int row) {
        RowHasher h = new RowHasher();
        CanonicalRowEncoder.encodeRow(b, row, h);
        return h.finish();
    }

    private static void le(ByteArrayOutputStream out, long v, int n) {
        for (int i = 0; i < n; i++) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    @Test
    void valueRowEncodesExactlyAsSpecified() {
        RecordBatch b = VerifyBatches.roundTrip(VerifyBatches.allTypes(3));
        int i = 2;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        e.write(1); le(e, -i, 8);
        e.write(1); le(e, 1L << 40 | i, 8);
        e.write(1); le(e, Float.floatToRawIntBits(i / 4f), 4);
        e.write(1); le(e, Double.doubleToRawLongBits(-i / 8.0), 8);
        e.write(1); e.write(0);
        byte[] s = ("r\u00e9" + i).getBytes(StandardCharsets.UTF_8);
        e.write(1); le(e, s.length, 4); e.writeBytes(s);
        e.write(1); le(e, 3, 4); e.write(i); e.write(0); e.write(0xFF);
        e.write(1); le(e, 18_000 + i, 8);
        e.write(1); le(e, 3_600_000_000L + i, 8);
        e.write(1); le(e, 1_700_000_000_000_000L + i, 8);
        e.write(1); le(e, 12345L * i, 8); le(e, -1L - i, 8);
        e.write(1); for (int k = 7; k >= 0; k--) {
            e.write((int) ((0x1234L + i) >>> (8 * k)));
        }
        for (int k = 7; k >= 0; k--) {
            e.write((int) ((0x8000_0000_0000_0000L | i) >>> (8 * k)));
        }
        e.write(1); le(e, i, 4); le(e, -i, 4); le(e, 1_000_000_000L * i, 8);
        e.write(1); le(e, 2, 4); e.write(1); le(e, i, 8); e.write(0);
        assertEquals(hashOf(e.toByteArray()), hashOfRow(b, i));
    }

    @Test
    void nullRowIsOneZeroBytePerColumn() {
        RecordBatch b = VerifyBatches.roundTrip(VerifyBatches.allTypes(2));
        assertEquals(hashOf(new byte[VerifyBatches.ALL_TYPES.fieldCount()]), hashOfRow(b, 1));
    }

    @Test
    void nullEmptyAndMissingElementsAreDistinguished() {
        Schema schema = Schema.of(Field.nullable("s", ArrowType.UTF8),
                Field.list("l", true, Field.nullable("item", ArrowType.INT16)));
        RecordBatchBuilder b = new RecordBatchBuilder(schema);
        ListColumnBuilder l = b.listColumn(1);
        b.varBinaryColumn(0).appendNull();
        l.appendEmptyList();
        b.varBinaryColumn(0).append("");
        l.startList();
        l.child().appendNull();
        l.endList();
        b.varBinaryColumn(0).append("");
        l.appendNull();
        b.varBinaryColumn(0).append("");
        l.startList();
        ((IntColumnBuilder) l.child()).append(0);
        l.endList();
        RecordBatch r = VerifyBatches.roundTrip(b);
        long[] hashes = {hashOfRow(r, 0), hashOfRow(r, 1), hashOfRow(r, 2), hashOfRow(r, 3)};
        for (int x = 0; x < 4; x++) {
            for (int y = x + 1; y < 4; y++) {
                assertNotEquals(hashes[x], hashes[y], "rows " + x + " and " + y);
            }
        }
    }
}
