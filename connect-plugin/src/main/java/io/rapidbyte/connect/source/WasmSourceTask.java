package io.rapidbyte.connect.source;

import io.rapidbyte.connect.Version;
import io.rapidbyte.connect.config.ConnectorSetup;
import io.rapidbyte.connect.config.KeyedConfigException;
import io.rapidbyte.connect.metrics.TaskMetrics;
import io.rapidbyte.connect.state.OffsetStateStore;
import io.rapidbyte.host.imports.StateNamespaces;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.timing.GuestClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Connect source task running a wasm source connector: one {@link StreamReader} thread per
 * assigned stream feeds a shared {@link SourceBuffer}; {@code poll()} turns what the buffer
 * releases into records ({@link SourceRecordFactory}). On start every stream resumes from the
 * checkpoint stored in its source offset, except a full-refresh stream whose offset says it
 * finished ({@link SourceOffsets#isFinished}): that one is not read again, like a completed
 * snapshot. A task left with no stream to read idles ({@code poll()} returns null). A range of a
 * stream ({@link RangePlans}) is read like a stream, under its own partition, once its stream's
 * range plan is in the offset store ({@link PlanGate}).
 *
 * <p>What Kafka has committed ({@link #commitRecord}, {@link #commit}) is tracked per stream by
 * {@link DurableCheckpoints} and answers the guests' {@code durable-checkpoint}.
 *
 * <p><b>Threading.</b> Connect calls {@link #start} and {@link #poll} on the task thread,
 * {@link #commit} there or on its offset committer thread, {@link #commitRecord} on the
 * producer's thread (with exactly-once: the task thread), and {@link #stop} on another; {@code stop()} cancels the guests, wakes
 * {@code poll()} and waits (bounded) for the stream threads, which free their instances.
 */
public class WasmSourceTask extends SourceTask {
    private static final Logger LOG = LoggerFactory.getLogger(WasmSourceTask.class);
    private static final long POLL_WAIT_MS = 1_000;
    private static final long STOP_WAIT_MS = 10_000;

    private SourceBuffer buffer;
    private DurableCheckpoints durable;
    private SourceRecordFactory records;
    private TaskMetrics metrics;
    // Copy-on-write: the metrics reporter thread iterates it while start() fills it.
    private final List<StreamReader> readers = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<SourceRecord> pendingPlans = new ArrayList<>();
    private volatile boolean stopping;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        SourceConfig config = new SourceConfig(props);
        ConnectorSetup setup;
        try {
            setup = ConnectorSetup.resolve(config, Role.SOURCE);
        } catch (KeyedConfigException e) {
            throw new ConnectException("invalid configuration: " + e.getMessage(), e);
        }
        List<StreamSpec> streams;
        try {
            streams = StreamSpec.fromJson(config.getString(SourceConfig.TASK_STREAMS));
        } catch (IllegalArgumentException e) {
            throw new ConnectException("task config has no valid " + SourceConfig.TASK_STREAMS + ": " + e.getMessage());
        }
        buffer = new SourceBuffer(config.getLong(SourceConfig.BUFFER_MAX_BYTES), config.exactlyOnceRequired());
        durable = new DurableCheckpoints(config.exactlyOnceRequired());
        OffsetStorageReader reader = context.offsetStorageReader();
        metrics = new TaskMetrics(context.pluginMetrics(), buffer::depth,
                () -> readers.stream().mapToLong(StreamReader::inFlightNanos).sum());
        records = new SourceRecordFactory(config, metrics, streams);
        List<StreamSpec> toRead = openUnfinished(config.connectorName(), streams, reader);
        Map<String, PlanGate> gates = planGates(toRead, reader);
        OffsetStateStore state = new OffsetStateStore(reader, buffer::state);
        for (StreamSpec s : toRead) {
            String name = config.connectorName() + ":" + s.lane();
            StreamReader r = new StreamReader(s, gates.get(s.name()), RangedSnapshotGate.of(s, reader), setup, buffer,
                    durable, state,
                    new StateNamespaces(config.pipelineId(), s.name(), config.connectorName()), metrics, name,
                    config.getLong(SourceConfig.POLL_INTERVAL_MS), config.getLong(SourceConfig.RETRY_TIMEOUT_MS),
                    !config.dlqTopic().isEmpty());
            readers.add(r);
            Thread t = new Thread(r, "rapidbyte-source-" + name);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        LOG.info("{} reads streams {} with {}", config.connectorName(), toRead, setup.origin());
    }

    /**
     * The gate of each stream whose ranges this task reads ({@link PlanGate}); a plan not stored
     * yet is queued as the first record {@link #poll} returns.
     *
     * @throws ConnectException if the stored plan is not the one this task was given
     */
    private Map<String, PlanGate> planGates(List<StreamSpec> toRead, OffsetStorageReader reader) {
        Map<String, String> plans = new LinkedHashMap<>();
        toRead.stream().filter(s -> s.plan() != null).forEach(s -> plans.putIfAbsent(s.name(), s.plan()));
        Map<String, PlanGate> gates = new HashMap<>();
        if (plans.isEmpty()) {
            return gates;
        }
        Map<Map<String, String>, Map<String, Object>> stored =
                reader.offsets(plans.keySet().stream().map(SourceOffsets::planPartition).toList());
        plans.forEach((stream, plan) -> {
            Map<String, Object> offset = stored.get(SourceOffsets.planPartition(stream));
            Object text = offset == null ? null : offset.get(SourceOffsets.PLAN_RANGES);
            if (text instanceof String storedPlan && !RangePlans.same(storedPlan, plan)) {
                throw PlanGate.differs(stream, storedPlan, plan);
            }
            if (!(text instanceof String)) {
                pendingPlans.add(records.plan(stream, plan));
            }
            gates.put(stream, new PlanGate(stream, plan, reader, text instanceof String));
        });
        return gates;
    }

    /**
     * Opens in the buffer, at their stored checkpoints, the streams (and ranges) still to read:
     * all but the full-refresh ones recorded as finished (an incremental stream ignores the flag).
     */
    private List<StreamSpec> openUnfinished(String connector, List<StreamSpec> streams, OffsetStorageReader reader) {
        Map<Map<String, String>, Map<String, Object>> stored =
                reader.offsets(streams.stream().map(StreamSpec::partition).toList());
        List<StreamSpec> toRead = new ArrayList<>();
        for (StreamSpec s : streams) {
            Map<String, Object> offset = stored.get(s.partition());
            String checkpoint;
            boolean finished;
            try {
                checkpoint = SourceOffsets.checkpointOf(offset);
                finished = SourceOffsets.isFinished(offset);
            } catch (IllegalArgumentException e) {
                throw new ConnectException("stored offset of stream " + s.lane() + " is unusable: " + e.getMessage());
            }
            if (finished && !s.incremental()) {
                LOG.info("{}: stream {} finished its full refresh in an earlier run and is not read again. To read "
                        + "it again, stop the connector and reset its offsets (DELETE /connectors/{}/offsets, "
                        + "Connect 3.6+) or use a new connector name", connector, s.lane(), connector);
                continue;
            }
            buffer.open(s.lane(), checkpoint);
            durable.open(s.lane(), checkpoint);
            toRead.add(s);
        }
        return toRead;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopping) {
            return null;
        }
        List<SourceRecord> plans = takePlans();
        if (plans != null) {
            // Before any range data: the ranges wait for these in the offset store (PlanGate).
            return plans;
        }
        List<Release> released;
        try {
            released = buffer.drain(POLL_WAIT_MS);
        } catch (ConnectException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConnectException(e.getMessage(), e);
        }
        if (released.isEmpty() || stopping) {
            return takePlans();
        }
        List<SourceRecord> out;
        long cpu = GuestClock.threadCpuNanos();
        try {
            out = records.toRecords(released);
        } finally {
            metrics.convertCpu(GuestClock.threadCpuNanos() - cpu);
        }
        for (SourceRecord r : out) {
            String lane = SourceOffsets.laneOf(r.sourcePartition());
            if (lane != null) {
                durable.polled(lane, r, SourceOffsets.checkpointOf(r.sourceOffset()));
            }
        }
        return out;
    }

    /** The plan records not yet handed to Connect, or null. */
    private synchronized List<SourceRecord> takePlans() {
        if (pendingPlans.isEmpty()) {
            return null;
        }
        List<SourceRecord> out = new ArrayList<>(pendingPlans);
        pendingPlans.clear();
        return out;
    }

    /** The broker acknowledged the record (with exactly-once: its transaction committed). */
    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        if (durable != null) {
            durable.acknowledged(record);
        }
    }

    /** An offset commit succeeded: what it covered is durable ({@link DurableCheckpoints}). */
    @Override
    public void commit() {
        if (durable != null) {
            durable.committed();
        }
    }

    @Override
    public void stop() {
        stopping = true;
        readers.forEach(StreamReader::stop);
        if (buffer != null) {
            buffer.close();
        }
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MS);
        for (Thread t : threads) {
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
        // Connect calls stop() only once the task thread left poll() and the producer (after a
        // broker outage: once its cancel closed the producer): this line says when, and how long
        // the guests took to end, for a stop Connect reports as not graceful.
        LOG.info("stopped {} stream thread(s) in {} ms", threads.stream().filter(t -> !t.isAlive()).count(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        if (metrics != null) {
            metrics.close();
        }
    }
}
