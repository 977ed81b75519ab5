package io.rapidbyte.postgres.wire;

import io.rapidbyte.postgres.wire.binary.ArrayReader;
import io.rapidbyte.postgres.wire.binary.BinaryFormatException;
import io.rapidbyte.postgres.wire.binary.NumericCodec;
import io.rapidbyte.postgres.wire.binary.PgNumeric;
import io.rapidbyte.postgres.wire.binary.PgOids;
import io.rapidbyte.postgres.wire.binary.ScalarCodec;
import io.rapidbyte.postgres.wire.binary.TemporalCodec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binary COPY writer → bytes → reader, with the stream cut at arbitrary points. */
class BinaryCopyCodecTest {

    /** A CopyDataSource over a byte array cut into the given chunk sizes. */
    static final class ChunkedSource implements CopyDataSource {
        private final byte[] data;
        private final int[] cuts;
        private int index;
        private int pos;
        private int off;
        private int len;
        private byte[] view;

        ChunkedSource(byte[] data, int[] cuts) {
            this.data = data;
            this.cuts = cuts;
        }

        @Override
        public boolean next() {
            if (pos >= data.length) {
                return false;
            }
            int n = Math.min(cuts[index++ % cuts.length], data.length - pos);
            // Copy into a fresh padded array so views at non-zero offsets are exercised.
            view = new byte[n + 10];
            System.arraycopy(data, pos, view, 5, n);
            off = 5;
            len = n;
            pos += n;
            return true;
        }

        @Override
        public byte[] buffer() {
            return view;
        }

        @Override
        public int offset() {
            return off;
        }

        @Override
        public int length() {
            return len;
        }
    }

