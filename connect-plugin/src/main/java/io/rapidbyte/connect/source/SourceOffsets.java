package io.rapidbyte.connect.source;

import io.rapidbyte.host.abi.JsonText;
import java.util.Map;

/**
 * The shape of this plugin's source partitions and offsets in Connect's offset store.
 * <ul>
 *   <li>stream position: partition {@code {"stream": <name>}}, offset
 *       {@code {"checkpoint": <the connector's checkpoint payload, JSON text>}};</li>
 *   <li>connector state: partition {@code {"rapidbyte.state.namespace": <ns>,
 *       "rapidbyte.state.key": <key>}}, offset {@code {"value": <text>}} (see
 *       {@link io.rapidbyte.connect.state.OffsetStateStore}).</li>
 * </ul>
 * A null offset (a tombstone) means "start from scratch" / "no value". Stateless.
 */
public final class SourceOffsets {
    public static final String STREAM = "stream";
    public static final String CHECKPOINT = "checkpoint";
    public static final String STATE_NAMESPACE = "rapidbyte.state.namespace";
    public static final String STATE_KEY = "rapidbyte.state.key";
    public static final String STATE_VALUE = "value";

    private SourceOffsets() {
    }

    public static Map<String, String> streamPartition(String stream) {
        return Map.of(STREAM, stream);
    }

    /** The offset for a checkpoint payload, or null for none. */
    public static Map<String, String> streamOffset(String checkpointJson) {
        return checkpointJson == null ? null : Map.of(CHECKPOINT, checkpointJson);
    }

    /**
     * The checkpoint payload stored in {@code offset}, or null.
     *
     * @throws IllegalArgumentException if the offset is not one this plugin writes
     */
    public static String checkpointOf(Map<String, ?> offset) {
        if (offset == null) {
            return null;
        }
        Object checkpoint = offset.get(CHECKPOINT);
        if (!(checkpoint instanceof String text) || offset.size() != 1) {
            throw new IllegalArgumentException("a stream offset must be {\"" + CHECKPOINT
                    + "\": \"<checkpoint JSON>\"}, got " + offset);
        }
        if (!JsonText.isValid(text)) {
            throw new IllegalArgumentException("the checkpoint in a stream offset must be JSON text, got " + text);
        }
        return text;
    }

    public static Map<String, String> statePartition(String namespace, String key) {
        return Map.of(STATE_NAMESPACE, namespace, STATE_KEY, key);
    }

    public static Map<String, String> stateOffset(String value) {
        return Map.of(STATE_VALUE, value);
    }

    /**
     * Checks one entry of an offsets alteration (PATCH /connectors/{name}/offsets).
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
            checkpointOf(offset);
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
