package io.rapidbyte.sdk.arrow;

import static io.rapidbyte.sdk.arrow.IpcConstants.*;

/**
 * Reads an Arrow IPC stream from a byte array without copying it: the schema is decoded by
 * the constructor, then {@link #next()} returns record batches whose columns are views into
 * the array.
 *
 * <pre>
 * IpcStreamReader r = new IpcStreamReader(bytes, 0, len);
 * for (RecordBatch b = r.next(); b != null; b = r.next()) {
 *     IntColumn id = b.intColumn(0);
 *     for (int i = 0; i &lt; b.rowCount(); i++) { if (!id.isNull(i)) use(id.getLong(i)); }
 * }
 * </pre>
 *
 * <p>Accepted: metadata V4/V5, little-endian, the continuation-marker framing and the legacy
 * framing without it, the end-of-stream marker or simply the end of the input (the format
 * allows a writer to end a stream by closing it). Bytes after the end-of-stream marker are
 * ignored; {@link #bytesConsumed()} tells where the stream ended. Rejected with
 * {@link ArrowFormatException}: truncation, out-of-range lengths or offsets, compression,
 * dictionaries, types outside the supported set, a second schema.
 *
 * <p>Ownership: the array is shared, not copied; it must not be modified while the reader or
 * any batch from it is in use. After an ArrowFormatException the reader is unusable. Not
 * thread-safe.
 */
public final class IpcStreamReader {
    private final byte[] data;
    private final int start;
    private final int end;
    private int pos;
    private final Schema schema;
    private final BatchDecoder decoder;
    private boolean done;

    // The message most recently framed by readMessage().
    private FlatBufferReader msgMeta;
    private int msgType;
    private int msgHeader;
    private int msgBodyStart;
    private long msgBodyLength;

    public IpcStreamReader(byte[] data) {
        this(data, 0, data.length);
    }

    /**
     * Decodes the schema message at {@code data[offset]}.
     *
     * @throws ArrowFormatException if the stream does not start with a valid schema message
     */
    public IpcStreamReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + data.length);
        }
        this.data = data;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
        if (!readMessage()) {
            throw new ArrowFormatException("empty Arrow stream: no schema message");
        }
        if (msgType != HEADER_SCHEMA) {
            throw new ArrowFormatException("Arrow stream must start with a Schema message, found " + headerName(msgType));
        }
        this.schema = SchemaDecoder.decode(msgMeta, msgHeader);
        this.decoder = new BatchDecoder(schema);
    }

    public Schema schema() {
        return schema;
    }

    /**
     * The next record batch, or null at the end of the stream.
     *
     * @throws ArrowFormatException on malformed or unsupported input
     */
    public RecordBatch next() {
        if (done) {
            return null;
        }
        if (!readMessage()) {
            done = true;
            return null;
        }
        switch (msgType) {
            case HEADER_RECORD_BATCH:
                return decoder.decode(data, msgMeta, msgHeader, msgBodyStart, msgBodyLength);
            case HEADER_DICTIONARY_BATCH:
                throw new ArrowFormatException("dictionary batches are not supported");
            case HEADER_SCHEMA:
                throw new ArrowFormatException("unexpected second Schema message in the stream");
            default:
                throw new ArrowFormatException("unsupported message type " + headerName(msgType));
        }
    }

    /** Bytes read from the start of the stream so far (after the end: the stream's size). */
    public int bytesConsumed() {
        return pos - start;
    }

    /** Frames the next message; false at end-of-stream (marker or end of input). */
    private boolean readMessage() {
        if (pos == end) {
            return false;
        }
        int at = pos - start;
        int metaLength = readInt("message length");
        if (metaLength == CONTINUATION) {
            metaLength = readInt("message length");
        }
        if (metaLength == 0) {
            return false;
        }
        if (metaLength < 0 || metaLength > end - pos) {
            throw new ArrowFormatException("message at offset " + at + ": metadata length " + metaLength
                    + " exceeds the " + (end - pos) + " remaining bytes");
        }
        FlatBufferReader fb = new FlatBufferReader(data, pos, pos + metaLength);
        int message = fb.root();
        int version = fb.getShort(message, MESSAGE_VERSION, 0, "Message.version");
        if (version != METADATA_V4 && version != METADATA_V5) {
            throw new ArrowFormatException("message at offset " + at + ": unsupported metadata version V" + (version + 1));
        }
        msgType = fb.getByte(message, MESSAGE_HEADER_TYPE, 0, "Message.header_type");
        msgHeader = fb.getRef(message, MESSAGE_HEADER, "Message.header");
        if (msgHeader < 0) {
            throw new ArrowFormatException("message at offset " + at + " has no header");
        }
        long bodyLength = fb.getLong(message, MESSAGE_BODY_LENGTH, 0, "Message.bodyLength");
        pos += metaLength;
        if (bodyLength < 0 || bodyLength > end - pos) {
            throw new ArrowFormatException("message at offset " + at + ": body length " + bodyLength
                    + " exceeds the " + (end - pos) + " remaining bytes");
        }
        msgMeta = fb;
        msgBodyStart = pos;
        msgBodyLength = bodyLength;
        pos += (int) bodyLength;
        return true;
    }

    private int readInt(String what) {
        if (end - pos < 4) {
            throw new ArrowFormatException("truncated stream: " + what + " at offset " + (pos - start)
                    + " needs 4 bytes, " + (end - pos) + " left");
        }
        int v = LittleEndian.getInt(data, pos);
        pos += 4;
        return v;
    }

    private static String headerName(int type) {
        switch (type) {
            case HEADER_SCHEMA: return "Schema";
            case HEADER_DICTIONARY_BATCH: return "DictionaryBatch";
            case HEADER_RECORD_BATCH: return "RecordBatch";
            case 4: return "Tensor";
            case 5: return "SparseTensor";
            default: return "header type " + type;
        }
    }
}
