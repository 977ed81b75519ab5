package io.rapidbyte.connect.sink;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which consumed offsets are safe to commit. Every accepted record is tracked until it is
 * done: confirmed by a destination checkpoint, or handed to the dead-letter queue. A partition
 * may be committed up to (excluding) its first record that is not done — records of one
 * partition can belong to different streams and be confirmed out of order — or, when all are
 * done, up to the record after the last one seen.
 *
 * <p>Thread-safe: the task thread tracks and asks; stream threads mark records done.
 */
final class PartitionProgress {
    private final Map<TopicPartition, TreeSet<Long>> outstanding = new HashMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();

    synchronized void track(TopicPartition tp, long offset) {
        outstanding.computeIfAbsent(tp, k -> new TreeSet<>()).add(offset);
        next.merge(tp, offset + 1, Math::max);
    }

    /** The record at {@code offset} is done (ignored if not tracked, e.g. after revocation). */
    synchronized void done(TopicPartition tp, long offset) {
        TreeSet<Long> open = outstanding.get(tp);
        if (open != null) {
            open.remove(offset);
        }
    }

    /** Offsets to commit for those of {@code partitions} this task has seen records of. */
    synchronized Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Long after = next.get(tp);
            if (after == null) {
                continue;
            }
            TreeSet<Long> open = outstanding.get(tp);
            long commit = open == null || open.isEmpty() ? after : open.first();
            out.put(tp, new OffsetAndMetadata(commit));
        }
        return out;
    }

    /** Forgets revoked partitions. */
    synchronized void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            outstanding.remove(tp);
            next.remove(tp);
        });
    }

    /** Records tracked but not yet done (a metric). */
    synchronized long pending() {
        return outstanding.values().stream().mapToLong(TreeSet::size).sum();
    }
}
