package io.rapidbyte.connect.source;

import io.rapidbyte.host.abi.JsonText;
import java.util.Collections;
import java.util.Map;
import java.util.HashMap;

/**
 * The shape of this plugin's source partitions and offsets in Connect's offset store.
 * <ul>
 *   <li>stream position: partition {@code {"stream": <name>}}, offset
 *       {@code {"checkpoint": <the connector's checkpoint payload, JSON text>}};</li>
 *   <li>finished full refresh: the same partition, offset
 *       {@code {"checkpoint": <JSON text>, "finished": "true"}}, or {@code {"finished": "true"}}
 *       when the connector never checkpointed. A restarted task does not read such a stream again
 *       unless it is incremental (which ignores the flag and resumes from the checkpoint);</li>
 *   <li>one range of a stream ({@code snapshot_ranges}): partition {@code {"stream": <name>,
 *       "range": <id>}} with the same offsets as a stream position;</li>
 *   <li>the range plan of a stream: partition {@code {"stream": <name>, "plan": "ranges"}}, offset
 *       {@code {"ranges": <the ranges, a JSON array as text>}}, written before any range is read
 *       and read back on every start, so that a plan is fixed once per connector (see
 *       {@link RangePlans});</li>
 *   <li>connector state: partition {@code {"rapidbyte.state.namespace": <ns>,
 *       "rapidbyte.state.key": <key>}}, offset {@code {"value": <text>}} (see
 *       {@link io.rapidbyte.connect.state.OffsetStateStore}).</li>
 * </ul>
 * A null offset (a tombstone) means "start from scratch" / "no value". Stateless.
 */
public final class SourceOffsets {
    public static final String STREAM = "stream";
    public static final String CHECKPOINT = "checkpoint";
    public static final String FINISHED = "finished";
    /** The only value of {@link #FINISHED}: a string, as Connect's JSON offset store keeps it. */
    public static final String FINISHED_VALUE = "true";
    public static final String RANGE = "range";
    public static final String PLAN = "plan";
    /** The only value of {@link #PLAN} in a plan partition, and the key of its offset. */
    public static final String PLAN_RANGES = "ranges";
    public static final String STATE_NAMESPACE = "rapidbyte.state.namespace";
    public static final String STATE_KEY = "rapidbyte.state.key";
    public static final String STATE_VALUE = "value";
    private static final String STREAM_SHAPES = "a stream offset must be {\"" + CHECKPOINT
            + "\": \"<checkpoint JSON>\"}, optionally with \"" + FINISHED + "\": \"" + FINISHED_VALUE
            + "\", or {\"" + FINISHED + "\": \"" + FINISHED_VALUE + "\"}";

    private SourceOffsets() {
    }

    public static Map<String, String> streamPartition(String stream) {
        return Map.of(STREAM, stream);
    }

    /** The partition of one range of {@code stream}. */
    public static Map<String, String> rangePartition(String stream, String rangeId) {
        return ordered(STREAM, stream, RANGE, rangeId);
    }

