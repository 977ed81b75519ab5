package io.rapidbyte.connect.sink;

import io.rapidbyte.connect.guest.Slf4jHostListener;
import io.rapidbyte.connect.metrics.TaskMetrics;
import io.rapidbyte.connect.records.ArrowStreamInspector;
import io.rapidbyte.connect.records.FrameSummary;
import io.rapidbyte.connect.records.InvalidFrameException;
import io.rapidbyte.host.imports.DlqRecord;
import io.rapidbyte.host.imports.DlqRow;
import io.rapidbyte.host.types.CheckpointKind;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;

/**
 * The control-plane calls of one stream's destination instance. A dest checkpoint confirms every
 * batch handed out before it ({@link StreamWriter#confirmed}). A refused row
 * ({@code emit-dlq-row}, or a record through {@code emit-dlq-record}) belongs to the batch being
 * processed (the last one handed out) and becomes a dead-letter record of its own
 * ({@link DeadLetterRecords}), held until that batch is confirmed ({@link HeldDeadLetters});
 * without a DLQ the stream fails with the connector's reason. Called on the stream's thread.
 */
final class SinkListener extends Slf4jHostListener {
    private static final int MAX_ROW_CHARS = 1_000;

    private final StreamWriter writer;
    private final FrameLog log;
    private final DeadLetters deadLetters;
    private final HeldDeadLetters held;
    private final String connector;

    SinkListener(StreamWriter writer, FrameLog log, DeadLetters deadLetters, HeldDeadLetters held, String connector,
                 TaskMetrics metrics) {
        super(metrics);
        this.writer = writer;
        this.log = log;
        this.deadLetters = deadLetters;
        this.held = held;
        this.connector = connector;
    }

    @Override
    public void onCheckpoint(String instance, CheckpointKind kind, String stream, String payloadJson) {
        if (kind != CheckpointKind.DEST) {
            throw new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, ErrorCodes.INVALID_ARGUMENT,
                    "a destination connector checkpoints with kind dest, got " + kind));
        }
        log.confirmDelivered(entries -> writer.confirmed(entries, payloadJson));
    }

    @Override
    public void onDlqRecord(String instance, DlqRecord record) {
        String row = record.recordJson().length() > MAX_ROW_CHARS
                ? record.recordJson().substring(0, MAX_ROW_CHARS) + "..." : record.recordJson();
        String reason = "stream " + record.stream() + ": the destination rejected a record (" + record.errorCategory()
                + "): " + record.errorMessage() + "; record: " + row;
        FrameLog.Entry batch = batchOrFail(reason);
        held.hold(batch, DeadLetterRecords.json(batch.record(), connector, record), reason);
    }

    @Override
    public void onDlqRow(String instance, DlqRow row) {
        String reason = "stream " + row.stream() + ": the destination refused a row"
                + (row.column() == null ? "" : " (column \"" + row.column() + "\")") + ", " + row.code() + ": "
                + row.message();
        FrameLog.Entry batch = batchOrFail(reason);
        FrameSummary summary;
        try {
            summary = ArrowStreamInspector.inspect(row.row());
        } catch (InvalidFrameException e) {
            throw invalidRow("is not an Arrow IPC stream: " + e.getMessage());
        }
        if (summary.rows() != 1 || summary.recordBatches() != 1) {
            throw invalidRow("must hold one record batch of one row, it has " + summary.recordBatches()
                    + " batch(es) of " + summary.rows() + " row(s) in all");
        }
        held.hold(batch, DeadLetterRecords.row(batch.record(), connector, row, summary), reason);
    }

    /** The batch a dead letter belongs to; without one, or without a DLQ, the stream fails with {@code reason}. */
    private FrameLog.Entry batchOrFail(String reason) {
        FrameLog.Entry batch = log.lastDelivered();
        if (!deadLetters.enabled() || batch == null) {
            String why = batch == null ? " before reading any batch" : "; configure errors.tolerance=all and "
                    + "errors.deadletterqueue.topic.name to route such records to a dead-letter queue";
            writer.fatal(reason + why);
            throw new ConnectorException(ConnectorError.of(ErrorCategory.DATA, "NO_DEAD_LETTER_QUEUE", reason + why));
        }
        return batch;
    }

    private static ConnectorException invalidRow(String what) {
        return new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, ErrorCodes.INVALID_ARGUMENT,
                "emit-dlq-row: the row " + what));
    }
}
