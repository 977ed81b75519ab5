package io.rapidbyte.connect.sink;

import io.rapidbyte.connect.config.WasmConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of {@link WasmSinkConnector} and its tasks: the common wasm keys plus how a
 * record finds its stream, how much unconfirmed data a task may hold, and where the
 * destination connector's state is kept. Immutable.
 */
public final class SinkConfig extends WasmConfig {
    public static final String STREAM_ROUTING = "stream.routing";
    public static final String TOPIC_STREAMS = "topic.streams";
    public static final String INFLIGHT_MAX_BYTES = "wasm.inflight.max.bytes";
    public static final String FLUSH_TIMEOUT_MS = "flush.timeout.ms";
    public static final String COMMIT_IDLE_MS = "commit.idle.ms";
    public static final String STATE_TOPIC = "state.topic";
    /** Prefix of the Kafka client settings of the state store, e.g. {@code state.kafka.bootstrap.servers}. */
    public static final String STATE_KAFKA_PREFIX = "state.kafka.";

    public static final String ROUTING_HEADER = "header";
    public static final String ROUTING_TOPIC = "topic";

    private static final String GROUP_KAFKA = "Kafka";

    public static final ConfigDef DEFINITION = definition();

    public SinkConfig(Map<String, String> props) {
        super(DEFINITION, props);
    }

    private static ConfigDef definition() {
        ConfigDef def = commonDefinition();
        int order = 0;
        def.define(STREAM_ROUTING, Type.STRING, ROUTING_HEADER, ValidString.in(ROUTING_HEADER, ROUTING_TOPIC),
                Importance.MEDIUM,
                "How a record finds its stream: 'header' reads the rapidbyte.stream header the source task wrote; "
                        + "'topic' uses " + TOPIC_STREAMS + " (a topic not listed there is its own stream name).",
                GROUP_KAFKA, ++order, Width.SHORT, "Stream routing");
        def.define(TOPIC_STREAMS, Type.LIST, "", Importance.MEDIUM,
                "topic:stream pairs for " + STREAM_ROUTING + "=topic, e.g. orders:public.orders.",
                GROUP_KAFKA, ++order, Width.LONG, "Topic to stream map");
        def.define(INFLIGHT_MAX_BYTES, Type.LONG, 64L * 1024 * 1024, Range.atLeast(1024 * 1024), Importance.LOW,
                "Bytes of batches a task holds per stream until the destination checkpoints them; put() blocks "
                        + "beyond it (backpressure) after asking the destination to commit what it has.",
                GROUP_KAFKA, ++order, Width.SHORT, "In-flight bytes per stream");
        def.define(FLUSH_TIMEOUT_MS, Type.LONG, 60_000L, Range.atLeast(0), Importance.LOW,
                "How long an offset commit waits for the destination to commit and checkpoint what it has received "
                        + "(the commit then includes only what is confirmed).",
                GROUP_KAFKA, ++order, Width.SHORT, "Flush timeout (ms)");
        def.define(COMMIT_IDLE_MS, Type.LONG, 500L, Range.atLeast(0), Importance.LOW,
                "When the destination has been handed batches and no new one arrives for this long, its run ends so "
                        + "it commits what it has now (with its exactly-once watermark) rather than at its next "
                        + "row/byte/time threshold or offset commit; the next batch starts a new run on the same "
                        + "connection. 0: only thresholds and offset commits end a run.",
                GROUP_KAFKA, ++order, Width.SHORT, "Commit when idle (ms)");
        def.define(STATE_TOPIC, Type.STRING, "", Importance.LOW,
                "Compacted topic keeping the destination connector's state (state-get/put/cas). Empty: <connector "
                        + "name>.rapidbyte-state. Used only with " + STATE_KAFKA_PREFIX + "bootstrap.servers set; "
                        + "without it state calls fail (state is never kept only in memory).",
                GROUP_KAFKA, ++order, Width.MEDIUM, "State topic");
        return def;
    }

    public boolean routeByTopic() {
        return ROUTING_TOPIC.equals(getString(STREAM_ROUTING));
    }

    /**
     * The {@value #TOPIC_STREAMS} pairs.
     *
     * @throws ConfigException for an entry that is not topic:stream
     */
    public Map<String, String> topicStreams() {
        Map<String, String> out = new HashMap<>();
        for (String pair : getList(TOPIC_STREAMS)) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new ConfigException(TOPIC_STREAMS, pair, "entries must be topic:stream");
            }
            out.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
        }
        return out;
    }

    public String stateTopic() {
        String topic = getString(STATE_TOPIC).trim();
        return topic.isEmpty() ? connectorName() + ".rapidbyte-state" : topic;
    }

    /** The Kafka client settings of the state store (prefix removed); empty when not configured. */
    public Map<String, Object> stateClientConfig() {
        return originalsWithPrefix(STATE_KAFKA_PREFIX);
    }
}
