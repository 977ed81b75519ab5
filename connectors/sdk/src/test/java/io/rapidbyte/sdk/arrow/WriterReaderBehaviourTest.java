package io.rapidbyte.sdk.arrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** API contracts of the builders, the writer and the reader, and the exact byte layout of the output. */
class WriterReaderBehaviourTest {
    private static final Schema SCHEMA = Schema.of(
            Field.notNull("id", ArrowType.INT64),
            Field.nullable("name", ArrowType.UTF8),
            Field.list("tags", true, Field.nullable("item", ArrowType.INT16)));

    private static RecordBatchBuilder filled(int rows, boolean withNulls) {
        RecordBatchBuilder b = new RecordBatchBuilder(SCHEMA);
        for (int i = 0; i < rows; i++) {
            b.intColumn(0).append(i);
            if (withNulls && i % 3 == 0) {
                b.varBinaryColumn(1).appendNull();
                b.listColumn(2).appendNull();
            } else {
                b.varBinaryColumn(1).append("row" + i);
                ListColumnBuilder l = b.listColumn(2);
                l.startList();
                ((IntColumnBuilder) l.child()).append(i);
                l.child().appendNull();
                l.endList();
            }
        }
        return b;
    }

    /** Walks the messages of a stream, checking alignment, and returns each record batch's buffer lengths. */
    private static List<long[]> checkLayout(byte[] s, int len) {
        List<long[]> batches = new java.util.ArrayList<>();
        int pos = 0;
        while (true) {
            assertEquals(0, pos % 8, "message start aligned");
            assertEquals(-1, LittleEndian.getInt(s, pos), "continuation marker");
            int meta = LittleEndian.getInt(s, pos + 4);
            if (meta == 0) {
                assertEquals(len, pos + 8, "EOS is last");
                return batches;
            }
            assertEquals(0, meta % 8, "metadata length padded to 8");
            FlatBufferReader fb = new FlatBufferReader(s, pos + 8, pos + 8 + meta);
            int msg = fb.root();
            assertEquals(IpcConstants.METADATA_V5, fb.getShort(msg, 0, -1, "version"));
            long body = fb.getLong(msg, 3, -1, "bodyLength");
            assertEquals(0, body % 8, "body length multiple of 8");
            if (fb.getByte(msg, 1, 0, "type") == IpcConstants.HEADER_RECORD_BATCH) {
                int rb = fb.getRef(msg, 2, "header");
                int bufs = fb.getRef(rb, 2, "buffers");
                int n = fb.vectorLength(bufs, 16, "buffers");
                long[] lengths = new long[n];
                for (int i = 0; i < n; i++) {
                    assertEquals(0, fb.structLong(bufs, i, 16, 0) % 8, "buffer offset aligned");
                    lengths[i] = fb.structLong(bufs, i, 16, 8);
                }
                batches.add(lengths);
            }
            pos += 8 + meta + (int) body;
        }
    }

    @Test
    void layoutIsAlignedAndValidityOmittedWithoutNulls() {
        IpcStreamWriter w = new IpcStreamWriter(SCHEMA, 16);
        w.writeBatch(filled(10, false));
        w.writeBatch(filled(10, true));
        w.finish();
        List<long[]> batches = checkLayout(w.array(), w.length());
        assertEquals(2, batches.size());
        // buffers: id(validity, values), name(validity, offsets, data), tags(validity, offsets), item(validity, values)
        long[] noNulls = batches.get(0);
        assertEquals(0, noNulls[0]);
        assertEquals(80, noNulls[1]);
        assertEquals(0, noNulls[2]);
        assertEquals(44, noNulls[3]);
        assertEquals(0, noNulls[5]);
        assertEquals(3, noNulls[7], "element validity present: every list holds a null");
        assertEquals(40, noNulls[8]);
        long[] nulls = batches.get(1);
        assertEquals(0, nulls[0], "non-nullable id never has a validity buffer");
        assertEquals(2, nulls[2]);
        assertEquals(2, nulls[5]);
    }

    @Test
    void lengthArrayAndResetAreExact() {
        IpcStreamWriter w = new IpcStreamWriter(SCHEMA, 16);
        RecordBatchBuilder b = filled(50, true);
        assertTrue(w.estimateStreamBytes(b) >= 0);
        w.writeBatch(b);
        w.finish();
        byte[] first = w.toByteArray();
        assertEquals(w.length(), first.length);
        assertArrayEquals(first, Arrays.copyOf(w.array(), w.length()));
        assertTrue(w.estimateStreamBytes(b) >= first.length, "estimate is an upper bound");
        assertTrue(w.estimateStreamBytes(b) - first.length < 512, "estimate is tight");
        // Reuse: the same content through reset builders and writer gives identical bytes.
        w.reset();
        b.reset();
        assertEquals(0, b.rowCount());
        RecordBatchBuilder again = filled(50, true);
        w.writeBatch(again);
        w.finish();
        assertArrayEquals(first, w.toByteArray());
        assertArrayEquals(first, IpcStreamWriter.encode(again));
    }

