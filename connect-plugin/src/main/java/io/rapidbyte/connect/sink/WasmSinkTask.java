package io.rapidbyte.connect.sink;

import io.rapidbyte.connect.Version;
import io.rapidbyte.connect.config.ConnectorSetup;
import io.rapidbyte.connect.config.KeyedConfigException;
import io.rapidbyte.connect.metrics.TaskMetrics;
import io.rapidbyte.connect.records.FrameHeaders;
import io.rapidbyte.connect.records.InvalidFrameException;
import io.rapidbyte.connect.source.SourceOffsets;
import io.rapidbyte.connect.state.SinkStateStores;
import io.rapidbyte.host.imports.StateNamespaces;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.timing.GuestClock;
import io.rapidbyte.host.state.StateStore;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Connect sink task running a wasm destination connector: each record's bytes become a frame
 * (no copy) that goes to its stream's {@link FrameLog}; one {@link StreamWriter} thread per
 * stream runs {@code run-write} over it. {@code preCommit} asks every writer to have the
 * destination commit, then returns only offsets the destination has confirmed
 * ({@link PartitionProgress}), so a commit never claims data the destination does not have.
 *
 * <p>Records that are not V3 Arrow frames go to Connect's dead-letter queue when one is
 * configured and otherwise fail the task with the reason; they never reach the connector.
 *
 * <p><b>Threading.</b> Connect calls every method on the task thread; each stream's writer runs
 * on its own thread and talks to the task only through its {@link FrameLog},
 * {@link PartitionProgress} and {@link DeadLetters}, which are thread-safe.
 */
