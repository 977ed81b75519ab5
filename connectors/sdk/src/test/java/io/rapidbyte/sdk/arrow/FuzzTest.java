package io.rapidbyte.sdk.arrow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/**
 * Garbage in, ArrowFormatException out: truncations and random corruptions of valid streams
 * must never surface as any other exception, including from the accessors of whatever
 * decoded successfully.
 */
class FuzzTest {

    private static List<byte[]> seeds() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        RandomData rd = new RandomData(5);
        for (int i = 0; i < 6; i++) {
            Schema schema = rd.schema();
            TestData data = rd.data(schema, 1 + i % 3, 12);
            seeds.add(new GuestCodec(i).write(data));
            if (i % 2 == 0) {
                try (RootAllocator allocator = new RootAllocator()) {
                    seeds.add(new ArrowJavaCodec(allocator).write(data));
                }
            }
        }
        return seeds;
    }

    /** Decodes everything and calls every accessor on every row. */
    static long touchAll(byte[] bytes) {
        IpcStreamReader r = new IpcStreamReader(bytes, 0, bytes.length);
        long h = r.schema().hashCode();
        for (RecordBatch b = r.next(); b != null; b = r.next()) {
            for (int c = 0; c < b.columnCount(); c++) {
                Column col = b.column(c);
                for (int i = 0; i < col.length(); i++) {
                    h = h * 31 + touch(col, i);
                }
            }
        }
        return h;
    }

    private static long touch(Column c, int i) {
        long h = c.isNull(i) ? 1 : 0;
        if (c instanceof IntColumn ic) {
            h += ic.getLong(i);
        } else if (c instanceof FloatColumn fc) {
            h += Double.hashCode(fc.getDouble(i)) + Float.hashCode(fc.getFloat(i));
        } else if (c instanceof BoolColumn bc) {
            h += bc.getBoolean(i) ? 1 : 0;
        } else if (c instanceof VarBinaryColumn vc) {
            h += vc.valueOffset(i) + vc.valueLength(i) + Arrays.hashCode(vc.getBytes(i)) + String.valueOf(vc.getString(i)).hashCode();
        } else if (c instanceof FixedSizeBinaryColumn fc) {
            h += Arrays.hashCode(fc.getBytes(i)) + fc.valueOffset(i);
            if (fc.byteWidth() == 16) {
                h += fc.getUuidMostSignificantBits(i) + fc.getUuidLeastSignificantBits(i);
            }
        } else if (c instanceof DecimalColumn dc) {
            h += dc.getHigh(i) + dc.getLow(i) + String.valueOf(dc.toPlainString(i)).hashCode()
                    + String.valueOf(dc.getBigDecimal(i)).hashCode() + (dc.fitsLong(i) ? dc.getUnscaledLong(i) : 0);
        } else if (c instanceof IntervalColumn iv) {
            h += iv.getMonths(i) + iv.getDays(i) + iv.getNanos(i);
        } else if (c instanceof ListColumn lc) {
            for (int k = lc.start(i); k < lc.end(i); k++) {
                h = h * 7 + touch(lc.child(), k);
            }
        }
        return h;
    }

    private static void decodeExpectingOnlyFormatErrors(byte[] bytes, String what) {
        try {
            touchAll(bytes);
        } catch (ArrowFormatException expected) {
            assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
        } catch (Throwable t) {
            throw new AssertionError(what + ": " + t, t);
        }
    }

    @Test
    void everyTruncation() throws Exception {
        for (byte[] seed : seeds()) {
            for (int len = 0; len < seed.length; len++) {
                decodeExpectingOnlyFormatErrors(Arrays.copyOf(seed, len), "truncated to " + len);
            }
        }
    }

    @Test
    void randomCorruption() throws Exception {
        List<byte[]> seeds = seeds();
        Random r = new Random(1234);
        int[] interesting = {0, 1, -1, 7, 8, 0x7FFFFFFF, 0x80000000, 0xFFFF, 0x10000, 255, 16, 3};
        for (int iter = 0; iter < 30_000; iter++) {
            byte[] bytes = seeds.get(r.nextInt(seeds.size())).clone();
            int edits = 1 + r.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int p = r.nextInt(bytes.length);
                switch (r.nextInt(3)) {
                    case 0:
                        bytes[p] = (byte) r.nextInt();
                        break;
                    case 1:
                        bytes[p] ^= (byte) (1 << r.nextInt(8));
                        break;
                    default:
                        int q = Math.min(p & ~3, bytes.length - 4);
                        LittleEndian.putInt(bytes, q, interesting[r.nextInt(interesting.length)]);
                }
            }
            decodeExpectingOnlyFormatErrors(bytes, "iteration " + iter);
        }
    }
}
