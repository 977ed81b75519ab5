package io.rapidbyte.connect.source;

import io.rapidbyte.connect.config.WasmConfig;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of {@link WasmSourceConnector} and its tasks: the common wasm keys plus where
 * batches, dead letters and connector state go in Kafka, how batches are compressed there, which
 * streams to read and how often incremental streams are read again. Immutable.
 */
public final class SourceConfig extends WasmConfig {
    public static final String TOPIC = "topic";
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String STREAMS = "streams";
    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    public static final String INCREMENTAL_STREAMS = "incremental.streams";
    public static final String DLQ_TOPIC = "dlq.topic";
    public static final String STATE_TOPIC = "state.topic";
    public static final String BUFFER_MAX_BYTES = "wasm.buffer.max.bytes";
    /**
     * Connect's per-connector producer override of Kafka's record compression. Declared here so a
     * wrong codec is refused by {@code config/validate} (Connect itself only checks the override
     * policy, and the task would fail when its producer starts) and so it is documented beside our
     * own keys; the worker, not the plugin, applies it to the task's producer.
     */
    public static final String RECORD_COMPRESSION = "producer.override.compression.type";
    /** Kafka's codecs ({@code compression.type}); the producer knows no others. */
    public static final List<String> KAFKA_CODECS = List.of("none", "gzip", "snappy", "lz4", "zstd");
    /** Set by the connector in each task's config: the task's streams as a JSON array. */
    public static final String TASK_STREAMS = "task.streams";
    /** Connect's connector-level key asking for exactly-once delivery (KIP-618). */
    public static final String EXACTLY_ONCE_SUPPORT = "exactly.once.support";

    private static final String GROUP_KAFKA = "Kafka";

    public static final ConfigDef DEFINITION = definition();

    public SourceConfig(Map<String, String> props) {
        super(DEFINITION, props);
    }

    private static ConfigDef definition() {
        ConfigDef def = commonDefinition();
        int order = 0;
        def.define(TOPIC, Type.STRING, "", Importance.HIGH,
                "Topic every batch is written to (the record key and a header name the stream). Exactly one of "
                        + TOPIC + " and " + TOPIC_PREFIX + " must be set.",
                GROUP_KAFKA, ++order, Width.MEDIUM, "Topic");
        def.define(TOPIC_PREFIX, Type.STRING, "", Importance.HIGH,
                "Write each stream's batches to the topic <prefix><stream name> instead of one topic.",
                GROUP_KAFKA, ++order, Width.MEDIUM, "Topic prefix");
        def.define(STREAMS, Type.LIST, "", Importance.MEDIUM,
                "Streams to read, by name; empty reads every stream the connector's discover returns. Streams are "
                        + "split across tasks.max tasks; a stream the connector offers in ranges (source-postgres "
                        + "snapshot_ranges) is split by range, so one table is read by several tasks.",
                GROUP_KAFKA, ++order, Width.LONG, "Streams");
        def.define(INCREMENTAL_STREAMS, Type.LIST, "", Importance.MEDIUM,
                "Streams read again every " + POLL_INTERVAL_MS + " (each pass resumes from the last checkpoint). "
                        + "Streams the catalog gives sync_mode incremental, or the connector's own settings list as "
                        + "{\"name\": ..., \"sync_mode\": \"incremental\"} under \"streams\", are incremental too; "
                        + "all others are full refreshes, read once: a finished full refresh is recorded in the "
                        + "stream's source offset and not read again on restart (reset the offsets to redo it).",
                GROUP_KAFKA, ++order, Width.LONG, "Incremental streams");
        def.define(POLL_INTERVAL_MS, Type.LONG, 5_000L, Range.atLeast(0), Importance.MEDIUM,
                "Pause between two reads of an incremental stream (full-refresh streams are read once).",
                GROUP_KAFKA, ++order, Width.SHORT, "Poll interval (ms)");
        def.define(DLQ_TOPIC, Type.STRING, "", Importance.MEDIUM,
                "Topic for records the connector rejects (emit-dlq-record), with the reason in headers. Empty: a "
                        + "rejected record fails the task with the connector's message.",
                GROUP_KAFKA, ++order, Width.MEDIUM, "Dead-letter topic");
        def.define(STATE_TOPIC, Type.STRING, "", Importance.LOW,
                "Topic of the small records that carry the connector's state changes (state-put/state-cas) into "
                        + "Connect's source offsets, where the state is kept. Empty: <connector name>.rapidbyte-state. "
                        + "A compacted topic is recommended.",
                GROUP_KAFKA, ++order, Width.MEDIUM, "State topic");
        def.define(BUFFER_MAX_BYTES, Type.LONG, 64L * 1024 * 1024, Range.atLeast(1024 * 1024), Importance.LOW,
                "Bytes of batches a task holds between the connector and Kafka, including batches waiting for the "
                        + "checkpoint that covers them. A connector that emits more than this without checkpointing "
                        + "gets its batches released early (at-least-once), or fails the task when "
                        + EXACTLY_ONCE_SUPPORT + "=required.",
                GROUP_KAFKA, ++order, Width.SHORT, "Buffer size (bytes)");
        def.define(RECORD_COMPRESSION, Type.STRING, "", new CodecValidator(), Importance.MEDIUM,
                "Kafka record compression of the batches (Connect's producer override; the worker must allow it: "
                        + "connector.client.config.override.policy=All). The shipped config/source-postgres.json sets "
                        + "zstd: on the sample table it stores 3.2x fewer bytes than none (50 instead of 159 MB per "
                        + "million rows) for about 0.5 s more source-task CPU per million rows, and every Kafka "
                        + "consumer decompresses it transparently. Empty: the worker's producer "
                        + "setting (Kafka's default: none).",
                GROUP_KAFKA, ++order, Width.SHORT, "Record compression");
        def.defineInternal(TASK_STREAMS, Type.STRING, "", Importance.LOW);
        return def;
    }

    /** Accepts "" or one of {@link #KAFKA_CODECS}. */
    static final class CodecValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String s = value == null ? "" : value.toString().trim();
            if (!s.isEmpty() && !KAFKA_CODECS.contains(s)) {
                throw new ConfigException(name, value, "must be one of " + String.join(", ", KAFKA_CODECS)
                        + " (Kafka's compression.type), or empty for the worker's producer setting");
            }
        }

        @Override
        public String toString() {
            return "empty or " + String.join(", ", KAFKA_CODECS);
        }
    }

    public String topic() {
        return getString(TOPIC).trim();
    }

    public String topicPrefix() {
        return getString(TOPIC_PREFIX).trim();
    }

    /** The topic a stream's batches go to. */
    public String topicFor(String stream) {
        return topic().isEmpty() ? topicPrefix() + stream : topic();
    }

    public List<String> streams() {
        return getList(STREAMS).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public List<String> incrementalStreams() {
        return getList(INCREMENTAL_STREAMS).stream().map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    public String dlqTopic() {
        return getString(DLQ_TOPIC).trim();
    }

    public String stateTopic() {
        String topic = getString(STATE_TOPIC).trim();
        return topic.isEmpty() ? connectorName() + ".rapidbyte-state" : topic;
    }

    /** Whether the user required exactly-once delivery: then no batch is ever released uncovered. */
    public boolean exactlyOnceRequired() {
        return "required".equalsIgnoreCase(originalsStrings().getOrDefault(EXACTLY_ONCE_SUPPORT, "").trim());
    }
}
