package io.rapidbyte.connect.source;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Which source checkpoint of each stream Kafka has durably committed: what the task answers to
 * the guest's {@code durable-checkpoint} (a CDC source confirms its replication slot only up to
 * it).
 *
 * <p>Connect tells a task two things: {@code commitRecord} when a record was acknowledged by the
 * broker, and {@code commit} after an offset commit succeeded (without exactly-once: after the
 * offsets of acknowledged records were flushed; with exactly-once: after the transaction holding
 * the records and their offsets committed). Neither says which offsets the commit covered.
 * Connect commits, per source partition, the offset of the last record of the acknowledged
 * prefix as it stood when the commit began, and a commit begins only after the previous one
 * called {@code commit()}. So at each {@code commit()}, everything that was acknowledged in
 * order by the time of the previous {@code commit()} is committed: that is what becomes durable
 * here, one commit later than the newest possible, never earlier. A stream starts durable at the
 * checkpoint it resumed from (it came out of the offset store).
 *
 * <p>With exactly-once delivery ({@code exactly.once.support=required}) Connect calls
 * {@code commitRecord} only after the transaction holding the record and its offset committed,
 * so an acknowledged prefix is durable at once; that matters on a quiet stream, where no further
 * transaction (and no further {@code commit()}) would come to move it. With
 * {@code exactly.once.support=requested} the task cannot tell, and the rule above applies.
 *
 * <p>Thread-safe: the task thread calls {@link #polled} and {@link #committed}, the producer's
 * thread {@link #acknowledged}, stream threads {@link #durable}.
 */
public final class DurableCheckpoints {
    private static final class Entry {
        final String checkpoint;
        boolean acknowledged;

        Entry(String checkpoint) {
            this.checkpoint = checkpoint;
        }
    }

    private static final class Lane {
        final ArrayDeque<Entry> inFlight = new ArrayDeque<>();
        String acknowledgedPrefix;
        String atLastCommit;
        String durable;

        Lane(String resume) {
            acknowledgedPrefix = resume;
            atLastCommit = resume;
            durable = resume;
        }
    }

    private final Map<String, Lane> lanes = new HashMap<>();
    private final Map<SourceRecord, Entry> entries = new IdentityHashMap<>();
    private final boolean transactional;

    /** @param transactional {@code commitRecord} comes after the record's transaction committed */
    public DurableCheckpoints(boolean transactional) {
        this.transactional = transactional;
    }

    /** Registers a stream with the checkpoint it resumes from (null: none). */
    public synchronized void open(String stream, String resume) {
        lanes.putIfAbsent(stream, new Lane(resume));
    }

    /**
     * A record of {@code stream} handed to Connect by {@code poll()}, carrying {@code checkpoint}
     * (its offset's checkpoint; null when it carries none) in poll order.
     */
    public synchronized void polled(String stream, SourceRecord record, String checkpoint) {
        Lane lane = lanes.get(stream);
        if (lane == null) {
            return;
        }
        Entry e = new Entry(checkpoint);
        lane.inFlight.addLast(e);
        entries.put(record, e);
    }

    /** Connect's {@code commitRecord}: the broker acknowledged {@code record} (or it was dropped). */
    public synchronized void acknowledged(SourceRecord record) {
        Entry e = entries.remove(record);
        if (e == null) {
            return;
        }
        e.acknowledged = true;
        for (Lane lane : lanes.values()) {
            while (!lane.inFlight.isEmpty() && lane.inFlight.peekFirst().acknowledged) {
                Entry done = lane.inFlight.removeFirst();
                if (done.checkpoint != null) {
                    lane.acknowledgedPrefix = done.checkpoint;
                    if (transactional) {
                        lane.durable = done.checkpoint;
                    }
                }
            }
        }
    }

    /** Connect's {@code commit()}: an offset commit succeeded. */
    public synchronized void committed() {
        if (transactional) {
            return;
        }
        for (Lane lane : lanes.values()) {
            lane.durable = lane.atLastCommit;
            lane.atLastCommit = lane.acknowledgedPrefix;
        }
    }

    /** The newest checkpoint of {@code stream} that Kafka has durably committed, if any. */
    public synchronized Optional<String> durable(String stream) {
        Lane lane = lanes.get(stream);
        return lane == null ? Optional.empty() : Optional.ofNullable(lane.durable);
    }

    /** Records polled but not yet acknowledged (a bound for tests and metrics). */
    public synchronized int inFlight() {
        return entries.size();
    }
}
