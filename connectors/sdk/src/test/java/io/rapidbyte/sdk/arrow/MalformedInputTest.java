package io.rapidbyte.sdk.arrow;

import static io.rapidbyte.sdk.arrow.StreamCrafter.batchStream;
import static io.rapidbyte.sdk.arrow.StreamCrafter.concat;
import static io.rapidbyte.sdk.arrow.StreamCrafter.eos;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToIntFunction;

import org.junit.jupiter.api.Test;

/** Specific malformed or unsupported inputs: each must fail with a clear ArrowFormatException. */
class MalformedInputTest {

    private static void expectError(byte[] stream, String... fragments) {
        ArrowFormatException e = assertThrows(ArrowFormatException.class, () -> {
            IpcStreamReader r = new IpcStreamReader(stream);
            while (r.next() != null) {
                // drain
            }
        });
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should contain '" + f + "'");
        }
    }

    private static byte[] schemaOnly(StreamCrafter.SchemaSpec spec) {
        return concat(StreamCrafter.schemaMessage(spec), eos());
    }

    private static StreamCrafter.SchemaSpec type(int typeId, ToIntFunction<FlatBufferWriter> table) {
        StreamCrafter.SchemaSpec s = new StreamCrafter.SchemaSpec();
        s.typeId = typeId;
        s.typeTable = table;
        return s;
    }

    // ---- framing ----

    @Test
    void emptyAndEosOnlyInput() {
        expectError(new byte[0], "no schema");
        expectError(eos(), "no schema");
    }

    @Test
    void truncatedPrefixAndLengths() {
        expectError(new byte[] {-1, -1}, "truncated", "message length");
        expectError(new byte[] {-1, -1, -1, -1, 8}, "truncated");
        expectError(concat(StreamCrafter.le32(-1), StreamCrafter.le32(1000), new byte[16]), "metadata length 1000");
        expectError(concat(StreamCrafter.le32(-1), StreamCrafter.le32(-5)), "metadata length -5");
    }

    @Test
    void bodyLengthBeyondInput() {
        Schema schema = Schema.of(Field.nullable("i", ArrowType.INT32));
        byte[] ok = batchStream(schema, 1, new long[] {1, 0}, new long[] {0, 0, 0, 4}, new byte[8]);
        byte[] cut = java.util.Arrays.copyOf(ok, ok.length - 8 - 4); // drop EOS and half the body
        expectError(cut, "body length 8");
    }

    @Test
    void wrongMessageOrder() {
        Schema schema = Schema.of(Field.nullable("i", ArrowType.INT32));
        byte[] schemaMsg = new MessageEncoder().schemaMessage(schema);
        expectError(concat(schemaMsg, schemaMsg, eos()), "second Schema");
        byte[] batch = batchStream(schema, 0, new long[] {0, 0}, new long[] {0, 0, 0, 0}, new byte[0]);
        byte[] batchOnly = java.util.Arrays.copyOfRange(batch, schemaMsg.length, batch.length);
        expectError(batchOnly, "must start with a Schema", "RecordBatch");
    }

    @Test
    void unsupportedMessageTypesAndVersions() {
        for (int[] c : new int[][] {{IpcConstants.HEADER_DICTIONARY_BATCH}, {4}, {9}}) {
            FlatBufferWriter fb = new FlatBufferWriter(64);
            fb.startTable(1);
            fb.addLong(0, 1);
            int header = fb.endTable();
            fb.finish(StreamCrafter.message(fb, IpcConstants.METADATA_V5, c[0], header, 0));
            byte[] schemaMsg = new MessageEncoder().schemaMessage(Schema.of(Field.nullable("i", ArrowType.INT32)));
            expectError(concat(schemaMsg, StreamCrafter.framed(fb), eos()),
                    c[0] == 2 ? "dictionary batches" : "unsupported message type");
        }
        StreamCrafter.SchemaSpec old = new StreamCrafter.SchemaSpec();
        old.version = 2;
        expectError(schemaOnly(old), "metadata version V3");
    }

    @Test
    void messageWithoutHeader() {
        FlatBufferWriter fb = new FlatBufferWriter(64);
        fb.finish(StreamCrafter.message(fb, IpcConstants.METADATA_V5, IpcConstants.HEADER_SCHEMA, -1, 0));
        expectError(concat(StreamCrafter.framed(fb), eos()), "no header");
    }

    // ---- schema ----

    @Test
    void unsupportedTypes() {
        expectError(schemaOnly(type(IpcConstants.TYPE_INT, fb -> {
            fb.startTable(2);
            fb.addInt(0, 32);
            fb.addBool(1, false);
            return fb.endTable();
        })), "field 'f'", "unsigned int32");
        expectError(schemaOnly(type(IpcConstants.TYPE_INT, fb -> {
            fb.startTable(2);
            fb.addInt(0, 24);
            fb.addBool(1, true);
            return fb.endTable();
        })), "bit width 24");
        expectError(schemaOnly(type(IpcConstants.TYPE_FLOATING_POINT, fb -> {
            fb.startTable(1);
            return fb.endTable(); // precision defaults to HALF
        })), "float16");
        expectError(schemaOnly(type(IpcConstants.TYPE_DECIMAL, fb -> {
            fb.startTable(3);
            fb.addInt(0, 10);
            fb.addInt(2, 256);
            return fb.endTable();
        })), "decimal256");
        expectError(schemaOnly(type(IpcConstants.TYPE_DECIMAL, fb -> {
            fb.startTable(3);
            fb.addInt(0, 39);
            return fb.endTable();
        })), "precision 39");
        expectError(schemaOnly(type(IpcConstants.TYPE_DATE, fb -> {
            fb.startTable(1);
            return fb.endTable(); // unit defaults to MILLISECOND
        })), "date64");
        expectError(schemaOnly(type(IpcConstants.TYPE_TIME, fb -> {
            fb.startTable(2);
            return fb.endTable(); // time32[ms] by default
        })), "time32[MILLISECOND]");
        expectError(schemaOnly(type(IpcConstants.TYPE_TIMESTAMP, fb -> {
            fb.startTable(2);
            fb.addShort(0, 3);
            return fb.endTable();
        })), "timestamp[NANOSECOND]");
        expectError(schemaOnly(type(IpcConstants.TYPE_INTERVAL, fb -> {
            fb.startTable(1);
            return fb.endTable();
        })), "YEAR_MONTH");
        expectError(schemaOnly(type(IpcConstants.TYPE_FIXED_SIZE_BINARY, fb -> {
            fb.startTable(1);
            fb.addInt(0, -3);
            return fb.endTable();
        })), "width -3");
        for (int id : new int[] {0, 1, 13, 14, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 99}) {
            expectError(schemaOnly(type(id, fb -> {
                fb.startTable(0);
                return fb.endTable();
            })), "unsupported Arrow type " + IpcConstants.typeName(id));
        }
    }

    @Test
    void missingTypeTableAndBadChildren() {
        expectError(schemaOnly(type(IpcConstants.TYPE_INT, fb -> -1)), "without its type table");
        StreamCrafter.SchemaSpec list = type(IpcConstants.TYPE_LIST, fb -> {
            fb.startTable(0);
            return fb.endTable();
        });
        expectError(schemaOnly(list), "has 0 children, expected 1");
        list.children = 2;
        expectError(schemaOnly(list), "has 2 children, expected 1");
        StreamCrafter.SchemaSpec utf8 = new StreamCrafter.SchemaSpec();
        utf8.children = 1;
        expectError(schemaOnly(utf8), "has 1 children, expected 0");
    }

    @Test
    void dictionaryBigEndianAndDeepNesting() {
        StreamCrafter.SchemaSpec dict = new StreamCrafter.SchemaSpec();
        dict.dictionary = true;
        expectError(schemaOnly(dict), "dictionary-encoded");
        StreamCrafter.SchemaSpec big = new StreamCrafter.SchemaSpec();
        big.endianness = 1;
        expectError(schemaOnly(big), "big-endian");
        StreamCrafter.SchemaSpec deep = new StreamCrafter.SchemaSpec();
        deep.nestingDepth = 40;
        expectError(schemaOnly(deep), "nesting deeper than 32");
        deep.nestingDepth = 31; // within the limit
        assertEquals(1, new IpcStreamReader(schemaOnly(deep)).schema().fieldCount());
    }

    @Test
    void corruptFlatbufferOffsets() {
        byte[] good = schemaOnly(new StreamCrafter.SchemaSpec());
        byte[] rootOut = good.clone();
        LittleEndian.putInt(rootOut, 8, 0x7FFFFFF0); // root offset far outside
        expectError(rootOut, "root table", "outside metadata");
        byte[] negRoot = good.clone();
        LittleEndian.putInt(negRoot, 8, -8);
        expectError(negRoot, "root table");
    }

    // ---- record batches ----

    private static final Schema UTF8 = Schema.of(Field.nullable("s", ArrowType.UTF8));

    /** Two utf8 rows "ab" and null: validity, offsets [0,2,2], data "ab". */
    private static byte[] body() {
        byte[] body = new byte[32];
        body[0] = 1; // validity: row 0 valid, row 1 null
        LittleEndian.putInt(body, 8, 0);
        LittleEndian.putInt(body, 12, 2);
        LittleEndian.putInt(body, 16, 2);
        body[24] = 'a';
        body[25] = 'b';
        return body;
    }

    private static long[] buffers() {
        return new long[] {0, 1, 8, 12, 24, 2};
    }

    @Test
    void craftedBatchIsValid() {
        IpcStreamReader r = new IpcStreamReader(batchStream(UTF8, 2, new long[] {2, 1}, buffers(), body()));
        RecordBatch b = r.next();
        assertEquals("ab", b.varBinaryColumn(0).getString(0));
        assertNull(b.varBinaryColumn(0).getString(1));
        assertNull(r.next());
    }

    @Test
    void nodeAndBufferCounts() {
        expectError(batchStream(UTF8, 2, new long[] {}, buffers(), body()), "0 field nodes", "needs 1 and 3");
        expectError(batchStream(UTF8, 2, new long[] {2, 1}, new long[] {0, 1}, body()), "1 buffers");
    }

    @Test
    void lengthsAndNullCounts() {
        expectError(batchStream(UTF8, -1, new long[] {2, 1}, buffers(), body()), "record batch length -1");
        expectError(batchStream(UTF8, 3, new long[] {2, 1}, buffers(), body()), "field 's' has 2 rows but the record batch has 3");
        expectError(batchStream(UTF8, 2, new long[] {-2, 0}, buffers(), body()), "field 's'", "length -2");
        expectError(batchStream(UTF8, 2, new long[] {1L << 33, 0}, buffers(), body()), "out of range");
        expectError(batchStream(UTF8, 2, new long[] {2, 3}, buffers(), body()), "null count 3");
        expectError(batchStream(UTF8, 2, new long[] {2, -1}, buffers(), body()), "null count -1");
        expectError(batchStream(UTF8, 2, new long[] {2, 2}, buffers(), body()), "validity bitmap has 1 nulls, node says 2");
        Schema notNull = Schema.of(Field.notNull("s", ArrowType.UTF8));
        expectError(batchStream(notNull, 2, new long[] {2, 1}, buffers(), body()), "non-nullable");
    }

    @Test
    void buffersOutsideBody() {
        long[] b = buffers();
        b[4] = 40; // data offset beyond the 32-byte body
        expectError(batchStream(UTF8, 2, new long[] {2, 1}, b, body()), "field 's'", "data buffer", "outside the message body");
        b = buffers();
        b[5] = Long.MAX_VALUE; // offset + length overflows
        expectError(batchStream(UTF8, 2, new long[] {2, 1}, b, body()), "outside the message body");
        b = buffers();
        b[2] = -8;
        expectError(batchStream(UTF8, 2, new long[] {2, 1}, b, body()), "offsets buffer");
        b = buffers();
        b[1] = 0; // nulls but no validity bytes
        expectError(batchStream(UTF8, 2, new long[] {2, 1}, b, body()), "validity buffer too short");
    }

    @Test
    void badOffsets() {
        long[] b = buffers();
        b[3] = 8; // room for 2 offsets, 3 needed
        expectError(batchStream(UTF8, 2, new long[] {2, 1}, b, body()), "offsets buffer too short: need 12 bytes, have 8");
        byte[] body = body();
        LittleEndian.putInt(body, 12, 5); // beyond 2 data bytes... and decreasing after
        expectError(batchStream(UTF8, 2, new long[] {2, 1}, buffers(), body), "offset 2 (2) is less than offset 1 (5)");
        body = body();
        LittleEndian.putInt(body, 16, 3);
        expectError(batchStream(UTF8, 2, new long[] {2, 1}, buffers(), body), "last offset 3 exceeds data buffer length 2");
        body = body();
        LittleEndian.putInt(body, 8, -1);
        expectError(batchStream(UTF8, 2, new long[] {2, 1}, buffers(), body), "negative first offset");
    }

    @Test
    void fixedWidthValuesTooShort() {
        Schema s = Schema.of(Field.nullable("i", ArrowType.INT64));
        expectError(batchStream(s, 2, new long[] {2, 0}, new long[] {0, 0, 0, 8}, new byte[16]),
                "field 'i' (int64)", "values buffer too short: need 16 bytes, have 8");
        Schema d = Schema.of(Field.nullable("d", ArrowType.decimal128(10, 2)));
        expectError(batchStream(d, 1, new long[] {1, 0}, new long[] {0, 0, 0, 8}, new byte[16]), "need 16 bytes");
        Schema bool = Schema.of(Field.nullable("b", ArrowType.BOOL));
        expectError(batchStream(bool, 9, new long[] {9, 0}, new long[] {0, 0, 0, 1}, new byte[8]), "need 2 bytes");
    }

    @Test
    void listOffsetsBeyondChild() {
        Schema s = Schema.of(Field.list("l", true, Field.nullable("item", ArrowType.INT32)));
        byte[] body = new byte[24];
        LittleEndian.putInt(body, 0, 0);
        LittleEndian.putInt(body, 4, 3); // 3 elements, child has 2
        // nodes: list(1 row), child(2 rows); buffers: list validity, offsets, child validity, values
        expectError(batchStream(s, 1, new long[] {1, 0, 2, 0}, new long[] {0, 0, 0, 8, 8, 0, 8, 8}, body),
                "field 'l' (list)", "last offset 3 exceeds child length 2");
    }

    @Test
    void compressedAndVariadicBatchesRejected() {
        Schema schema = Schema.of(Field.nullable("i", ArrowType.INT32));
        for (boolean variadic : new boolean[] {false, true}) {
            FlatBufferWriter fb = new FlatBufferWriter(128);
            int extra;
            if (variadic) {
                extra = fb.createLongPairVector(new long[] {1, 1}, 1); // any non-empty vector of longs
            } else {
                fb.startTable(2);
                fb.addByte(0, 1); // ZSTD
                extra = fb.endTable();
            }
            int nodes = fb.createLongPairVector(new long[] {0, 0}, 1);
            int buffers = fb.createLongPairVector(new long[] {0, 0, 0, 0}, 2);
            fb.startTable(5);
            fb.addLong(0, 0);
            fb.addOffset(1, nodes);
            fb.addOffset(2, buffers);
            fb.addOffset(variadic ? 4 : 3, extra);
            int rb = fb.endTable();
            fb.finish(StreamCrafter.message(fb, IpcConstants.METADATA_V5, IpcConstants.HEADER_RECORD_BATCH, rb, 0));
            byte[] stream = concat(new MessageEncoder().schemaMessage(schema), StreamCrafter.framed(fb), eos());
            expectError(stream, variadic ? "variadic" : "compressed record batches are not supported (codec ZSTD)");
        }
    }
}
