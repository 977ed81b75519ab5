package io.rapidbyte.connect.sink;

import io.rapidbyte.connect.records.ArrowStreamInspector;
import io.rapidbyte.connect.records.FrameHeaders;
import io.rapidbyte.connect.records.FrameSummary;
import io.rapidbyte.connect.records.InvalidFrameException;
import io.rapidbyte.host.frames.CopyCounter;
import io.rapidbyte.host.frames.FramePayload;
import java.nio.ByteBuffer;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a sink record into the frame a destination connector reads: the value's own byte array
 * wrapped without copying (the worker's {@code ByteArrayConverter} hands it over as is), after
 * checking that headers and bytes are a Rapidbyte V3 frame. Stateless.
 */
final class RecordFrames {
    private RecordFrames() {
    }

    /** A checked frame of a record. */
    record Checked(FramePayload payload, FrameSummary summary) {
    }

    /**
     * @param copies where to count the copy a non-array value (a direct ByteBuffer) costs
     * @throws InvalidFrameException saying why the record is not a V3 Arrow frame
     */
    static Checked check(SinkRecord record, CopyCounter copies) {
        FrameHeaders.requireV3ArrowFrame(record.headers());
        FramePayload payload = payloadOf(record.value(), copies);
        FrameSummary summary = ArrowStreamInspector.inspect(payload);
        String rows = FrameHeaders.text(record.headers(), FrameHeaders.ROWS);
        if (rows != null && !rows.equals(Long.toString(summary.rows()))) {
            throw new InvalidFrameException("header " + FrameHeaders.ROWS + " says " + rows + " rows, the batch has "
                    + summary.rows());
        }
        return new Checked(payload, summary);
    }

    private static FramePayload payloadOf(Object value, CopyCounter copies) {
        if (value instanceof byte[] bytes) {
            return FramePayload.wrap(bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            if (buffer.hasArray()) {
                return FramePayload.wrap(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            }
            byte[] copy = new byte[buffer.remaining()];
            buffer.duplicate().get(copy);
            copies.addInternal(copy.length);
            return FramePayload.wrap(copy);
        }
        throw new InvalidFrameException(value == null
                ? "record has no value"
                : "record value is a " + value.getClass().getSimpleName()
                        + ", not bytes (set value.converter=org.apache.kafka.connect.converters.ByteArrayConverter)");
    }
}
