package io.rapidbyte.connect.source;

import io.rapidbyte.connect.records.FrameSummary;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.imports.DlqRecord;
import java.nio.charset.StandardCharsets;

/**
 * Something a stream's run produced that becomes one Kafka record: a batch, or a record the
 * connector sent to the dead-letter queue. Immutable.
 */
public sealed interface SourceEvent {
    /** Bytes the event holds in the task's buffer. */
    long bytes();

    /** A sealed frame with what {@link io.rapidbyte.connect.records.ArrowStreamInspector} read from it. */
    record Batch(FramePayload payload, FrameSummary summary) implements SourceEvent {
        @Override
        public long bytes() {
            return payload.length();
        }
    }

    /** An {@code emit-dlq-record} call. */
    record DeadLetter(DlqRecord record) implements SourceEvent {
        @Override
        public long bytes() {
            return record.recordJson().getBytes(StandardCharsets.UTF_8).length + record.errorMessage().length();
        }
    }
}
