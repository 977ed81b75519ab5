package io.rapidbyte.connect.sink;

import io.rapidbyte.connect.guest.Slf4jHostListener;
import io.rapidbyte.connect.metrics.TaskMetrics;
import io.rapidbyte.host.imports.CheckpointKind;
import io.rapidbyte.host.imports.DlqRecord;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control-plane calls of one stream's destination instance. A dest checkpoint confirms every
 * batch handed out before it ({@link StreamWriter#confirmed}). A dead-letter row is attributed
 * to the batch being processed (the last one handed out) and that batch's record goes to
 * Connect's dead-letter queue once, with the row and reason in the error; without a DLQ the
 * stream fails with the connector's reason. Called on the stream's thread.
 */
final class SinkListener extends Slf4jHostListener {
    private static final Logger LOG = LoggerFactory.getLogger(SinkListener.class);
    private static final int MAX_ROW_CHARS = 1_000;

    private final StreamWriter writer;
    private final FrameLog log;
    private final DeadLetters deadLetters;
    private final TaskMetrics metrics;
    /** Batches already sent to the DLQ in this run, by identity (payload equality would compare bytes). */
    private final Set<FrameLog.Entry> reported = Collections.newSetFromMap(new IdentityHashMap<>());

    SinkListener(StreamWriter writer, FrameLog log, DeadLetters deadLetters, TaskMetrics metrics) {
        this.writer = writer;
        this.log = log;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Override
    public void onCheckpoint(String connector, CheckpointKind kind, String stream, String payloadJson) {
        if (kind != CheckpointKind.DEST) {
            throw new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, ErrorCodes.INVALID_ARGUMENT,
                    "a destination connector checkpoints with kind dest, got " + kind));
        }
        log.confirmDelivered(entries -> writer.confirmed(entries, payloadJson));
        reported.clear();
    }

    @Override
    public void onDlqRecord(String connector, DlqRecord record) {
        FrameLog.Entry batch = log.lastDelivered();
        String row = record.recordJson().length() > MAX_ROW_CHARS
                ? record.recordJson().substring(0, MAX_ROW_CHARS) + "..." : record.recordJson();
        String reason = "stream " + record.stream() + ": the destination rejected a row (" + record.errorCategory()
                + "): " + record.errorMessage() + "; row: " + row;
        if (!deadLetters.enabled() || batch == null) {
            String why = batch == null ? " before reading any batch" : "; configure errors.tolerance=all and "
                    + "errors.deadletterqueue.topic.name to route such records to a dead-letter queue";
            writer.fatal(reason + why);
            throw new ConnectorException(ConnectorError.of(ErrorCategory.DATA, "NO_DEAD_LETTER_QUEUE", reason + why));
        }
        metrics.deadLetter();
        if (reported.add(batch)) {
            deadLetters.queue(batch.record(), new DataException(reason));
        } else {
            LOG.warn("{}: another row of the same batch (already sent to the dead-letter queue): {}", connector, reason);
        }
    }
}
