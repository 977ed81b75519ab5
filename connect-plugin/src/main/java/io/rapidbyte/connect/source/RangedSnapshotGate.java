package io.rapidbyte.connect.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The order of a repeated (cdc) stream whose initial snapshot is read in ranges (ABI.md section
 * 5, {@code ranged_snapshot}), kept through the offset store, so across tasks and workers:
 * <ol>
 *   <li>the stream's own reader runs with {@value #PENDING}: source-postgres creates the slot and
 *       checkpoints its consistent point (one empty batch carries it), and the run returns;</li>
 *   <li>each range waits ({@link #awaitStreamCheckpoint}) until the stream's checkpoint is in the
 *       offset store, then reads its part at its own, newer snapshot: a slot created again after a
 *       lost checkpoint can then never start after rows a range already read;</li>
 *   <li>the stream's reader waits ({@link #awaitRanges}) until every range's finished flag is in the
 *       offset store, i.e. all their records are committed, and runs again with {@value #DONE}: it
 *       streams from the slot's consistent point, so the changes made while the ranges were read
 *       come again after them, and the destination converges by key.</li>
 * </ol>
 * The ranges' records carry the stream's key ({@link StreamSpec#recordKey}), so all of them
 * precede the stream's changes in its one topic partition, which one sink task writes in order.
 * Thread-safe.
 */
final class RangedSnapshotGate {
    static final String PENDING = "pending";
    static final String DONE = "done";
    private static final long RECHECK_MS = 200;

    private final String stream;
    private final List<Map<String, String>> ranges;
    private final OffsetStorageReader reader;

    private RangedSnapshotGate(String stream, List<Map<String, String>> ranges, OffsetStorageReader reader) {
        this.stream = stream;
        this.ranges = ranges;
        this.reader = reader;
    }

    /** The gate of {@code spec} (the stream's own reader or one of its snapshot ranges), or null for any other. */
    static RangedSnapshotGate of(StreamSpec spec, OffsetStorageReader reader) {
        if (!spec.followsRanges() && !spec.snapshot()) {
            return null;
        }
        List<JsonNode> plan = RangePlans.parsePlan(spec.plan());
        if (plan == null) {
            throw new ConnectException("stream " + spec.name() + ": its range plan is not a plan: " + spec.plan());
        }
        List<Map<String, String>> partitions = new ArrayList<>();
        for (JsonNode r : plan) {
            partitions.add(SourceOffsets.rangePartition(spec.name(), r.get("id").asText()));
        }
        return new RangedSnapshotGate(spec.name(), List.copyOf(partitions), reader);
    }

    /** A range: returns once the stream's own checkpoint (its slot's position) is stored. */
    synchronized void awaitStreamCheckpoint() throws InterruptedException {
        while (SourceOffsets.checkpointOf(reader.offset(SourceOffsets.streamPartition(stream))) == null) {
            wait(RECHECK_MS);
        }
    }

    /** The stream's reader: the {@code ranged_snapshot} of its next run. */
    synchronized String state() {
        return rangesDone() ? DONE : PENDING;
    }

    /** The stream's reader: returns once every range is recorded as finished. */
    synchronized void awaitRanges() throws InterruptedException {
        while (!rangesDone()) {
            wait(RECHECK_MS);
        }
    }

    private boolean rangesDone() {
        Map<Map<String, String>, Map<String, Object>> stored = reader.offsets(ranges);
        for (Map<String, String> r : ranges) {
            if (!SourceOffsets.isFinished(stored.get(r))) {
                return false;
            }
        }
        return true;
    }
}