    private static byte[] sample(int rows) throws PgException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> chunkSizes = new ArrayList<>();
        BinaryCopyWriter w = new BinaryCopyWriter((b, o, l) -> {
            out.write(b, o, l);
            chunkSizes.add(l);
        }, 1024);
        PgNumeric num = new PgNumeric();
        for (int i = 0; i < rows; i++) {
            w.startTuple(6);
            w.writeInt4(i);
            if (i % 3 == 0) {
                w.writeNull();
            } else {
                w.writeText("row-" + i + "-\u00e9\u4e2d\ud83d\ude00");
            }
            w.writeNumeric(num.setText(i + ".25"));
            w.beginArray(PgOids.INT8);
            for (int k = 0; k < i % 4; k++) {
                if (k == 1) {
                    w.writeNull();
                } else {
                    w.writeInt8(k * 1_000_000_000_000L);
                }
            }
            w.endArray();
            w.writeTimestamp(i == 0 ? TemporalCodec.TIMESTAMP_POS_INFINITY : i * 1000L);
            w.writeJsonb("{\"i\": " + i + "}");
            w.endTuple();
        }
        w.finish();
        assertEquals(rows, w.tupleCount());
        for (int k = 0; k < chunkSizes.size() - 1; k++) {
            assertTrue(chunkSizes.get(k) >= 1024, "chunks are sent only once full");
        }
        return out.toByteArray();
    }

    private static void verify(BinaryCopyReader r, int rows) throws PgException {
        ArrayReader arr = new ArrayReader();
        PgNumeric num = new PgNumeric();
        for (int i = 0; i < rows; i++) {
            assertTrue(r.next(), "row " + i);
            byte[] b = r.buffer();
            assertEquals(6, r.fieldCount());
            assertEquals(i, ScalarCodec.int4(b, r.offset(0), r.length(0)));
            if (i % 3 == 0) {
                assertTrue(r.isNull(1));
                assertEquals(-1, r.length(1));
            } else {
                assertEquals("row-" + i + "-\u00e9\u4e2d\ud83d\ude00", ScalarCodec.text(b, r.offset(1), r.length(1)));
            }
            assertEquals(i + ".25", NumericCodec.decode(b, r.offset(2), r.length(2), num).toString());
            arr.reset(b, r.offset(3), r.length(3));
            assertEquals(PgOids.INT8, arr.elementOid());
            assertEquals(i % 4, arr.elementCount());
            assertEquals(i % 4 == 0 ? 0 : 1, arr.dimensionCount());
            assertEquals(i % 4 >= 2, arr.hasNulls());
            for (int k = 0; k < i % 4; k++) {
                assertTrue(arr.next());
                if (k == 1) {
                    assertTrue(arr.isNull());
                } else {
                    assertEquals(k * 1_000_000_000_000L,
                            ScalarCodec.int8(arr.buffer(), arr.elementOffset(), arr.elementLength()));
                }
            }
            assertFalse(arr.next());
            long ts = TemporalCodec.timestamp(b, r.offset(4), r.length(4));
            assertEquals(i == 0 ? Long.MAX_VALUE : i * 1000L, ts);
            assertEquals("{\"i\": " + i + "}", ScalarCodec.jsonb(b, r.offset(5), r.length(5)));
        }
        assertFalse(r.next());
        assertFalse(r.next());
        assertEquals(rows, r.tupleCount());
    }

    @Test
    void roundTripAcrossArbitraryChunkBoundaries() throws PgException {
        byte[] data = sample(200);
        Random random = new Random(1);
        int[][] cutPlans = {{1}, {2}, {3}, {7}, {19, 1, 64}, {data.length}, {4096}};
        for (int[] cuts : cutPlans) {
            verify(new BinaryCopyReader(new ChunkedSource(data, cuts)), 200);
        }
        for (int t = 0; t < 20; t++) {
            int[] cuts = new int[10];
            for (int k = 0; k < cuts.length; k++) {
                cuts[k] = 1 + random.nextInt(300);
            }
            verify(new BinaryCopyReader(new ChunkedSource(data, cuts)), 200);
        }
    }

    @Test
    void emptyCopyHasHeaderAndTrailerOnly() throws PgException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryCopyWriter w = new BinaryCopyWriter(out::write);
        w.finish();
        byte[] data = out.toByteArray();
        assertEquals(19 + 2, data.length);
        assertFalse(new BinaryCopyReader(new ChunkedSource(data, new int[] {5})).next());
    }

    @Test
    void malformedStreamsAreProtocolViolations() throws PgException {
        byte[] good = sample(3);
        byte[] badSig = good.clone();
        badSig[0] = 'X';
        assertThrows(PgException.class, () -> new BinaryCopyReader(new ChunkedSource(badSig, new int[] {100})).next());
        byte[] truncated = Arrays.copyOf(good, good.length - 5);
        BinaryCopyReader r = new BinaryCopyReader(new ChunkedSource(truncated, new int[] {100}));
        PgException e = assertThrows(PgException.class, () -> {
            while (r.next()) {
                // consume
            }
        });
        assertEquals("08P01", e.sqlState());
        byte[] flags = good.clone();
        flags[14] = 1; // a critical flag bit (bits 0-15 live in the last two flag bytes)
        assertThrows(PgException.class, () -> new BinaryCopyReader(new ChunkedSource(flags, new int[] {100})).next());
        byte[] extra = Arrays.copyOf(good, good.length + 1);
        BinaryCopyReader r2 = new BinaryCopyReader(new ChunkedSource(extra, new int[] {1000}));
        assertThrows(PgException.class, () -> {
            while (r2.next()) {
                // consume
            }
        });
    }

    @Test
    void writerEnforcesTupleShapeAndCanAbortARow() throws PgException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryCopyWriter w = new BinaryCopyWriter(out::write);
        assertThrows(IllegalStateException.class, () -> w.writeInt4(1));
        w.startTuple(1);
        assertThrows(IllegalStateException.class, w::endTuple);
        w.writeInt4(1);
        assertThrows(IllegalStateException.class, () -> w.writeInt4(2));
        w.endTuple();
        w.startTuple(2);
        w.writeInt4(2);
        assertThrows(BinaryFormatException.class, () -> w.writeUuid("zzz"));
        w.abortTuple();
        w.startTuple(1);
        w.writeInt4(3);
        w.endTuple();
        w.finish();
        BinaryCopyReader r = new BinaryCopyReader(new ChunkedSource(out.toByteArray(), new int[] {8}));
        assertTrue(r.next());
        assertEquals(1, ScalarCodec.int4(r.buffer(), r.offset(0), r.length(0)));
        assertTrue(r.next());
        assertEquals(1, r.fieldCount());
        assertEquals(3, ScalarCodec.int4(r.buffer(), r.offset(0), r.length(0)));
        assertFalse(r.next());
    }

    @Test
    void arrayReaderRejectsMalformedArrays() {
        byte[] header = new byte[12];
        header[3] = 7; // 7 dimensions > MAXDIM
        assertThrows(BinaryFormatException.class, () -> new ArrayReader().reset(header, 0, 12));
        byte[] oneDimTooMany = new byte[20];
        oneDimTooMany[3] = 1;
        oneDimTooMany[15] = 100; // 100 elements, no bytes for them
        assertThrows(BinaryFormatException.class, () -> new ArrayReader().reset(oneDimTooMany, 0, 20));
    }
}
