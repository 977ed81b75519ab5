package io.rapidbyte.connect.source;

import io.rapidbyte.host.abi.JsonText;
import java.util.Map;

/**
 * The shape of this plugin's source partitions and offsets in Connect's offset store.
 * <ul>
 *   <li>stream position: partition {@code {"stream": <name>}}, offset
 *       {@code {"checkpoint": <the connector's checkpoint payload, JSON text>}};</li>
 *   <li>finished full refresh: the same partition, offset
 *       {@code {"checkpoint": <JSON text>, "finished": "true"}}, or {@code {"finished": "true"}}
 *       when the connector never checkpointed. A restarted task does not read such a stream again
 *       unless it is incremental (which ignores the flag and resumes from the checkpoint);</li>
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

    public static Map<String, String> statePartition(String namespace, String key) {
        return Map.of(STATE_NAMESPACE, namespace, STATE_KEY, key);
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
            if (partition.size() != 1 || !(partition.get(STREAM) instanceof String s) || s.isEmpty()) {
                throw new IllegalArgumentException("a stream partition must be {\"" + STREAM
                        + "\": \"<stream name>\"}, got " + partition);
            }
            checkStreamOffset(offset);
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
