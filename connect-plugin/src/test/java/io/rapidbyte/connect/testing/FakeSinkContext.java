package io.rapidbyte.connect.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** A sink task context standing in for the worker; records what the task reports to the DLQ. */
public final class FakeSinkContext implements SinkTaskContext {
    /** One record handed to the errant record reporter. */
    public record Reported(SinkRecord record, Throwable error) {
    }

    private final Map<String, String> configs;
    private final boolean withReporter;
    public final List<Reported> reported = new ArrayList<>();
    public final Map<TopicPartition, Long> rewinds = new HashMap<>();

    /**
     * @param withReporter a worker with a dead-letter queue: the reporter exists and the config says
     *        {@code errors.tolerance=all}, as Connect needs for a report not to fail the task
     */
    public FakeSinkContext(Map<String, String> configs, boolean withReporter) {
        this(configs, withReporter, withReporter ? "all" : null);
    }

    /** A reporter ({@code withReporter}) with the given {@code errors.tolerance} (null: not set). */
    public FakeSinkContext(Map<String, String> configs, boolean withReporter, String tolerance) {
        this.configs = configs;
        this.withReporter = withReporter;
        if (tolerance != null) {
            configs.put("errors.tolerance", tolerance);
        }
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
        rewinds.putAll(offsets);
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
        rewinds.put(tp, offset);
    }

    @Override
    public void timeout(long timeoutMs) {
    }

    @Override
    public Set<TopicPartition> assignment() {
        return Set.of();
    }

    @Override
    public void pause(TopicPartition... partitions) {
    }

    @Override
    public void resume(TopicPartition... partitions) {
    }

    @Override
    public void requestCommit() {
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        if (!withReporter) {
            return null;
        }
        return (record, error) -> {
            synchronized (reported) {
                reported.add(new Reported(record, error));
            }
            Future<Void> done = CompletableFuture.completedFuture(null);
            return done;
        };
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return null;
    }
}