    /**
     * A two-key partition in the key order Connect itself uses. Connect stores a partition as the
     * JSON of the map in its iteration order and finds it by those bytes; where it reads
     * partitions back (the REST offsets calls) it turns them into {@code HashMap}s and serializes
     * those again. {@code Map.of} iterates in an order that changes from JVM to JVM, so such a
     * partition would be lost to a restarted worker and to {@code GET offsets}; a {@code HashMap}
     * of the same keys iterates alike everywhere (String hash codes are fixed).
     */
    private static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
        Map<String, String> m = new HashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return Collections.unmodifiableMap(m);
    }

    /** The partition holding the range plan of {@code stream}. */
    public static Map<String, String> planPartition(String stream) {
        return ordered(STREAM, stream, PLAN, PLAN_RANGES);
    }

    public static Map<String, String> planOffset(String rangesJson) {
        return Map.of(PLAN_RANGES, rangesJson);
    }

    /**
     * What a task reads in one lane (one buffer lane, one record key): the stream, or one range
     * of it ({@code "<stream> range <id>"}).
     */
    public static String lane(String stream, String rangeId) {
        return rangeId == null ? stream : stream + " range " + rangeId;
    }

    /** The lane of a stream or range partition; null for a plan or state partition. */
    public static String laneOf(Map<String, ?> partition) {
        if (!(partition.get(STREAM) instanceof String stream) || partition.containsKey(PLAN)) {
            return null;
        }
        return lane(stream, partition.get(RANGE) instanceof String id ? id : null);
    }

    /** The offset for a checkpoint payload, or null for none. */
    public static Map<String, String> streamOffset(String checkpointJson) {
        return streamOffset(checkpointJson, false);
    }

    /**
     * The offset for a checkpoint payload (null: none) of a stream that may have finished its
     * full refresh; null when there is neither a checkpoint nor the flag.
     */
    public static Map<String, String> streamOffset(String checkpointJson, boolean finished) {
        if (!finished) {
            return checkpointJson == null ? null : Map.of(CHECKPOINT, checkpointJson);
        }
        return checkpointJson == null ? Map.of(FINISHED, FINISHED_VALUE)
                : Map.of(CHECKPOINT, checkpointJson, FINISHED, FINISHED_VALUE);
    }

    /**
     * The checkpoint payload stored in {@code offset}, or null.
     *
     * @throws IllegalArgumentException if the offset is not one this plugin writes
     */
    public static String checkpointOf(Map<String, ?> offset) {
        checkStreamOffset(offset);
        return offset == null ? null : (String) offset.get(CHECKPOINT);
    }

    /**
     * Whether {@code offset} says the stream finished its full refresh.
     *
     * @throws IllegalArgumentException if the offset is not one this plugin writes
     */
    public static boolean isFinished(Map<String, ?> offset) {
        checkStreamOffset(offset);
        return offset != null && offset.containsKey(FINISHED);
    }

    private static void checkStreamOffset(Map<String, ?> offset) {
        if (offset == null) {
            return;
        }
        if (offset.isEmpty()) {
            throw new IllegalArgumentException(STREAM_SHAPES + ", got {}");
        }
        for (Map.Entry<String, ?> e : offset.entrySet()) {
            if (!CHECKPOINT.equals(e.getKey()) && !FINISHED.equals(e.getKey())) {
                throw new IllegalArgumentException("unknown key \"" + e.getKey() + "\" in stream offset " + offset
                        + "; " + STREAM_SHAPES);
            }
        }
        Object checkpoint = offset.get(CHECKPOINT);
        if (offset.containsKey(CHECKPOINT) && !(checkpoint instanceof String)) {
            throw new IllegalArgumentException("\"" + CHECKPOINT + "\" of a stream offset must be a string of "
                    + "checkpoint JSON, got " + describe(checkpoint));
        }
        if (checkpoint != null && !JsonText.isValid((String) checkpoint)) {
            throw new IllegalArgumentException("the checkpoint in a stream offset must be JSON text, got " + checkpoint);
        }
        if (offset.containsKey(FINISHED) && !FINISHED_VALUE.equals(offset.get(FINISHED))) {
            throw new IllegalArgumentException("\"" + FINISHED + "\" of a stream offset must be the string \""
                    + FINISHED_VALUE + "\" (leave it out for a stream that has not finished), got "
                    + describe(offset.get(FINISHED)));
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : value + " (" + value.getClass().getSimpleName() + ")";
    }

    private static void validateStreamEntry(Map<String, ?> partition, Map<String, ?> offset) {
        boolean named = partition.get(STREAM) instanceof String s && !s.isEmpty();
        if (named && partition.size() == 1) {
            checkStreamOffset(offset);
            return;
        }
        if (named && partition.size() == 2 && partition.get(RANGE) instanceof String id && !id.isEmpty()) {
            checkStreamOffset(offset);
            return;
        }
        if (named && partition.size() == 2 && PLAN_RANGES.equals(partition.get(PLAN))) {
            if (offset != null && (offset.size() != 1 || !(offset.get(PLAN_RANGES) instanceof String plan)
                    || RangePlans.parsePlan(plan) == null)) {
                throw new IllegalArgumentException("a plan offset must be {\"" + PLAN_RANGES + "\": \"<JSON array of "
                        + "ranges, each an object with a text \\\"id\\\">\"}, got " + offset);
            }
            return;
        }
        throw new IllegalArgumentException("a stream partition must be {\"" + STREAM + "\": \"<stream name>\"}, {\""
                + STREAM + "\": ..., \"" + RANGE + "\": \"<range id>\"} or {\"" + STREAM + "\": ..., \"" + PLAN + "\": \""
                + PLAN_RANGES + "\"}, got " + partition);
    }

    public static Map<String, String> statePartition(String namespace, String key) {
        return ordered(STATE_NAMESPACE, namespace, STATE_KEY, key);
    }

    public static Map<String, String> stateOffset(String value) {
        return Map.of(STATE_VALUE, value);
    }

    /**
     * Checks one entry of an offsets alteration (PATCH /connectors/{name}/offsets): a stream
     * partition with one of the stream offset shapes above, or a state partition with a state
     * offset; either with a null offset (reset).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static void validateEntry(Map<String, ?> partition, Map<String, ?> offset) {
        if (partition == null) {
            throw new IllegalArgumentException("the source partition must not be null");
        }
        if (partition.containsKey(STREAM)) {
            validateStreamEntry(partition, offset);
            return;
        }
        if (partition.containsKey(STATE_NAMESPACE)) {
            if (partition.size() != 2 || !(partition.get(STATE_NAMESPACE) instanceof String)
                    || !(partition.get(STATE_KEY) instanceof String)) {
                throw new IllegalArgumentException("a state partition must be {\"" + STATE_NAMESPACE + "\": ..., \""
                        + STATE_KEY + "\": ...}, got " + partition);
            }
            if (offset != null && (offset.size() != 1 || !(offset.get(STATE_VALUE) instanceof String))) {
                throw new IllegalArgumentException("a state offset must be {\"" + STATE_VALUE + "\": \"<text>\"}, got "
                        + offset);
            }
            return;
        }
        throw new IllegalArgumentException("unknown source partition " + partition + "; this connector uses {\""
                + STREAM + "\": ...} and state partitions");
    }
}
