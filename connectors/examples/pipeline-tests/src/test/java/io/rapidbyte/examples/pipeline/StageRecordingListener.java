package io.rapidbyte.examples.pipeline;

import io.rapidbyte.host.imports.HostListener;
import io.rapidbyte.host.types.CheckpointKind;
import io.rapidbyte.host.types.LogLevel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Remembers checkpoints, metrics, logs and teardowns of every stage; thread-safe. */
final class StageRecordingListener implements HostListener {
    record Checkpoint(String connector, CheckpointKind kind, String stream, String payload) {
    }

    record Metric(String connector, String payload) {
    }

    record Log(String connector, LogLevel level, String message) {
    }

    record Teardown(String connector, int leakedFrames, int leakedSockets) {
    }

    final List<Checkpoint> checkpoints = new CopyOnWriteArrayList<>();
    final List<Metric> metrics = new CopyOnWriteArrayList<>();
    final List<Log> logs = new CopyOnWriteArrayList<>();
    final List<Teardown> teardowns = new CopyOnWriteArrayList<>();

    @Override
    public void onCheckpoint(String connector, CheckpointKind kind, String stream, String payloadJson) {
        checkpoints.add(new Checkpoint(connector, kind, stream, payloadJson));
    }

    @Override
    public void onMetric(String connector, String payloadJson) {
        metrics.add(new Metric(connector, payloadJson));
    }

    @Override
    public void onLog(String connector, LogLevel level, String message) {
        logs.add(new Log(connector, level, message));
    }

    @Override
    public void onTeardown(String connector, int leakedFrames, int leakedSockets) {
        teardowns.add(new Teardown(connector, leakedFrames, leakedSockets));
    }

    List<String> checkpointsOf(String connector) {
        return checkpoints.stream().filter(c -> c.connector().equals(connector)).map(Checkpoint::payload)
                .collect(Collectors.toList());
    }

    /** Payloads of the metrics named {@code name} sent by {@code connector}, in order. */
    List<String> metricsNamed(String connector, String name) {
        return metrics.stream().filter(m -> m.connector().equals(connector))
                .map(Metric::payload).filter(p -> Jsons.read(p).path("name").asText().equals(name))
                .collect(Collectors.toList());
    }

    Teardown teardownOf(String connector) {
        return teardowns.stream().filter(t -> t.connector().equals(connector)).findFirst()
                .orElseThrow(() -> new AssertionError("no teardown reported for " + connector + ": " + teardowns));
    }
}
