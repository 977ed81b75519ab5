package io.rapidbyte.sdk.arrow;

import java.io.ByteArrayOutputStream;
import java.util.function.ToIntFunction;

/** Builds deliberately odd or broken IPC streams for reader tests, using the package's own flatbuffer writer. */
final class StreamCrafter {
    private StreamCrafter() {
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] eos() {
        return new byte[] {-1, -1, -1, -1, 0, 0, 0, 0};
    }

    static byte[] le32(int v) {
        byte[] b = new byte[4];
        LittleEndian.putInt(b, 0, v);
        return b;
    }

    /** Frames a finished flatbuffer as an IPC message (continuation, padded length, bytes, padding). */
    static byte[] framed(FlatBufferWriter fb) {
        int size = fb.size();
        int padded = (size + 7) & ~7;
        byte[] out = new byte[8 + padded];
        LittleEndian.putInt(out, 0, -1);
        LittleEndian.putInt(out, 4, padded);
        System.arraycopy(fb.array(), fb.start(), out, 8, size);
        return out;
    }

    static int message(FlatBufferWriter fb, int version, int headerType, int header, long bodyLength) {
        fb.startTable(5);
        fb.addLong(3, bodyLength);
        if (header >= 0) {
            fb.addOffset(2, header);
        }
        fb.addShort(0, version);
        fb.addByte(1, headerType);
        return fb.endTable();
    }

    /** Options for a one-field schema message. */
    static final class SchemaSpec {
        int typeId = IpcConstants.TYPE_UTF8;
        /** Writes the type table and returns its reference, or -1 for none. */
        ToIntFunction<FlatBufferWriter> typeTable = fb -> {
            fb.startTable(0);
            return fb.endTable();
        };
        int children = 0;
        boolean dictionary;
        int endianness;
        int version = IpcConstants.METADATA_V5;
        boolean nullable = true;
        int nestingDepth; // wraps the field in this many lists
    }

    static byte[] schemaMessage(SchemaSpec spec) {
        FlatBufferWriter fb = new FlatBufferWriter(256);
        int field = field(fb, spec);
        for (int d = 0; d < spec.nestingDepth; d++) {
            field = listOf(fb, field);
        }
        int fields = fb.createOffsetVector(new int[] {field}, 1);
        fb.startTable(4);
        fb.addOffset(1, fields);
        fb.addShort(0, spec.endianness);
        int schema = fb.endTable();
        fb.finish(message(fb, spec.version, IpcConstants.HEADER_SCHEMA, schema, 0));
        return framed(fb);
    }

    private static int field(FlatBufferWriter fb, SchemaSpec spec) {
        int name = fb.createString("f");
        int type = spec.typeTable.applyAsInt(fb);
        int[] kids = new int[spec.children];
        for (int i = 0; i < kids.length; i++) {
            SchemaSpec child = new SchemaSpec();
            kids[i] = field(fb, child);
        }
        int children = fb.createOffsetVector(kids, kids.length);
        int dict = -1;
        if (spec.dictionary) {
            fb.startTable(4);
            fb.addLong(0, 1);
            dict = fb.endTable();
        }
        fb.startTable(7);
        fb.addOffset(0, name);
        if (type >= 0) {
            fb.addOffset(3, type);
        }
        if (dict >= 0) {
            fb.addOffset(4, dict);
        }
        fb.addOffset(5, children);
        fb.addBool(1, spec.nullable);
        fb.addByte(2, spec.typeId);
        return fb.endTable();
    }

    private static int listOf(FlatBufferWriter fb, int child) {
        int name = fb.createString("l");
        fb.startTable(0);
        int type = fb.endTable();
        int children = fb.createOffsetVector(new int[] {child}, 1);
        fb.startTable(7);
        fb.addOffset(0, name);
        fb.addOffset(3, type);
        fb.addOffset(5, children);
        fb.addBool(1, true);
        fb.addByte(2, IpcConstants.TYPE_LIST);
        return fb.endTable();
    }

    /** A schema message for {@code schema} followed by one record batch with the given raw header values and body. */
    static byte[] batchStream(Schema schema, long rows, long[] nodes, long[] buffers, byte[] body) {
        MessageEncoder enc = new MessageEncoder();
        ByteArrayOutput out = new ByteArrayOutput(256);
        enc.recordBatchMessage(rows, nodes, nodes.length / 2, buffers, buffers.length / 2, body.length, out);
        byte[] header = new byte[out.position()];
        System.arraycopy(out.array(), 0, header, 0, header.length);
        return concat(enc.schemaMessage(schema), header, body, eos());
    }
}
