package io.rapidbyte.connect.sink;

import io.rapidbyte.host.channels.BatchInput;
import io.rapidbyte.host.frames.FramePayload;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The batches of one stream between {@code put()} and the destination connector, kept until the
 * destination confirms them. It is the {@link BatchInput} of the stream's runs: {@code next-batch}
 * hands out entries in order; a dest checkpoint confirms every entry handed out before it
 * (ABI.md §5) and removes them; a failed run is replayed from the first unconfirmed entry
 * (the destination deduplicates by {@code rapidbyte.seq}), so nothing Kafka delivered is ever
 * lost or re-read from Kafka.
 *
 * <p><b>Runs.</b> A run ends (its {@code next-batch} returns none) when the writer is asked to
 * flush ({@link #endRun}), e.g. by {@code preCommit}; when {@link #append} finds the log full
 * with every entry handed out — then only a commit by the destination can make room; or when
 * the run has been handed batches and none arrives for the idle time — so the destination
 * commits promptly when its input pauses, instead of holding rows until its next threshold.
 *
 * <p><b>Threading.</b> One producer (the task thread: {@link #append}, {@link #endRun},
 * {@link #dropUndelivered}), one consumer (the stream thread and its guest: {@link #next},
 * {@link #confirmDelivered}, {@link #beginRun}); {@link #close} from anywhere.
 */
final class FrameLog implements BatchInput {
    /** One batch: its frame and the record it came from. Immutable. */
    record Entry(FramePayload payload, SinkRecord record, long rows) {
        TopicPartition partition() {
            return new TopicPartition(record.topic(), record.kafkaPartition());
        }
    }

    private final long maxBytes;
    private final long idleNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayList<Entry> entries = new ArrayList<>();
    private int delivered;
    /** Entries handed out in the current run, for the idle end (a run with none never idles out). */
    private int deliveredInRun;
    private long bytes;
    private boolean endRun;
    private boolean holdLast;
    private boolean running;
    private boolean closed;

    /** @param idleMs a run handed batches ends after this long without a new one; 0 never */
    FrameLog(long maxBytes, long idleMs) {
        this.maxBytes = maxBytes;
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMs);
    }

    /**
     * Adds a batch, blocking while the log holds {@code maxBytes} of unconfirmed batches.
     *
     * @return false if the log was closed (the entry was not added)
     */
    boolean append(Entry entry) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!closed && !entries.isEmpty() && bytes + entry.payload().length() > maxBytes) {
                if (delivered == entries.size()) {
                    endRun = true;
                }
                changed.signalAll();
                changed.await();
            }
            if (closed) {
                return false;
            }
            entries.add(entry);
            bytes += entry.payload().length();
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public FramePayload next() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long idleLeft = idleNanos;
            while (delivered == entries.size() && !endRun && !closed) {
                if (idleNanos > 0 && deliveredInRun > 0) {
                    if (idleLeft <= 0) {
                        return null; // input paused: end the run so the destination commits now
                    }
                    idleLeft = changed.awaitNanos(idleLeft);
                } else {
                    changed.await();
                }
            }
            if (delivered < entries.size() && !closed) {
                Entry e = entries.get(delivered++);
                deliveredInRun++;
                changed.signalAll();
                return e.payload();
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** The guest stops reading early: undelivered entries simply wait for the next run. */
    @Override
    public void abandon() {
    }

    /** The entry handed out last in this run (a dead-letter record refers to it), or null. */
    Entry lastDelivered() {
        lock.lock();
        try {
            return delivered == 0 ? null : entries.get(delivered - 1);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the consumer still holds part of the last entry handed out (a transform made several
     * batches of it, and not all reached the destination yet): while set, a checkpoint confirms
     * every delivered entry but that one. Reset by {@link #beginRun}.
     */
    void holdLastDelivered(boolean hold) {
        lock.lock();
        try {
            holdLast = hold;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A dest checkpoint (or a successful run end): everything handed out is confirmed and removed
     * (but a {@linkplain #holdLastDelivered held} last entry).
     * {@code onConfirmed} runs before anyone waiting in {@link #awaitConfirmed} sees the log
     * shrink, so a flush never returns ahead of the bookkeeping of what it waited for.
     */
    List<Entry> confirmDelivered(Consumer<List<Entry>> onConfirmed) {
        lock.lock();
        try {
            int done = holdLast && delivered > 0 ? delivered - 1 : delivered;
            List<Entry> confirmed = new ArrayList<>(entries.subList(0, done));
            entries.subList(0, done).clear();
            confirmed.forEach(e -> bytes -= e.payload().length());
            delivered -= done;
            onConfirmed.accept(confirmed);
            changed.signalAll();
            return confirmed;
        } finally {
            lock.unlock();
        }
    }

    /** Removes the last delivered entry without confirming the others (it went to the DLQ). */
    Entry skipLastDelivered() {
        lock.lock();
        try {
            if (delivered == 0) {
                return null;
            }
            Entry e = entries.remove(--delivered);
            bytes -= e.payload().length();
            changed.signalAll();
            return e;
        } finally {
            lock.unlock();
        }
    }

    /** Starts a run: hands out from the first unconfirmed entry (a replay after a failed run). */
    void beginRun() {
        lock.lock();
        try {
            delivered = 0;
            deliveredInRun = 0;
            holdLast = false;
            running = true;
        } finally {
            lock.unlock();
        }
    }

    /** The run returned (successfully or not): its side effects are done. */
    void runEnded() {
        lock.lock();
        try {
            running = false;
            // An end request is about the run that just ended (or, made between runs, about this
            // one); the next run starts without it.
            endRun = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the current run once every entry is handed out — or, between runs, the next one, if
     * entries are waiting for it. With nothing unconfirmed and no run, there is nothing to end.
     */
    void endRun() {
        lock.lock();
        try {
            if (running || !entries.isEmpty()) {
                endRun = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Between runs: waits until some entry needs a run (true) or the log is closed (false). Every
     * entry still in the log needs one: a successful run removed what it was given, so what is left
     * was never handed out or was handed to a run that failed and must be replayed — even when no
     * new batch ever arrives to wake the writer (the source has finished).
     */
    boolean awaitWork() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (entries.isEmpty() && !closed) {
                changed.await();
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeoutMs} until nothing is unconfirmed and no run is in progress (so
     * whatever the destination does after its last checkpoint is done too).
     *
     * @return whether that happened
     */
    boolean awaitConfirmed(long timeoutMs, java.util.function.BooleanSupplier giveUp) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            long left;
            while ((!entries.isEmpty() || running) && !closed && (left = deadline - System.nanoTime()) > 0
                    && !giveUp.getAsBoolean()) {
                // Bounded slices: the give-up condition lives outside the log and does not signal us.
                changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            return entries.isEmpty() && !running;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes waiters so they re-check conditions kept outside the log (writer failure). */
    void wakeAll() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drops entries of revoked partitions that were not handed out yet (entries the destination
     * already has stay: it will confirm them, and their confirmation is then ignored).
     *
     * @return the dropped entries
     */
    List<Entry> dropUndelivered(Collection<TopicPartition> partitions) {
        lock.lock();
        try {
            List<Entry> dropped = new ArrayList<>();
            for (int i = entries.size() - 1; i >= delivered; i--) {
                if (partitions.contains(entries.get(i).partition())) {
                    Entry e = entries.remove(i);
                    bytes -= e.payload().length();
                    dropped.add(e);
                }
            }
            changed.signalAll();
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Stops everything: appenders and readers return at once. Idempotent. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Entries not yet handed to the destination (a metric). */
    int undelivered() {
        lock.lock();
        try {
            return entries.size() - delivered;
        } finally {
            lock.unlock();
        }
    }

    /** Entries not yet confirmed. */
    int unconfirmed() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }
}
