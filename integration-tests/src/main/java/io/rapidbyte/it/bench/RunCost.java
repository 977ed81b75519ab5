package io.rapidbyte.it.bench;

import io.rapidbyte.it.pipeline.ChainRun;
import io.rapidbyte.it.pipeline.PluginMetrics;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import io.rapidbyte.it.pipeline.TopicBytes;

/**
 * What one chain run cost, beside its time: host allocation, CPU and GC ({@link AllocationProbe}),
 * the bytes its topic occupies on the broker ({@link TopicBytes}), and the guests' linear-memory
 * high-water marks (the tasks' {@code guest-memory-max-bytes}). {@link #start} right before the
 * connectors are deployed, {@link #finish} once every row is in the target and before they are
 * deleted (their metrics go with them). Not thread-safe; one per run.
 */
final class RunCost {
    /** The figures of one run; {@code topic} holds its {@code batches} records. */
    record Figures(String label, ChainRun.Outcome outcome, AllocationProbe.Report cost, long brokerBytes,
                   long sourceGuestMemory, long sinkGuestMemory, String topic, int batches) {
    }

    private final String label;
    private final String bootstrapServers;
    private PostgresPipeline pipeline;
    private AllocationProbe probe;
    private Figures figures;

    RunCost(String label, String bootstrapServers) {
        this.label = label;
        this.bootstrapServers = bootstrapServers;
    }

    void start(PostgresPipeline deployed) {
        pipeline = deployed;
        probe = new AllocationProbe(deployed.source().name(), deployed.sink().name());
    }

    void finish(ChainRun.Outcome outcome) throws InterruptedException {
        AllocationProbe.Report cost = probe.finish(outcome.rows());
        figures = new Figures(label, outcome, cost, TopicBytes.onBrokers(bootstrapServers, pipeline.topic()),
                (long) PluginMetrics.max(pipeline.source().name(), "guest-memory-max-bytes"),
                (long) PluginMetrics.max(pipeline.sink().name(), "guest-memory-max-bytes"), pipeline.topic(),
                (int) PluginMetrics.sum(pipeline.source().name(), "batches-total"));
    }

    /** The figures, once {@link #finish} ran. */
    Figures figures() {
        if (figures == null) {
            throw new IllegalStateException("run " + label + " was not finished");
        }
        return figures;
    }
}
