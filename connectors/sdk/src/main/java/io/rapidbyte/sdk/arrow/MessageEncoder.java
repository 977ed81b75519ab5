package io.rapidbyte.sdk.arrow;

import static io.rapidbyte.sdk.arrow.IpcConstants.*;

import java.util.List;
import java.util.Map;

/**
 * Encodes Schema and RecordBatch messages (metadata version V5) and frames them for the IPC
 * stream: continuation marker, int32 metadata length, flatbuffer, zero padding to 8 bytes.
 * All fields are written explicitly, including those equal to their schema default.
 * Reuses one flatbuffer builder; not thread-safe.
 */
final class MessageEncoder {
    private final FlatBufferWriter fb = new FlatBufferWriter(1024);

    /** The framed schema message as a new array. */
    byte[] schemaMessage(Schema schema) {
        fb.clear();
        int fields = fieldVector(schema.fields());
        int metadata = metadataVector(schema.metadata());
        fb.startTable(SCHEMA_SLOTS);
        fb.addOffset(SCHEMA_FIELDS, fields);
        if (metadata >= 0) {
            fb.addOffset(SCHEMA_METADATA, metadata);
        }
        fb.addShort(SCHEMA_ENDIANNESS, 0); // Little
        int header = fb.endTable();
        fb.finish(message(HEADER_SCHEMA, header, 0));
        ByteArrayOutput out = new ByteArrayOutput(fb.size() + 16);
        frame(out);
        byte[] bytes = new byte[out.position()];
        System.arraycopy(out.array(), 0, bytes, 0, bytes.length);
        return bytes;
    }

    /**
     * Appends a framed RecordBatch message header (no body) to {@code out}.
     *
     * @param nodes pairs (length, nullCount); {@code buffers}: pairs (offset, length)
     */
    void recordBatchMessage(long length, long[] nodes, int nodeCount, long[] buffers, int bufferCount,
                            long bodyLength, ByteArrayOutput out) {
        fb.clear();
        int nodesRef = fb.createLongPairVector(nodes, nodeCount);
        int buffersRef = fb.createLongPairVector(buffers, bufferCount);
        fb.startTable(RB_SLOTS);
        fb.addLong(RB_LENGTH, length);
        fb.addOffset(RB_NODES, nodesRef);
        fb.addOffset(RB_BUFFERS, buffersRef);
        int header = fb.endTable();
        fb.finish(message(HEADER_RECORD_BATCH, header, bodyLength));
        frame(out);
    }

    private int message(int headerType, int header, long bodyLength) {
        fb.startTable(MESSAGE_SLOTS);
        fb.addLong(MESSAGE_BODY_LENGTH, bodyLength);
        fb.addOffset(MESSAGE_HEADER, header);
        fb.addShort(MESSAGE_VERSION, METADATA_V5);
        fb.addByte(MESSAGE_HEADER_TYPE, headerType);
        return fb.endTable();
    }

    private void frame(ByteArrayOutput out) {
        int size = fb.size();
        // The length counts the padding, so that the body that follows starts 8-aligned.
        int padded = (int) ByteArrays.pad8(size);
        out.writeInt(CONTINUATION);
        out.writeInt(padded);
        out.write(fb.array(), fb.start(), size);
        out.pad8();
    }

    private int fieldVector(List<Field> fields) {
        int[] refs = new int[fields.size()];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = field(fields.get(i));
        }
        return fb.createOffsetVector(refs, refs.length);
    }

    private int field(Field f) {
        // Objects a table refers to must be complete before the table starts.
        int name = fb.createString(f.name());
        int type = typeTable(f.type());
        int children = fieldVector(f.children());
        int metadata = metadataVector(f.metadata());
        fb.startTable(FIELD_SLOTS);
        fb.addOffset(FIELD_NAME, name);
        fb.addOffset(FIELD_TYPE, type);
        fb.addOffset(FIELD_CHILDREN, children);
        if (metadata >= 0) {
            fb.addOffset(FIELD_METADATA, metadata);
        }
        fb.addBool(FIELD_NULLABLE, f.isNullable());
        fb.addByte(FIELD_TYPE_TYPE, typeId(f.type()));
        return fb.endTable();
    }

    /** Vector of KeyValue tables, or -1 when empty (the field is then omitted). */
    private int metadataVector(Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return -1;
        }
        int[] refs = new int[metadata.size()];
        int i = 0;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            int key = fb.createString(e.getKey());
            int value = fb.createString(e.getValue() == null ? "" : e.getValue());
            fb.startTable(2);
            fb.addOffset(KV_KEY, key);
            fb.addOffset(KV_VALUE, value);
            refs[i++] = fb.endTable();
        }
        return fb.createOffsetVector(refs, refs.length);
    }

    private static int typeId(ArrowType t) {
        switch (t.kind()) {
            case INT: return TYPE_INT;
            case FLOAT: return TYPE_FLOATING_POINT;
            case BOOL: return TYPE_BOOL;
            case UTF8: return TYPE_UTF8;
            case BINARY: return TYPE_BINARY;
            case DATE32: return TYPE_DATE;
            case TIME64_MICROS: return TYPE_TIME;
            case TIMESTAMP_MICROS: return TYPE_TIMESTAMP;
            case DECIMAL128: return TYPE_DECIMAL;
            case FIXED_SIZE_BINARY: return TYPE_FIXED_SIZE_BINARY;
            case INTERVAL_MONTH_DAY_NANO: return TYPE_INTERVAL;
            case LIST: return TYPE_LIST;
            default: throw new IllegalArgumentException("unsupported type " + t);
        }
    }

    private int typeTable(ArrowType t) {
        switch (t.kind()) {
            case INT:
                fb.startTable(2);
                fb.addInt(0, t.bitWidth()); // bitWidth
                fb.addBool(1, true); // is_signed
                return fb.endTable();
            case FLOAT:
                fb.startTable(1);
                fb.addShort(0, t.bitWidth() == 32 ? PRECISION_SINGLE : PRECISION_DOUBLE);
                return fb.endTable();
            case DATE32:
                fb.startTable(1);
                fb.addShort(0, DATE_UNIT_DAY);
                return fb.endTable();
            case TIME64_MICROS:
                fb.startTable(2);
                fb.addInt(1, 64); // bitWidth
                fb.addShort(0, TIME_UNIT_MICROSECOND);
                return fb.endTable();
            case TIMESTAMP_MICROS: {
                int tz = t.timezone() == null ? -1 : fb.createString(t.timezone());
                fb.startTable(2);
                if (tz >= 0) {
                    fb.addOffset(1, tz);
                }
                fb.addShort(0, TIME_UNIT_MICROSECOND);
                return fb.endTable();
            }
            case DECIMAL128:
                fb.startTable(3);
                fb.addInt(0, t.precision());
                fb.addInt(1, t.scale());
                fb.addInt(2, 128); // bitWidth
                return fb.endTable();
            case FIXED_SIZE_BINARY:
                fb.startTable(1);
                fb.addInt(0, t.byteWidth());
                return fb.endTable();
            case INTERVAL_MONTH_DAY_NANO:
                fb.startTable(1);
                fb.addShort(0, INTERVAL_MONTH_DAY_NANO);
                return fb.endTable();
            default: // Utf8, Binary, Bool, List: empty tables
                fb.startTable(0);
                return fb.endTable();
        }
    }
}
