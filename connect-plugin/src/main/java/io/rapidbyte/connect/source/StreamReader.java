package io.rapidbyte.connect.source;

import io.rapidbyte.connect.config.ConnectorSetup;
import io.rapidbyte.connect.guest.GuestFailures;
import io.rapidbyte.connect.guest.RetryPolicy;
import io.rapidbyte.connect.guest.TransformChain;
import io.rapidbyte.connect.metrics.TaskMetrics;
import io.rapidbyte.host.imports.StateNamespaces;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.sockets.SocketOptions;
import io.rapidbyte.host.state.StateStore;
import io.rapidbyte.host.types.StreamLimits;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one stream, or one range of it (waiting first for the stream's range plan to be stored,
 * {@link PlanGate}), on its own thread: builds and opens an instance of the connector there, with
 * the stream's {@link TransformChain} (every instance must live on the thread that calls it; the
 * transforms run inside the connector's {@code emit-batch}), then calls {@code run-read} with the stream's
 * last checkpoint as {@code resume} — once for a full-refresh stream (whose successful end is then
 * recorded with {@link SourceBuffer#finish}, so a restarted task does not read it again), every
 * {@code poll.interval.ms} for an incremental one. Retryable connector errors are retried with
 * backoff (held-back batches of the failed run are dropped and read again from the checkpoint; a
 * newer checkpoint committed by Kafka since the previous failure ends the failure streak, see
 * {@link RetryPolicy#onFailure(Throwable, Object)});
 * any other failure is handed to the {@link SourceBuffer}, which makes {@code poll()} fail the
 * task with the connector's message.
 *
 * <p><b>Threading.</b> {@link #run()} on the stream thread; {@link #stop()} and
 * {@link #inFlightNanos()} from any thread. The instance is closed (frames and sockets freed) on
 * the stream thread however the loop ends.
 */
final class StreamReader implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamReader.class);

    private final StreamSpec stream;
    private final PlanGate plan;
    private final RangedSnapshotGate snapshot;
    private final ConnectorSetup setup;
    private final SourceBuffer buffer;
    private final DurableCheckpoints durable;
    private final StateStore state;
    private final StateNamespaces namespaces;
    private final TaskMetrics metrics;
    private final String instanceName;
    private final long pollIntervalMs;
    private final RetryPolicy retry;
    private final boolean dlqEnabled;
    private volatile boolean stopping;
    private volatile ConnectorInstance current;
    /** The stream's transforms, opened and closed with {@link #current}; null without any. */
    private volatile TransformChain chain;
    private volatile Thread thread;
    private volatile long callStartNanos;

    /**
     * @param plan     the gate of the stream's range plan, or null when the whole stream is read
     * @param snapshot the order of a repeated stream and its snapshot ranges, or null
     */
    StreamReader(StreamSpec stream, PlanGate plan, RangedSnapshotGate snapshot, ConnectorSetup setup,
                 SourceBuffer buffer, DurableCheckpoints durable,
                 StateStore state,
                 StateNamespaces namespaces, TaskMetrics metrics, String instanceName, long pollIntervalMs,
                 long retryBudgetMs, boolean dlqEnabled) {
        this.stream = stream;
        this.plan = plan;
        this.snapshot = snapshot;
        this.setup = setup;
        this.buffer = buffer;
        this.durable = durable;
        this.state = state;
        this.namespaces = namespaces;
        this.metrics = metrics;
        this.instanceName = instanceName;
        this.pollIntervalMs = pollIntervalMs;
        this.retry = new RetryPolicy(retryBudgetMs);
        this.dlqEnabled = dlqEnabled;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        StreamLimits limits = setup.streamLimits(8);
        ConnectorInstance instance = null;
        try {
            if (plan != null) {
                plan.await();
            }
            if (snapshot != null && stream.snapshot()) {
                snapshot.awaitStreamCheckpoint();
            }
            while (!stopping) {
                try {
                    if (instance == null || !instance.isUsable() || (chain != null && !chain.isUsable())) {
                        closeQuietly(instance);
                        instance = null;
                        instance = open();
                    }
                    runOnce(instance, limits);
                    retry.onSuccess();
                    if (!stream.incremental()) {
                        LOG.info("{}: full refresh of stream {} finished; once committed, a restart does not read it "
                                + "again", instanceName, stream.lane());
                        return;
                    }
                    Thread.sleep(pollIntervalMs);
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable thrown) {
                    // A transform's failure reaches us through the connector's emit-batch, maybe
                    // wrapped in the connector's own error: report (and retry by) the transform's.
                    TransformChain transforms = chain;
                    Throwable failure = transforms == null ? thrown
                            : java.util.Objects.requireNonNullElse(transforms.takeFailure(), thrown);
                    int dropped = buffer.endRun(stream.lane(), false);
                    if (stopping) {
                        return;
                    }
                    // A cdc run streams for hours between two lost connections: what it made
                    // durable meanwhile ends the failure streak, as the sink's commits do.
                    Optional<Duration> delay = retry.onFailure(failure, durable.durable(stream.lane()));
                    String message = GuestFailures.describe(stream.lane(), failure);
                    if (delay.isEmpty()) {
                        LOG.error("{}: {}", instanceName, message, failure);
                        buffer.fail(new ConnectException(message, failure));
                        return;
                    }
                    LOG.warn("{}: {}; dropped {} uncommitted record(s), retrying in {} ms", instanceName, message,
                            dropped, delay.get().toMillis());
                    Thread.sleep(delay.get().toMillis());
                }
            }
        } catch (InterruptedException e) {
            // stop() interrupts a sleeping reader; nothing else to do.
        } catch (RuntimeException e) {
            // A gate read a stored offset it cannot use: fail the task, never end the thread silently.
            String message = "stream " + stream.lane() + " cannot start: " + e.getMessage();
            LOG.error("{}: {}", instanceName, message, e);
            buffer.fail(new ConnectException(message, e));
        } finally {
            closeQuietly(instance);
            current = null;
        }
    }

    /** Opens the stream's transforms, then its connector instance, on the stream thread. */
    private ConnectorInstance open() {
        TransformChain transforms = TransformChain.open(setup, stream.name(), instanceName, state, namespaces, metrics);
        chain = transforms;
        if (stopping && transforms != null) {
            transforms.cancel();
        }
        ConnectorInstance instance = ConnectorInstance.builder(setup.module(), Role.SOURCE)
                .name(instanceName)
                .limits(setup.instanceLimits())
                .network(setup.acl(), SocketOptions.DEFAULT)
                .state(state, namespaces)
                .listener(new SourceListener(stream.lane(), buffer, durable, dlqEnabled, metrics))
                .copyCounter(metrics.copies())
                .clock(metrics.clock())
                .output(new StreamOutput(stream.name(), stream.lane(), buffer, transforms))
                .build();
        current = instance;
        if (stopping) {
            instance.cancel();
        }
        timed(() -> instance.open(setup.configJson()));
        return instance;
    }

    private void runOnce(ConnectorInstance instance, StreamLimits limits) throws InterruptedException {
        String ranged = snapshot != null && stream.followsRanges() ? snapshot.state() : null;
        String ctx = limits.contextJson(stream.name(), buffer.checkpoint(stream.lane()), stream.range(), ranged);
        timed(() -> instance.runRead(ctx));
        metrics.guestMemory(instance.memoryBytes());
        // A connector that went on after a failed emit-batch (a transform's failure among them)
        // cannot end as a success: endRun throws, and run() reports the transform's own failure.
        int uncovered = buffer.endRun(stream.lane(), true);
        if (uncovered > 0) {
            LOG.warn("{}: run-read of {} ended without checkpointing its last {} record(s); they are delivered "
                    + "at-least-once", instanceName, stream.lane(), uncovered);
        }
        if (!stream.incremental()) {
            // Queued behind the stream's last records: the marker is only committed once they are.
            buffer.finish(stream.lane());
        }
        if (RangedSnapshotGate.PENDING.equals(ranged)) {
            LOG.info("{}: stream {} waits for its snapshot ranges to finish before it streams", instanceName,
                    stream.lane());
            snapshot.awaitRanges();
        }
    }

    private void timed(Runnable call) {
        callStartNanos = System.nanoTime();
        try {
            call.run();
        } finally {
            long start = callStartNanos;
            callStartNanos = 0;
            metrics.guestTime(System.nanoTime() - start);
        }
    }

    /** Nanoseconds the current guest call has run so far (0 when none runs). */
    long inFlightNanos() {
        long start = callStartNanos;
        return start == 0 ? 0 : System.nanoTime() - start;
    }

    /** Cancels the running guest call and ends the loop; the stream thread closes the instance. */
    void stop() {
        stopping = true;
        ConnectorInstance instance = current;
        if (instance != null) {
            instance.cancel();
        }
        TransformChain transforms = chain;
        if (transforms != null) {
            transforms.cancel();
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Closes the connector instance and the stream's transforms with it. */
    private void closeQuietly(ConnectorInstance instance) {
        TransformChain transforms = chain;
        chain = null;
        if (transforms != null) {
            metrics.guestMemory(transforms.memoryBytes());
            transforms.close();
        }
        if (instance == null) {
            return;
        }
        metrics.guestMemory(instance.memoryBytes());
        try {
            instance.close();
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the connector failed: {}", instanceName, GuestFailures.describe(stream.lane(), e));
        }
    }
}
