package io.rapidbyte.connect.records;

import io.rapidbyte.host.frames.FramePayload;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads what the Kafka mapping needs from a frame holding one Arrow IPC stream, without
 * arrow-vector and without copying: the schema's custom metadata (BATCH-METADATA.md), the
 * number of rows, and a fingerprint of the schema. It walks the message framing (continuation
 * marker, metadata length, body length) and decodes only the FlatBuffers message headers; the
 * record batch bodies are skipped, never read.
 *
 * <p>The stream must start with a schema message, may contain record batches and dictionary
 * batches, and must end with the end-of-stream marker at exactly the end of the frame. The
 * pre-1.0 framing without continuation marker is accepted, as Arrow readers do.
 *
 * <p>Stateless and thread-safe.
 */
public final class ArrowStreamInspector {
    private static final int CONTINUATION = 0xFFFFFFFF;
    private static final int HEADER_SCHEMA = 1;
    private static final int HEADER_DICTIONARY_BATCH = 2;
    private static final int HEADER_RECORD_BATCH = 3;

    // Message table slots (Message.fbs): version, header_type, header, bodyLength.
    private static final int MESSAGE_HEADER_TYPE = 1;
    private static final int MESSAGE_HEADER = 2;
    private static final int MESSAGE_BODY_LENGTH = 3;
    // Schema table slots (Schema.fbs).
    private static final int SCHEMA_CUSTOM_METADATA = 2;
    // RecordBatch table slot 0: length (rows).
    private static final int RECORD_BATCH_LENGTH = 0;
    static final long MAX_METADATA_CHARS = 1 << 20;

    private ArrowStreamInspector() {
    }

    /**
     * @throws InvalidFrameException if the bytes are not one complete, well-framed IPC stream
     */
    public static FrameSummary inspect(FramePayload payload) {
        byte[] buf = payload.array();
        int pos = payload.offset();
        int end = payload.offset() + payload.length();
        Map<String, String> metadata = null;
        String fingerprint = null;
        long rows = 0;
        int batches = 0;
        while (true) {
            if (end - pos < 4) {
                throw new InvalidFrameException(pos == end
                        ? "Arrow IPC stream has no end-of-stream marker"
                        : "Arrow IPC stream is truncated at byte " + (pos - payload.offset()));
            }
            int metaLength = RecordLittleEndian.i32(buf, pos);
            pos += 4;
            if (metaLength == CONTINUATION) {
                if (end - pos < 4) {
                    throw new InvalidFrameException("Arrow IPC stream is truncated after a continuation marker");
                }
                metaLength = RecordLittleEndian.i32(buf, pos);
                pos += 4;
            }
            if (metaLength == 0) {
                if (pos != end) {
                    throw new InvalidFrameException((end - pos) + " bytes follow the end-of-stream marker");
                }
                break;
            }
            if (metaLength < 0 || metaLength > end - pos) {
                throw new InvalidFrameException("Arrow IPC message metadata of " + metaLength
                        + " bytes does not fit the frame");
            }
            FlatTable message = FlatTable.root(buf, pos, pos + metaLength);
            int headerType = message.u8(MESSAGE_HEADER_TYPE, 0);
            FlatTable header = message.table(MESSAGE_HEADER);
            long bodyLength = message.i64(MESSAGE_BODY_LENGTH, 0);
            pos += metaLength;
            if (bodyLength < 0 || bodyLength > end - pos) {
                throw new InvalidFrameException("Arrow IPC message body of " + bodyLength + " bytes does not fit the frame");
            }
            if (header == null) {
                throw new InvalidFrameException("Arrow IPC message without header");
            }
            if (metadata == null && headerType != HEADER_SCHEMA) {
                throw new InvalidFrameException("Arrow IPC stream does not start with a schema message");
            }
            switch (headerType) {
                case HEADER_SCHEMA -> {
                    if (metadata != null) {
                        throw new InvalidFrameException("Arrow IPC stream has a second schema message");
                    }
                    metadata = keyValues(header, SCHEMA_CUSTOM_METADATA);
                    fingerprint = SchemaFingerprint.of(header);
                }
                case HEADER_RECORD_BATCH -> {
                    long length = header.i64(RECORD_BATCH_LENGTH, 0);
                    if (length < 0) {
                        throw new InvalidFrameException("Arrow record batch with negative length " + length);
                    }
                    rows += length;
                    batches++;
                }
                case HEADER_DICTIONARY_BATCH -> {
                    // Dictionaries carry no rows of their own; skipped like any body.
                }
                default -> throw new InvalidFrameException("unsupported Arrow IPC message type " + headerType);
            }
            pos += (int) bodyLength;
        }
        if (metadata == null) {
            throw new InvalidFrameException("Arrow IPC stream has no schema message");
        }
        return new FrameSummary(metadata, rows, batches, fingerprint);
    }

    /**
     * A {@code [KeyValue]} vector as a map (later duplicates win, as in Arrow Java). Offsets may
     * make many entries share one long string, so the decoded size is capped.
     */
    static Map<String, String> keyValues(FlatTable owner, int slot) {
        int n = owner.vectorLength(slot);
        Map<String, String> out = new LinkedHashMap<>();
        long decoded = 0;
        for (int i = 0; i < n; i++) {
            FlatTable kv = owner.tableAt(slot, i);
            String key = kv.string(0);
            if (key != null) {
                String value = kv.string(1);
                decoded += key.length() + (value == null ? 0 : value.length());
                if (decoded > MAX_METADATA_CHARS) {
                    throw new InvalidFrameException("Arrow custom metadata larger than " + MAX_METADATA_CHARS + " characters");
                }
                out.put(key, value == null ? "" : value);
            }
        }
        return out;
    }
}
