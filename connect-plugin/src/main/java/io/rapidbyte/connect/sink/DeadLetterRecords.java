package io.rapidbyte.connect.sink;

import io.rapidbyte.connect.records.DeadLetterHeaders;
import io.rapidbyte.connect.records.FrameHeaders;
import io.rapidbyte.connect.records.FrameSummary;
import io.rapidbyte.host.imports.DlqRecord;
import io.rapidbyte.host.imports.DlqRow;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The records a sink task hands to Connect's dead-letter reporter for what its destination
 * refused: one per row. They carry the topic, partition and offset of the record the row came
 * from (so Connect's {@code __connect.errors.*} context headers name it), the stream as key, and
 * {@link DeadLetterHeaders}. A row from {@code emit-dlq-row} is a Rapidbyte V3 frame of its own
 * (value = its one-row Arrow IPC stream, {@code rapidbyte.*} batch headers), so it can be produced
 * back into the sink's topic as it is. Stateless.
 */
final class DeadLetterRecords {
    private DeadLetterRecords() {
    }

    /** A refused row as its own record. */
    static SinkRecord row(SinkRecord origin, String connector, DlqRow row, FrameSummary summary) {
        ConnectHeaders headers = new ConnectHeaders();
        FrameHeaders.addBatchHeaders(headers, row.stream(), summary);
        headers.addString(DeadLetterHeaders.STREAM, row.stream());
        headers.addString(DeadLetterHeaders.CONNECTOR, connector);
        if (row.column() != null) {
            headers.addString(DeadLetterHeaders.COLUMN, row.column());
        }
        headers.addString(DeadLetterHeaders.CODE, row.code());
        if (DeadLetterHeaders.isSqlState(row.code())) {
            headers.addString(DeadLetterHeaders.SQLSTATE, row.code());
        }
        headers.addString(DeadLetterHeaders.MESSAGE, row.message());
        headers.addString(DeadLetterHeaders.CATEGORY, "data");
        return record(origin, row.stream(), row.row().toByteArray(), headers);
    }

    /** A record a destination refused through {@code emit-dlq-record}: its JSON as the value. */
    static SinkRecord json(SinkRecord origin, String connector, DlqRecord record) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(FrameHeaders.CONTENT_TYPE, FrameHeaders.JSON_MEDIA_TYPE);
        headers.addString(DeadLetterHeaders.STREAM, record.stream());
        headers.addString(DeadLetterHeaders.CONNECTOR, connector);
        headers.addString(DeadLetterHeaders.MESSAGE, record.errorMessage());
        headers.addString(DeadLetterHeaders.CATEGORY, record.errorCategory());
        return record(origin, record.stream(), record.recordJson().getBytes(StandardCharsets.UTF_8), headers);
    }

    private static SinkRecord record(SinkRecord origin, String stream, byte[] value, ConnectHeaders headers) {
        return new SinkRecord(origin.topic(), origin.kafkaPartition(), Schema.STRING_SCHEMA, stream,
                Schema.BYTES_SCHEMA, value, origin.kafkaOffset(), origin.timestamp(), origin.timestampType(), headers);
    }
}
