package io.rapidbyte.connect.records;

import io.rapidbyte.host.frames.FramePayload;
import java.util.Arrays;
import java.util.List;

/**
 * Joins complete Arrow IPC streams that share one schema message into one stream: the first
 * stream's schema message, every stream's record batches in order, one end-of-stream marker.
 * "Share" is exact: the schema messages (fields and custom metadata, e.g. {@code rapidbyte.seq})
 * must be byte for byte equal, else nothing could say which metadata the joined batches have.
 * Only streams without dictionaries (no Rapidbyte guest writes any) are joined correctly.
 * Stateless.
 */
public final class IpcStreamConcat {
    private static final int CONTINUATION = 0xFFFFFFFF;

    private IpcStreamConcat() {
    }

    /**
     * @param streams at least one complete stream (checked by the caller with {@link ArrowStreamInspector})
     * @throws InvalidFrameException if the schema messages differ, saying which stream
     */
    public static byte[] concat(List<FramePayload> streams) {
        FramePayload first = streams.get(0);
        int schemaLength = schemaMessageLength(first);
        long total = schemaLength + 8;
        for (FramePayload s : streams) {
            total += batchesLength(s, schemaMessageLength(s));
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new InvalidFrameException("the joined Arrow IPC stream would exceed 2 GiB");
        }
        byte[] out = new byte[(int) total];
        System.arraycopy(first.array(), first.offset(), out, 0, schemaLength);
        int pos = schemaLength;
        for (int i = 0; i < streams.size(); i++) {
            FramePayload s = streams.get(i);
            int length = schemaMessageLength(s);
            if (length != schemaLength || !Arrays.equals(s.array(), s.offset(), s.offset() + length,
                    first.array(), first.offset(), first.offset() + schemaLength)) {
                throw new InvalidFrameException("output batch " + (i + 1) + " of " + streams.size()
                        + " has another schema or schema metadata than batch 1, so they cannot share one record");
            }
            int batches = batchesLength(s, length);
            System.arraycopy(s.array(), s.offset() + length, out, pos, batches);
            pos += batches;
        }
        // End-of-stream: the continuation marker, then a zero length (the array is zeroed).
        Arrays.fill(out, pos, pos + 4, (byte) 0xFF);
        return out;
    }

    /** Bytes of the leading schema message, prefix and body included. */
    private static int schemaMessageLength(FramePayload s) {
        byte[] b = s.array();
        int pos = s.offset();
        int prefix = 4;
        int metaLength = RecordLittleEndian.i32(b, pos);
        if (metaLength == CONTINUATION) {
            metaLength = RecordLittleEndian.i32(b, pos + 4);
            prefix = 8;
        }
        // A schema message has no body (Arrow IPC format: bodyLength 0).
        return prefix + metaLength;
    }

    /** Bytes between the schema message and the end-of-stream marker. */
    private static int batchesLength(FramePayload s, int schemaLength) {
        byte[] b = s.array();
        int end = s.offset() + s.length();
        boolean continued = s.length() >= 8 && RecordLittleEndian.i32(b, end - 8) == CONTINUATION
                && RecordLittleEndian.i32(b, end - 4) == 0;
        return s.length() - schemaLength - (continued ? 8 : 4);
    }
}
