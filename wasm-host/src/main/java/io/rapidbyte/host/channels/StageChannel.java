package io.rapidbyte.host.channels;

import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded, blocking queue of batches between two stages (or between a stage and Kafka
 * Connect). Bounded by a number of batches and optionally by queued bytes; a full channel
 * blocks the producer (backpressure), an empty one blocks the consumer. All waits are
 * interruptible.
 *
 * <p>The byte budget never blocks a batch from entering an empty channel, so a single batch
 * larger than the budget still flows (one at a time) instead of deadlocking.
 *
 * <p>Either side may go away: the producer with {@link #finish()} / {@link #fail}, the consumer
 * with {@link #abandon()}. Batches already queued when the producer fails are still delivered,
 * in order, before the failure.
 *
 * <p><b>Thread-safety.</b> Thread-safe for one producer thread and one consumer thread (more of
 * either would still be safe but order between them is unspecified); {@link #depth()} and the
 * other getters may be called from any thread.
 */
public final class StageChannel implements BatchOutput, BatchInput {
    private final int capacity;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<FramePayload> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean finished;
    private Throwable failure;
    private boolean abandoned;

    /** A channel holding at most {@code capacity} batches, of any size. */
    public StageChannel(int capacity) {
        this(capacity, Long.MAX_VALUE);
    }

    /** A channel holding at most {@code capacity} batches and (see class doc) {@code maxBytes}. */
    public StageChannel(int capacity, long maxBytes) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.capacity = capacity;
        this.maxBytes = maxBytes;
    }

    @Override
    public void emit(FramePayload batch) throws InterruptedException {
        Objects.requireNonNull(batch, "batch");
        lock.lockInterruptibly();
        try {
            if (finished || failure != null) {
                throw new IllegalStateException("emit after the producer ended the stream");
            }
            while (!abandoned && !hasRoomFor(batch)) {
                notFull.await();
            }
            if (abandoned) {
                throw new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, ErrorCodes.CHANNEL_CLOSED,
                        "the next stage stopped consuming batches"));
            }
            queue.addLast(batch);
            queuedBytes += batch.length();
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    private boolean hasRoomFor(FramePayload batch) {
        return queue.isEmpty()
                || (queue.size() < capacity && queuedBytes + batch.length() <= maxBytes);
    }

    @Override
    public void finish() {
        lock.lock();
        try {
            if (failure == null) {
                finished = true;
            }
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void fail(Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        lock.lock();
        try {
            if (!finished && failure == null) {
                failure = cause;
            }
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public FramePayload next() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (queue.isEmpty() && !finished && failure == null && !abandoned) {
                notEmpty.await();
            }
            FramePayload batch = queue.pollFirst();
            if (batch != null) {
                queuedBytes -= batch.length();
                notFull.signal();
                return batch;
            }
            if (failure != null && !abandoned) {
                throw upstreamFailure(failure);
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private static ConnectorException upstreamFailure(Throwable cause) {
        // A fresh exception each time so the consumer's stack shows where it observed the
        // failure; the producer's exception stays reachable as the cause.
        if (cause instanceof ConnectorException ce) {
            return new ConnectorException(ce.error(), ce);
        }
        return new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, ErrorCodes.CHANNEL_CLOSED,
                "the previous stage failed: " + cause), cause);
    }

    @Override
    public void abandon() {
        lock.lock();
        try {
            abandoned = true;
            queue.clear();
            queuedBytes = 0;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Batches currently queued (a metric; may be stale by the time it is read). */
    public int depth() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes currently queued. */
    public long queuedBytes() {
        lock.lock();
        try {
            return queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    public int capacity() {
        return capacity;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
