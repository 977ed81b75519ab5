package io.rapidbyte.connect.source;

import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded buffer between a source task's stream threads and {@code poll()}, which also
 * decides which offset each record carries.
 *
 * <p><b>Hold-back.</b> A source checkpoint covers every batch emitted before it (ABI.md §5). The
 * offset that makes a record safe to commit is therefore only known once the checkpoint after it
 * arrives. Events of a stream wait in that stream's lane until its next checkpoint; then the whole
 * group is released at once, the last record carrying the new checkpoint and the others the
 * previous one. {@code poll()} always takes whole groups, so under exactly-once delivery a group
 * lands in one transaction together with its covering offset, and a restart resumes exactly after
 * the last committed group.
 *
 * <p><b>Backpressure.</b> Held-back and released-but-not-polled bytes count against one budget;
 * a full buffer blocks the emitting stream thread. If the buffer is full and nothing is released
 * (every byte waits for a checkpoint that cannot come while the connector is blocked), the held
 * events are released early without a covering checkpoint (at-least-once for them) — or, when
 * exactly-once is required, the task fails with an explanation.
 *
 * <p><b>Checkpoints that cover nothing</b> (a transform dropped every batch since the previous
 * one) are released on their own ({@link Release.Checkpoint}), so the stream's offset still moves.
 *
 * <p><b>End of a full refresh.</b> {@link #finish} queues a {@link Release.StreamFinished} behind
 * the stream's last released group, so the marker is never committed before the records it vouches
 * for (same source partition, and under exactly-once the same or a later transaction).
 *
 * <p><b>Threading.</b> Thread-safe: stream threads call {@link #add}, {@link #checkpoint},
 * {@link #state}, {@link #endRun} and {@link #finish}; the task thread calls {@link #drain}; any
 * thread may call {@link #close} and {@link #fail}.
 */
public final class SourceBuffer {
    private final long maxBytes;
    private final boolean strict;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final Map<String, Lane> lanes = new HashMap<>();
    private final ArrayDeque<Release> ready = new ArrayDeque<>();
    private long bytes;
    private int events;
    private long uncoveredReleases;
    private Throwable failure;
    private boolean closed;

    /** One stream's held-back events and last checkpoint. Guarded by {@link #lock}. */
    private static final class Lane {
        final List<SourceEvent> pending = new ArrayList<>();
        String checkpoint;

        Lane(String resume) {
            this.checkpoint = resume;
        }
    }

    /**
     * @param maxBytes bytes held back plus released but not yet polled
     * @param strict   never release events without a covering checkpoint (exactly-once required)
     */
    public SourceBuffer(long maxBytes, boolean strict) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
        this.strict = strict;
    }

    /** Registers a stream with the checkpoint it resumes from (null: from scratch). */
    public void open(String stream, String resumeCheckpoint) {
        lock.lock();
        try {
            lanes.putIfAbsent(stream, new Lane(resumeCheckpoint));
        } finally {
            lock.unlock();
        }
    }

    /** The stream's latest checkpoint (where a new run resumes). */
    public String checkpoint(String stream) {
        lock.lock();
        try {
            return lane(stream).checkpoint;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Holds {@code event} until the stream's next checkpoint, blocking while the buffer is full.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws ConnectorException {@code CHANNEL_CLOSED} once the buffer is closed, or an
     *         {@code internal} error when exactly-once is required and the buffer overflows
     */
    public void add(String stream, SourceEvent event) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            Lane lane = lane(stream);
            while (!closed && failure == null && events > 0 && bytes + event.bytes() > maxBytes) {
                if (ready.isEmpty()) {
                    // Nothing poll() could free: everything waits for a checkpoint the blocked
                    // connector cannot send. Let it go (or fail, if strict) instead of deadlocking.
                    releaseUncovered(stream);
                    continue;
                }
                notFull.await();
            }
            if (closed || failure != null) {
                throw new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, ErrorCodes.CHANNEL_CLOSED,
                        "the task is stopping"));
            }
            lane.pending.add(event);
            bytes += event.bytes();
            events++;
        } finally {
            lock.unlock();
        }
    }

    /** Everything held back is let go without a covering checkpoint (or the task fails, if strict). */
    private void releaseUncovered(String blockedStream) {
        if (strict) {
            ConnectorException e = new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, "CHECKPOINT_OVERDUE",
                    "stream " + blockedStream + " emitted more than " + SourceConfig.BUFFER_MAX_BYTES + "=" + maxBytes
                            + " bytes without a checkpoint; exactly-once delivery (" + SourceConfig.EXACTLY_ONCE_SUPPORT
                            + "=required) cannot release them. Raise " + SourceConfig.BUFFER_MAX_BYTES + " or lower "
                            + io.rapidbyte.connect.config.WasmConfig.CHECKPOINT_INTERVAL_BYTES));
            failLocked(e);
            throw e;
        }
        lanes.forEach((name, lane) -> {
            if (!lane.pending.isEmpty()) {
                ready.add(new Release.Events(name, lane.pending, lane.checkpoint, null));
                lane.pending.clear();
                uncoveredReleases++;
            }
        });
        notEmpty.signalAll();
    }

    /**
     * A source checkpoint of {@code stream}: its held events are released, covered by it. With no
     * event held, a checkpoint that moves the stream's position is released on its own
     * ({@link Release.Checkpoint}), so that its offset commits.
     */
    public void checkpoint(String stream, String checkpointJson) {
        lock.lock();
        try {
            Lane lane = lane(stream);
            if (!lane.pending.isEmpty()) {
                ready.add(new Release.Events(stream, lane.pending, lane.checkpoint, checkpointJson));
                lane.pending.clear();
                notEmpty.signalAll();
            } else if (checkpointJson != null && !checkpointJson.equals(lane.checkpoint) && !closed) {
                ready.add(new Release.Checkpoint(stream, checkpointJson));
                notEmpty.signalAll();
            }
            lane.checkpoint = checkpointJson;
        } finally {
            lock.unlock();
        }
    }

    /** A state change, released at once (state is durable at the next offset commit). */
    public void state(String namespace, String key, String value) {
        lock.lock();
        try {
            if (closed) {
                throw new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, ErrorCodes.STATE_FAILED,
                        "the task is stopping; the state change cannot be persisted"));
            }
            ready.add(new Release.StateChange(namespace, key, value));
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A run of {@code stream} ended. After a failure its held events are dropped: the next run
     * resumes from the last checkpoint and reads them again. After a success they are released
     * uncovered (the connector did not checkpoint its last batches), unless strict, where that is
     * an error.
     *
     * @return the number of events dropped or released uncovered
     * @throws ConnectorException when strict and events were left uncovered by a successful run
     */
    public int endRun(String stream, boolean success) {
        lock.lock();
        try {
            Lane lane = lane(stream);
            int n = lane.pending.size();
            if (n == 0) {
                return 0;
            }
            if (success && strict) {
                throw new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, "CHECKPOINT_MISSING",
                        "stream " + stream + ": run-read returned without a checkpoint after its last " + n
                                + " record(s); exactly-once delivery needs one"));
            }
            if (success) {
                ready.add(new Release.Events(stream, lane.pending, lane.checkpoint, null));
                uncoveredReleases++;
                notEmpty.signalAll();
            } else {
                for (SourceEvent e : lane.pending) {
                    bytes -= e.bytes();
                    events--;
                }
                notFull.signalAll();
            }
            lane.pending.clear();
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A full-refresh run of {@code stream} returned successfully: releases a
     * {@link Release.StreamFinished} carrying the stream's current checkpoint, after everything the
     * stream released so far. Call it after {@link #endRun endRun(stream, true)}.
     *
     * @throws ConnectorException {@code CHANNEL_CLOSED} once the buffer is closed or failed: the
     *         stream's records may not all be delivered, so no marker is recorded (a restart then
     *         reads the stream again, as it would have without the marker)
     */
    public void finish(String stream) {
        lock.lock();
        try {
            Lane lane = lane(stream);
            if (closed || failure != null) {
                // After a failure (e.g. a record rejected without a DLQ) the stream's output may be
                // incomplete: marking it finished would make a restart skip what was lost.
                throw new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, ErrorCodes.CHANNEL_CLOSED,
                        (closed ? "the task is stopping" : "the task failed") + "; stream " + stream
                                + " is not recorded as finished, a restarted task reads it again"));
            }
            ready.add(new Release.StreamFinished(stream, lane.checkpoint));
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeoutMs} for released work and takes all of it.
     *
     * @return the releases in order; empty on timeout or once closed
     * @throws ConnectorException the failure passed to {@link #fail}, once nothing is left to drain
     */
    public List<Release> drain(long timeoutMs) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (ready.isEmpty() && failure == null && !closed && nanos > 0) {
                nanos = notEmpty.awaitNanos(nanos);
            }
            if (closed) {
                return List.of();
            }
            if (ready.isEmpty() && failure != null) {
                throw failure instanceof RuntimeException re ? re : new IllegalStateException(failure);
            }
            List<Release> out = new ArrayList<>(ready);
            ready.clear();
            for (Release r : out) {
                if (r instanceof Release.Events ev) {
                    for (SourceEvent e : ev.events()) {
                        bytes -= e.bytes();
                        events--;
                    }
                }
            }
            notFull.signalAll();
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** A stream failed for good: {@link #drain} throws {@code cause} once the released work is taken. */
    public void fail(Throwable cause) {
        lock.lock();
        try {
            failLocked(cause);
        } finally {
            lock.unlock();
        }
    }

    private void failLocked(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        notEmpty.signalAll();
        notFull.signalAll();
    }

    /** The task stops: everything is dropped and every waiter returns. Idempotent. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            ready.clear();
            lanes.values().forEach(l -> l.pending.clear());
            bytes = 0;
            events = 0;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Events held or released but not yet polled (a metric). */
    public int depth() {
        lock.lock();
        try {
            return events;
        } finally {
            lock.unlock();
        }
    }

    /** How many groups had to be released without a covering checkpoint. */
    public long uncoveredReleases() {
        lock.lock();
        try {
            return uncoveredReleases;
        } finally {
            lock.unlock();
        }
    }

    private Lane lane(String stream) {
        Lane lane = lanes.get(stream);
        if (lane == null) {
            throw new IllegalStateException("stream " + stream + " was not opened");
        }
        return lane;
    }
}
