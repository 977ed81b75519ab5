package io.rapidbyte.connect.source;

import io.rapidbyte.connect.guest.Slf4jHostListener;
import io.rapidbyte.connect.metrics.TaskMetrics;
import io.rapidbyte.host.imports.DlqRecord;
import io.rapidbyte.host.types.CheckpointKind;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The control-plane calls of one stream's instance: source checkpoints release the held
 * batches ({@link SourceBuffer#checkpoint}); {@code durable-checkpoint} answers what Kafka has
 * committed ({@link DurableCheckpoints}); dead-letter records join the stream's events when a
 * DLQ topic is configured, and otherwise fail the task with the connector's reason (Connect has
 * no source-side dead-letter queue of its own). Called on the stream's thread.
 */
final class SourceListener extends Slf4jHostListener {
    private final String stream;
    private final SourceBuffer buffer;
    private final DurableCheckpoints durable;
    private final boolean dlqEnabled;

    SourceListener(String stream, SourceBuffer buffer, DurableCheckpoints durable, boolean dlqEnabled,
            TaskMetrics metrics) {
        super(metrics);
        this.stream = stream;
        this.buffer = buffer;
        this.durable = durable;
        this.dlqEnabled = dlqEnabled;
    }

    @Override
    public void onCheckpoint(String connector, CheckpointKind kind, String checkpointStream, String payloadJson) {
        if (kind != CheckpointKind.SOURCE) {
            throw new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, ErrorCodes.INVALID_ARGUMENT,
                    "a source connector checkpoints with kind source, got " + kind));
        }
        buffer.checkpoint(stream, payloadJson);
    }

    /** What Kafka has committed of this stream ({@link DurableCheckpoints}). */
    @Override
    public java.util.Optional<String> durableCheckpoint(String connector, String checkpointStream) {
        return durable.durable(stream);
    }

    @Override
    public void onDlqRecord(String connector, DlqRecord record) {
        if (!dlqEnabled) {
            String reason = "stream " + stream + ": the connector rejected a record (" + record.errorCategory() + "): "
                    + record.errorMessage() + " — set " + SourceConfig.DLQ_TOPIC + " to send such records to a topic";
            buffer.fail(new ConnectException(reason));
            throw new ConnectorException(ConnectorError.of(ErrorCategory.DATA, "NO_DEAD_LETTER_QUEUE", reason));
        }
        try {
            buffer.add(stream, new SourceEvent.DeadLetter(record));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, ErrorCodes.CHANNEL_CLOSED,
                    "interrupted while queueing a dead-letter record"));
        }
    }
}
