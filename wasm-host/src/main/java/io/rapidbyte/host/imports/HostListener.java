package io.rapidbyte.host.imports;

import io.rapidbyte.host.types.CheckpointKind;
import io.rapidbyte.host.types.LogLevel;

/**
 * Receives the control-plane calls of guests ({@code log}, {@code checkpoint}, {@code metric},
 * {@code emit-dlq-record}, {@code emit-dlq-row}, {@code durable-checkpoint}), guest stdout/stderr
 * lines (as {@code onLog}), and the teardown report of each instance. Every method has a default
 * that logs through {@link System.Logger} {@code io.rapidbyte.host.guest}, so implementations override only what they consume.
 *
 * <p><b>Threading.</b> Called on the thread running the guest, while the guest waits. One
 * listener may serve several instances (a whole pipeline), each on its own thread, so
 * implementations must be thread-safe; the {@code connector} argument tells callers apart.
 *
 * <p><b>Errors.</b> A {@link io.rapidbyte.host.types.ConnectorException} thrown from
 * {@code onCheckpoint}, {@code onMetric}, {@code onDlqRecord}, {@code onDlqRow} or
 * {@code durableCheckpoint} is returned to the guest as that import's {@code err}; any other
 * runtime exception becomes an {@code internal} error.
 */
public interface HostListener {
    System.Logger LOG = System.getLogger("io.rapidbyte.host.guest");

    /** A listener that only logs. */
    static HostListener logging() {
        return new HostListener() {
        };
    }

    default void onLog(String connector, LogLevel level, String message) {
        LOG.log(level.systemLevel(), "[{0}] {1}", connector, message);
    }

    /** A durable position; {@code stream} is the stream the instance runs. */
    default void onCheckpoint(String connector, CheckpointKind kind, String stream, String payloadJson) {
        LOG.log(System.Logger.Level.INFO, "[{0}] checkpoint {1} {2}: {3}", connector, kind, stream, payloadJson);
    }

    /**
     * Answers {@code durable-checkpoint}: the newest source checkpoint payload of {@code stream}
     * whose batches are durable downstream (or the run's resume), empty when nothing is. The
     * default, for embedders without a durable downstream, is empty: a source then never
     * releases its upstream position on the host's word.
     */
    default java.util.Optional<String> durableCheckpoint(String connector, String stream) {
        return java.util.Optional.empty();
    }

    default void onMetric(String connector, String payloadJson) {
        LOG.log(System.Logger.Level.DEBUG, "[{0}] metric {1}", connector, payloadJson);
    }

    default void onDlqRecord(String connector, DlqRecord record) {
        LOG.log(System.Logger.Level.WARNING, "[{0}] dead-letter record on {1} ({2}): {3}", connector,
                record.stream(), record.errorCategory(), record.errorMessage());
    }

    /**
     * A refused row as its own one-row batch ({@code emit-dlq-row}). The default only logs it:
     * embedders without a dead-letter destination should refuse it (throw a
     * {@link io.rapidbyte.host.types.ConnectorException}) so the guest learns the row is not kept.
     */
    default void onDlqRow(String connector, DlqRow row) {
        LOG.log(System.Logger.Level.WARNING, "[{0}] dead-letter row on {1} ({2}{3}): {4}", connector, row.stream(),
                row.code(), row.column() == null ? "" : ", column " + row.column(), row.message());
    }

    /**
     * The instance was torn down; frames and sockets the guest still held were freed.
     * Called exactly once per instance, also when nothing leaked.
     */
    default void onTeardown(String connector, int leakedFrames, int leakedSockets) {
        if (leakedFrames > 0 || leakedSockets > 0) {
            LOG.log(System.Logger.Level.WARNING, "[{0}] freed {1} leaked frame(s) and {2} leaked socket(s)",
                    connector, leakedFrames, leakedSockets);
        }
    }
}