public class WasmSinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(WasmSinkTask.class);
    private static final long STOP_WAIT_MS = 10_000;

    private SinkConfig config;
    private ConnectorSetup setup;
    private StreamRouter router;
    private DeadLetters deadLetters;
    private TaskMetrics metrics;
    private StateStore state;
    private final PartitionProgress progress = new PartitionProgress();
    // Concurrent: the metrics reporter thread reads them while put() adds streams.
    private final Map<String, StreamWriter> writers = new ConcurrentHashMap<>();
    private final Map<String, FrameLog> logs = new ConcurrentHashMap<>();
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new SinkConfig(props);
        try {
            setup = ConnectorSetup.resolve(config, Role.DESTINATION);
            router = new StreamRouter(config.routeByTopic(), config.topicStreams());
        } catch (KeyedConfigException e) {
            throw new ConnectException("invalid configuration: " + e.getMessage(), e);
        } catch (org.apache.kafka.common.config.ConfigException e) {
            throw new ConnectException("invalid configuration: " + e.getMessage(), e);
        }
        // Connect hands out a reporter whenever errors.log.enable is set, even with the default
        // errors.tolerance=none, where every report fails the task with "Tolerance exceeded": only
        // tolerance all makes a dead-letter queue, so otherwise fail with our own reason.
        ErrantRecordReporter reporter = toleratesErrors(props) ? context.errantRecordReporter() : null;
        deadLetters = new DeadLetters(reporter);
        metrics = new TaskMetrics(context.pluginMetrics(),
                () -> logs.values().stream().mapToLong(FrameLog::undelivered).sum(),
                () -> writers.values().stream().mapToLong(StreamWriter::inFlightNanos).sum());
        try {
            state = openStateStore(config);
        } catch (RuntimeException e) {
            throw new ConnectException("cannot open the connector's state store: " + e.getMessage(), e);
        }
        LOG.info("{} writes with {}{}", config.connectorName(), setup.origin(),
                reporter == null ? "" : ", rejected records go to the dead-letter queue");
    }

    static boolean toleratesErrors(Map<String, String> props) {
        return "all".equalsIgnoreCase(String.valueOf(props.get("errors.tolerance")).trim());
    }

    /** The destination connector's state store; see {@link SinkStateStores}. */
    protected StateStore openStateStore(SinkConfig sinkConfig) {
        return SinkStateStores.open(sinkConfig);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        deadLetters.sendQueued();
        for (StreamWriter w : writers.values()) {
            if (w.state() == StreamWriter.State.FAILED) {
                throw new ConnectException(w.failure());
            }
            if (w.state() == StreamWriter.State.RETRYING) {
                // Nothing of this batch is taken yet, so Connect may redeliver all of it later.
                throw new RetriableException("the destination is retrying after a retryable error");
            }
        }
        long cpu = GuestClock.threadCpuNanos();
        try {
            take(records);
        } finally {
            metrics.convertCpu(GuestClock.threadCpuNanos() - cpu);
        }
    }

    private void take(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
            progress.track(tp, record.kafkaOffset());
            String stream;
            String lane;
            RecordFrames.Checked frame;
            try {
                stream = router.streamOf(record);
                lane = SourceOffsets.lane(stream, FrameHeaders.text(record.headers(), FrameHeaders.RANGE));
                frame = RecordFrames.check(record, metrics.copies());
            } catch (InvalidFrameException e) {
                rejected(record, e);
                progress.done(tp, record.kafkaOffset());
                continue;
            }
            try {
                if (!log(stream, lane).append(new FrameLog.Entry(frame.payload(), record, frame.summary().rows()))) {
                    StreamWriter w = writers.get(lane);
                    throw new ConnectException(w.failure() != null ? w.failure() : "the task is stopping");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("interrupted while waiting for the destination", e);
            }
        }
    }

    private void rejected(SinkRecord record, InvalidFrameException e) {
        String where = record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
        if (!deadLetters.enabled()) {
            throw new ConnectException("record " + where + " is not a Rapidbyte V3 Arrow frame: " + e.getMessage()
                    + " (configure errors.tolerance=all and errors.deadletterqueue.topic.name to skip such records)");
        }
        LOG.warn("record {} is not a Rapidbyte V3 Arrow frame ({}); sent to the dead-letter queue", where, e.getMessage());
        deadLetters.report(record, new DataException("not a Rapidbyte V3 Arrow frame: " + e.getMessage()));
        metrics.deadLetter();
    }

    /**
     * The log of the stream, or of one range of it ({@code lane}: each range is written by its own
     * writer, with its own watermark in the destination, in its own order), starting its writer on
     * first use.
     */
    private FrameLog log(String stream, String lane) {
        FrameLog existing = logs.get(lane);
        if (existing != null) {
            return existing;
        }
        FrameLog log = new FrameLog(config.getLong(SinkConfig.INFLIGHT_MAX_BYTES),
                config.getLong(SinkConfig.COMMIT_IDLE_MS));
        String name = config.connectorName() + ":" + lane;
        StreamWriter writer = new StreamWriter(stream, setup, log, progress, deadLetters, state,
                new StateNamespaces(config.pipelineId(), stream, config.connectorName()), metrics, name,
                config.getLong(SinkConfig.RETRY_TIMEOUT_MS));
        Thread t = new Thread(writer, "rapidbyte-sink-" + name);
        t.setDaemon(true);
        logs.put(lane, log);
        writers.put(lane, writer);
        threads.put(lane, t);
        t.start();
        return log;
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(config.getLong(SinkConfig.FLUSH_TIMEOUT_MS));
        try {
            for (Map.Entry<String, StreamWriter> w : writers.entrySet()) {
                long left = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                if (!w.getValue().flush(left)) {
                    LOG.info("{}: stream {} has {} unconfirmed batch(es) after the flush timeout; committing what is "
                            + "confirmed", config.connectorName(), w.getKey(), logs.get(w.getKey()).unconfirmed());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            metrics.commitWait(System.nanoTime() - start);
        }
        // Offsets first, then the dead letters: a batch counted in them had its dead-letter
        // records queued before it was confirmed, so the flush sends them before they commit.
        Map<TopicPartition, OffsetAndMetadata> committable = progress.committable(currentOffsets.keySet());
        deadLetters.flush();
        return committable;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        // preCommit (called just before by the worker) drained what it could; batches of these
        // partitions that the destination has not taken yet are dropped: the next owner reads them
        // from the committed offset.
        logs.values().forEach(l -> l.dropUndelivered(partitions));
        progress.forget(partitions);
    }

    @Override
    public void stop() {
        writers.values().forEach(StreamWriter::stop);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MS);
        for (Thread t : threads.values()) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) {
                LOG.warn("stream thread {} did not end within {} ms", t.getName(), STOP_WAIT_MS);
            }
        }
        if (metrics != null) {
            metrics.close();
        }
        if (state instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing the state store failed", e);
            }
        }
    }

    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        // preCommit does the work; flush is only called by workers that bypass preCommit.
    }
}