    @Test
    void reusedBuildersDoNotLeakOldBits() {
        RecordBatchBuilder b = new RecordBatchBuilder(Schema.of(Field.nullable("b", ArrowType.BOOL),
                Field.nullable("i", ArrowType.INT32)));
        for (int i = 0; i < 20; i++) {
            b.boolColumn(0).append(true);
            b.intColumn(1).append(-1);
        }
        b.reset();
        for (int i = 0; i < 5; i++) {
            b.boolColumn(0).appendNull();
            b.intColumn(1).appendNull();
        }
        b.boolColumn(0).append(false);
        b.intColumn(1).append(3);
        RecordBatch r = new IpcStreamReader(IpcStreamWriter.encode(b)).next();
        assertEquals(6, r.rowCount());
        for (int i = 0; i < 5; i++) {
            assertTrue(r.column(0).isNull(i));
            assertFalse(r.boolColumn(0).getBoolean(i), "null slots hold zeros");
            assertEquals(0, r.intColumn(1).getLong(i));
        }
        assertFalse(r.boolColumn(0).getBoolean(5));
        assertEquals(3, r.intColumn(1).getInt(5));
    }

    @Test
    void builderMisuseIsRejected() {
        RecordBatchBuilder b = new RecordBatchBuilder(SCHEMA);
        assertThrows(IllegalStateException.class, () -> b.intColumn(0).appendNull(), "not nullable");
        ListColumnBuilder l = b.listColumn(2);
        assertThrows(IllegalStateException.class, l::endList);
        l.startList();
        assertThrows(IllegalStateException.class, l::startList);
        assertThrows(IllegalStateException.class, l::appendNull);
        l.endList();
        ((IntColumnBuilder) l.child()).append(1); // outside a list
        assertThrows(IllegalStateException.class, l::appendNull);
        assertThrows(IllegalStateException.class, l::startList);
        assertThrows(IllegalArgumentException.class, () -> b.floatColumn(0));
        assertThrows(IllegalArgumentException.class, () -> new RecordBatchBuilder(Schema.of(Field.nullable("x", ArrowType.INT8)))
                .intColumn(0).append(128));
        IntColumnBuilder i16 = new RecordBatchBuilder(Schema.of(Field.nullable("x", ArrowType.INT16))).intColumn(0);
        assertThrows(IllegalArgumentException.class, () -> i16.append(-32769));
        IntColumnBuilder i32 = new RecordBatchBuilder(Schema.of(Field.nullable("x", ArrowType.INT32))).intColumn(0);
        assertThrows(IllegalArgumentException.class, () -> i32.append(1L << 31));
        FixedSizeBinaryColumnBuilder fsb = new RecordBatchBuilder(Schema.of(Field.nullable("x", ArrowType.fixedSizeBinary(4))))
                .fixedSizeBinaryColumn(0);
        assertThrows(IllegalArgumentException.class, () -> fsb.append(new byte[5]));
        assertThrows(IndexOutOfBoundsException.class, () -> fsb.append(new byte[5], 2));
        assertThrows(IllegalStateException.class, () -> fsb.appendUuid(1, 2));
        assertThrows(IllegalArgumentException.class, () -> new Field("l", ArrowType.LIST, true, null, null));
    }

    @Test
    void writerRejectsInconsistentBatches() {
        IpcStreamWriter w = new IpcStreamWriter(SCHEMA);
        RecordBatchBuilder b = filled(3, false);
        b.intColumn(0).append(99); // id has 4 rows, others 3
        assertThrows(IllegalStateException.class, () -> w.writeBatch(b));
        RecordBatchBuilder open = filled(3, false);
        open.intColumn(0).append(1);
        open.varBinaryColumn(1).append("x");
        open.listColumn(2).startList();
        assertThrows(IllegalStateException.class, () -> w.writeBatch(open));
        assertThrows(IllegalArgumentException.class,
                () -> w.writeBatch(new RecordBatchBuilder(Schema.of(Field.nullable("other", ArrowType.INT8)))));
        w.writeBatch(new RecordBatchBuilder(SCHEMA)); // an equal (not identical) schema is fine
        w.finish();
        assertTrue(w.isFinished());
        assertThrows(IllegalStateException.class, w::finish);
        assertThrows(IllegalStateException.class, () -> w.writeBatch(filled(1, false)));
    }

