package io.rapidbyte.connect.sink;

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
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorScope;
import io.rapidbyte.host.types.StreamLimits;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one stream on its own thread: builds and opens a destination instance there (with the
 * stream's {@link TransformChain}, if any, between the log and the destination:
 * {@link ChainedInput}), and whenever its {@link FrameLog} has batches calls {@code run-write}
 * (its {@code next-batch} reads the log) until the run is ended by a flush or a full log. Confirmed batches are reported
 * to the {@link PartitionProgress}.
 *
 * <p><b>Failures.</b> A retryable connector error replays the unconfirmed batches after the
 * connector's backoff ({@link #state()} is {@code RETRYING} meanwhile, and {@code put()}
 * answers Connect with a {@code RetriableException}). A per-record or per-batch data/schema
 * error skips the batch being processed into the dead-letter queue when there is one. Anything
 * else ends the writer; its message becomes the task's failure.
 *
 * <p><b>Threading.</b> {@link #run()} on the stream thread; the other methods from the task
 * thread (or, for {@link #confirmed} and {@link #fatal}, from the guest's callbacks on the stream
 * thread). The instance is closed on the stream thread however the loop ends.
 */
final class StreamWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamWriter.class);

    enum State { RUNNING, RETRYING, FAILED }

    private final String stream;
    private final ConnectorSetup setup;
    private final FrameLog log;
    private final PartitionProgress progress;
    private final DeadLetters deadLetters;
    private final StateStore state;
    private final StateNamespaces namespaces;
    private final TaskMetrics metrics;
    private final String instanceName;
    private final RetryPolicy retry;
    private final HeldDeadLetters held;
    private volatile State current = State.RUNNING;
    private volatile String failure;
    private volatile String lastCheckpoint;
    private volatile boolean stopping;
    private volatile ConnectorInstance instance;
    /** The stream's transforms, opened and closed with {@link #instance}; null without any. */
    private volatile TransformChain chain;
    private ChainedInput chained;
    private volatile Thread thread;
    private volatile long callStartNanos;

    StreamWriter(String stream, ConnectorSetup setup, FrameLog log, PartitionProgress progress, DeadLetters deadLetters,
                 StateStore state, StateNamespaces namespaces, TaskMetrics metrics, String instanceName,
                 long retryBudgetMs) {
        this.stream = stream;
        this.setup = setup;
        this.log = log;
        this.progress = progress;
        this.deadLetters = deadLetters;
        this.state = state;
        this.namespaces = namespaces;
        this.metrics = metrics;
        this.instanceName = instanceName;
        this.retry = new RetryPolicy(retryBudgetMs);
        this.held = new HeldDeadLetters(deadLetters, metrics);
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        StreamLimits limits = setup.streamLimits(8);
        ConnectorInstance guest = null;
        try {
            while (!stopping && log.awaitWork()) {
                try {
                    if (guest == null || !guest.isUsable() || (chain != null && !chain.isUsable())) {
                        closeQuietly(guest);
                        guest = null;
                        guest = open();
                    }
                    log.beginRun();
                    if (chained != null) {
                        chained.beginRun();
                    }
                    int dropped = held.discard();
                    if (dropped > 0) {
                        LOG.info("{}: {} dead-letter record(s) of unconfirmed batches dropped; the replay refuses "
                                + "those rows again", instanceName, dropped);
                    }
                    ConnectorInstance g = guest;
                    String ctx = limits.contextJson(stream, lastCheckpoint);
                    try {
                        timed(() -> g.runWrite(ctx));
                        TransformChain transforms = chain;
                        RuntimeException swallowed = transforms == null ? null : transforms.takeFailure();
                        if (swallowed != null) {
                            // The destination went on after next-batch failed: do not confirm past it.
                            throw swallowed;
                        }
                        metrics.guestMemory(g.memoryBytes());
                        // A run that returned normally has written everything it read.
                        log.confirmDelivered(entries -> confirmed(entries, null));
                    } finally {
                        log.runEnded();
                    }
                    retry.onSuccess();
                    current = State.RUNNING;
                } catch (Throwable thrown) {
                    if (stopping || failure != null) {
                        return;
                    }
                    // A transform's failure reaches us through the destination's next-batch, maybe
                    // wrapped in its own error: report (and retry, or dead-letter, by) the transform's.
                    TransformChain transforms = chain;
                    Throwable t = transforms == null ? thrown
                            : java.util.Objects.requireNonNullElse(transforms.takeFailure(), thrown);
                    if (skipIntoDeadLetterQueue(t)) {
                        continue;
                    }
                    Optional<Duration> delay = retry.onFailure(t);
                    if (delay.isEmpty()) {
                        fatal(GuestFailures.describe(stream, t));
                        LOG.error("{}: {}", instanceName, failure, t);
                        return;
                    }
                    current = State.RETRYING;
                    LOG.warn("{}: {}; replaying {} unconfirmed batch(es) in {} ms", instanceName,
                            GuestFailures.describe(stream, t), log.unconfirmed(), delay.get().toMillis());
                    Thread.sleep(delay.get().toMillis());
                    current = State.RUNNING;
                }
            }
        } catch (InterruptedException e) {
            // stop() interrupts an idle or sleeping writer.
        } finally {
            closeQuietly(guest);
            instance = null;
        }
    }

    /** A data error about the batch in hand goes to the DLQ (if any) and the run is replayed without it. */
    private boolean skipIntoDeadLetterQueue(Throwable t) {
        if (!(t instanceof ConnectorException ce) || ce.error() == null || !deadLetters.enabled()) {
            return false;
        }
        boolean aboutOneBatch = ce.error().scope() == ErrorScope.PER_RECORD || ce.error().scope() == ErrorScope.PER_BATCH;
        boolean dataProblem = ce.error().category() == ErrorCategory.DATA || ce.error().category() == ErrorCategory.SCHEMA;
        if (!aboutOneBatch || !dataProblem) {
            return false;
        }
        FrameLog.Entry bad = log.skipLastDelivered();
        if (bad == null) {
            return false;
        }
        String reason = GuestFailures.describe(stream, t);
        LOG.warn("{}: {}; the batch goes to the dead-letter queue", instanceName, reason);
        deadLetters.queue(bad.record(), new org.apache.kafka.connect.errors.DataException(reason));
        metrics.deadLetter();
        progress.done(bad.partition(), bad.record().kafkaOffset());
        return true;
    }

    /** Opens the stream's transforms, then its destination instance, on the stream thread. */
    private ConnectorInstance open() {
        TransformChain transforms = TransformChain.open(setup, stream, instanceName, state, namespaces, metrics);
        chain = transforms;
        chained = transforms == null ? null : new ChainedInput(log, transforms);
        ConnectorInstance guest = ConnectorInstance.builder(setup.module(), Role.DESTINATION)
                .name(instanceName)
                .limits(setup.instanceLimits())
                .network(setup.acl(), SocketOptions.DEFAULT)
                .state(state, namespaces)
                .listener(new SinkListener(this, log, deadLetters, held, setup.config().connectorName(),
                        metrics))
                .copyCounter(metrics.copies())
                .clock(metrics.clock())
                .input(chained == null ? log : chained)
                .build();
        instance = guest;
        if (stopping) {
            guest.cancel();
        }
        timed(() -> guest.open(setup.configJson()));
        return guest;
    }

    /** Batches the destination confirmed (a checkpoint, or the normal end of a run). */
    void confirmed(List<FrameLog.Entry> entries, String checkpointJson) {
        ConnectorInstance guest = instance;
        if (guest != null) {
            // On the guest's thread (a checkpoint or the end of a run): a run may last many commits.
            metrics.guestMemory(guest.memoryBytes());
        }
        // Queued before the offsets become committable: preCommit reads those, then flushes the queue.
        held.release(entries);
        for (FrameLog.Entry e : entries) {
            progress.done(e.partition(), e.record().kafkaOffset());
            metrics.batch(e.rows(), e.payload().length());
        }
        if (checkpointJson != null) {
            lastCheckpoint = checkpointJson;
        }
        if (!entries.isEmpty()) {
            // Durable progress ends a failure streak: a run may commit for hours before it returns.
            retry.onSuccess();
        }
    }

    /** Ends the writer with {@code message} as the task's failure. */
    void fatal(String message) {
        if (failure == null) {
            failure = message;
        }
        current = State.FAILED;
        log.close();
    }

    State state() {
        return current;
    }

    /** Why the writer failed, or null. */
    String failure() {
        return failure;
    }

    /**
     * Asks the destination to commit what it has (ends the current run) and waits up to
     * {@code timeoutMs} until every batch is confirmed.
     *
     * @return whether everything was confirmed
     */
    boolean flush(long timeoutMs) throws InterruptedException {
        log.endRun();
        return log.awaitConfirmed(timeoutMs, () -> current == State.FAILED);
    }

    /** Nanoseconds the current guest call has run so far (0 when none runs). */
    long inFlightNanos() {
        long start = callStartNanos;
        return start == 0 ? 0 : System.nanoTime() - start;
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

    /**
     * Ends the loop: a guest call in progress is cancelled (its uncommitted work is rolled back by
     * the destination); an idle guest is left to the stream thread, which closes it through its
     * {@code close} export (so it ends its database session itself) once the closed log wakes it.
     */
    void stop() {
        stopping = true;
        log.close();
        ConnectorInstance guest = instance;
        if (guest != null && callStartNanos != 0) {
            guest.cancel();
            TransformChain transforms = chain;
            if (transforms != null) {
                transforms.cancel();
            }
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Closes the destination instance and the stream's transforms with it. */
    private void closeQuietly(ConnectorInstance guest) {
        TransformChain transforms = chain;
        chain = null;
        chained = null;
        if (transforms != null) {
            metrics.guestMemory(transforms.memoryBytes());
            transforms.close();
        }
        if (guest == null) {
            return;
        }
        metrics.guestMemory(guest.memoryBytes());
        try {
            guest.close();
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the connector failed: {}", instanceName, GuestFailures.describe(stream, e));
        }
    }
}
