package io.rapidbyte.connect.sink;

import io.rapidbyte.connect.metrics.TaskMetrics;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Dead-letter records of one stream held until the destination confirms the batch they came
 * from (ABI.md, {@code emit-dlq-row}): a run that fails before its checkpoint is replayed, and
 * the replay refuses its rows again, so sending them at once would put them in the dead-letter
 * topic twice. Confirmed batches' records go to {@link DeadLetters} in batch order, each counted
 * in {@code dead-letter-records-total}, so the counter is what the topic received. Confined to
 * the stream's thread.
 */
final class HeldDeadLetters {
    private final DeadLetters deadLetters;
    private final TaskMetrics metrics;
    /** By batch identity (payload equality would compare bytes). */
    private final Map<FrameLog.Entry, List<Held>> held = new IdentityHashMap<>();

    private record Held(SinkRecord record, String reason) {
    }

    HeldDeadLetters(DeadLetters deadLetters, TaskMetrics metrics) {
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /** Holds {@code record}, refused for {@code reason}, until {@code batch} is confirmed. */
    void hold(FrameLog.Entry batch, SinkRecord record, String reason) {
        held.computeIfAbsent(batch, b -> new ArrayList<>()).add(new Held(record, reason));
    }

    /** The destination confirmed {@code batches}: their records are queued for the dead-letter queue. */
    void release(List<FrameLog.Entry> batches) {
        for (FrameLog.Entry batch : batches) {
            for (Held h : held.getOrDefault(batch, List.of())) {
                deadLetters.queue(h.record(), new DataException(h.reason()));
                metrics.deadLetter();
            }
            held.remove(batch);
        }
    }

    /** A run ended without confirming what it read: its records are dropped (the replay refuses them again). */
    int discard() {
        int n = size();
        held.clear();
        return n;
    }

    /** Records held right now. */
    int size() {
        int n = 0;
        for (List<Held> records : held.values()) {
            n += records.size();
        }
        return n;
    }
}