    @Test
    void readerViewsShareTheInputAndHonourOffsets() {
        byte[] stream = IpcStreamWriter.encode(filled(7, true));
        byte[] padded = new byte[stream.length + 13];
        Arrays.fill(padded, (byte) 0x5A);
        System.arraycopy(stream, 0, padded, 5, stream.length);
        IpcStreamReader r = new IpcStreamReader(padded, 5, stream.length);
        RecordBatch b = r.next();
        assertSame(padded, b.column(1).array(), "no copy");
        assertEquals("row4", b.varBinaryColumn(1).getString(4));
        VarBinaryColumn names = b.varBinaryColumn(1);
        assertEquals('r', padded[names.valueOffset(4)]);
        assertEquals(4, names.valueLength(4));
        assertEquals(0, names.valueLength(3), "null rows are empty");
        assertNull(names.getBytes(3));
        assertEquals(2, b.listColumn(2).valueCount(4));
        assertEquals(b.column("name"), b.column(1));
        assertNull(b.column("missing"));
        assertNull(r.next());
        assertEquals(stream.length, r.bytesConsumed());
        assertThrows(IndexOutOfBoundsException.class, () -> names.getString(7));
        assertThrows(IndexOutOfBoundsException.class, () -> names.isNull(-1));
        assertThrows(IllegalStateException.class, () -> b.intColumn(0).getInt(0), "int64 needs getLong");
        assertThrows(IllegalArgumentException.class, () -> b.boolColumn(0));
        assertThrows(IndexOutOfBoundsException.class, () -> new IpcStreamReader(stream, 10, stream.length));
    }

    @Test
    void missingEosTrailingBytesAndLegacyFraming() {
        byte[] stream = IpcStreamWriter.encode(filled(7, true));
        TestData expected = GuestCodec.read(stream);
        TestData.assertSameData(expected, GuestCodec.read(Arrays.copyOf(stream, stream.length - 8)));
        byte[] trailing = Arrays.copyOf(stream, stream.length + 9);
        IpcStreamReader r = new IpcStreamReader(trailing);
        assertEquals(7, r.next().rowCount());
        assertNull(r.next());
        assertEquals(stream.length, r.bytesConsumed());
        TestData.assertSameData(expected, GuestCodec.read(toLegacyFraming(stream)));
    }

    /** Rewrites a stream into the pre-1.0 framing: no continuation marker, int32 0 as end-of-stream. */
    private static byte[] toLegacyFraming(byte[] s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (true) {
            int meta = LittleEndian.getInt(s, pos + 4);
            if (meta == 0) {
                out.writeBytes(new byte[4]);
                return out.toByteArray();
            }
            FlatBufferReader fb = new FlatBufferReader(s, pos + 8, pos + 8 + meta);
            long body = fb.getLong(fb.root(), 3, 0, "bodyLength");
            out.write(s, pos + 4, 4 + meta + (int) body);
            pos += 8 + meta + (int) body;
        }
    }

    @Test
    void schemaWithoutFieldsAndStreamWithoutBatches() {
        Schema empty = Schema.of();
        RecordBatchBuilder b = new RecordBatchBuilder(empty);
        IpcStreamReader r = new IpcStreamReader(IpcStreamWriter.encode(b));
        assertEquals(0, r.schema().fieldCount());
        assertEquals(0, r.next().rowCount());
        IpcStreamWriter w = new IpcStreamWriter(SCHEMA);
        w.finish();
        IpcStreamReader onlySchema = new IpcStreamReader(w.toByteArray());
        assertEquals(SCHEMA, onlySchema.schema());
        assertNull(onlySchema.next());
        assertEquals(w.schemaMessageLength() + IpcStreamWriter.EOS_BYTES, w.length());
    }

    @Test
    void estimatedBytesTracksGrowth() {
        RecordBatchBuilder b = new RecordBatchBuilder(SCHEMA);
        long empty = b.estimatedBytes();
        b.intColumn(0).append(1);
        assertEquals(8, b.column(0).estimatedBytes());
        b.varBinaryColumn(1).append("hello");
        assertEquals(8 + 8, b.column(1).estimatedBytes());
        b.varBinaryColumn(1).appendNull();
        assertEquals(8 + 16 + 8, b.column(1).estimatedBytes(), "validity, offsets, data");
        assertTrue(b.estimatedBytes() > empty);
    }

    @Test
    void oneBuilderServesStreamsWithPerBatchSchemaMetadata() {
        RecordBatchBuilder b = filled(3, true);
        for (int seq = 1; seq <= 2; seq++) {
            Schema withSeq = new Schema(SCHEMA.fields(), java.util.Map.of("rapidbyte.seq", Integer.toString(seq)));
            IpcStreamWriter w = new IpcStreamWriter(withSeq);
            w.writeBatch(b);
            w.finish();
            IpcStreamReader r = new IpcStreamReader(w.toByteArray());
            assertEquals(Integer.toString(seq), r.schema().metadata().get("rapidbyte.seq"));
            assertEquals(3, r.next().rowCount());
        }
        IpcStreamWriter other = new IpcStreamWriter(Schema.of(Field.notNull("id", ArrowType.INT32)));
        assertThrows(IllegalArgumentException.class, () -> other.writeBatch(b));
    }
}
