package io.rapidbyte.host.testing;

import io.rapidbyte.host.imports.DlqRecord;
import io.rapidbyte.host.imports.DlqRow;
import io.rapidbyte.host.imports.HostListener;
import io.rapidbyte.host.types.CheckpointKind;
import io.rapidbyte.host.types.LogLevel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A thread-safe listener that remembers every call. */
public final class RecordingListener implements HostListener {
    /** What {@code durable-checkpoint} answers, per stream; nothing by default. */
    public volatile java.util.function.Function<String, java.util.Optional<String>> durable =
            stream -> java.util.Optional.empty();

    @Override
    public java.util.Optional<String> durableCheckpoint(String connector, String stream) {
        return durable.apply(stream);
    }

    public record Log(String connector, LogLevel level, String message) {
    }

    public record Checkpoint(String connector, CheckpointKind kind, String stream, String payload) {
    }

    public record Metric(String connector, String payload) {
    }

    public record Dlq(String connector, DlqRecord record) {
    }

    public record Teardown(String connector, int leakedFrames, int leakedSockets) {
    }

    public final List<Log> logs = new CopyOnWriteArrayList<>();
    public final List<Checkpoint> checkpoints = new CopyOnWriteArrayList<>();
    public final List<Metric> metrics = new CopyOnWriteArrayList<>();
    public final List<Dlq> dlq = new CopyOnWriteArrayList<>();
    public final List<DlqRow> dlqRows = new CopyOnWriteArrayList<>();
    public final List<Teardown> teardowns = new CopyOnWriteArrayList<>();

    @Override
    public void onLog(String connector, LogLevel level, String message) {
        logs.add(new Log(connector, level, message));
    }

    @Override
    public void onCheckpoint(String connector, CheckpointKind kind, String stream, String payloadJson) {
        checkpoints.add(new Checkpoint(connector, kind, stream, payloadJson));
    }

    @Override
    public void onMetric(String connector, String payloadJson) {
        metrics.add(new Metric(connector, payloadJson));
    }

    @Override
    public void onDlqRecord(String connector, DlqRecord record) {
        dlq.add(new Dlq(connector, record));
    }

    @Override
    public void onDlqRow(String connector, DlqRow row) {
        dlqRows.add(row);
    }

    @Override
    public void onTeardown(String connector, int leakedFrames, int leakedSockets) {
        teardowns.add(new Teardown(connector, leakedFrames, leakedSockets));
    }
}
