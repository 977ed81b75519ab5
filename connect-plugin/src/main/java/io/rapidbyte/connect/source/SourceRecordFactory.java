package io.rapidbyte.connect.source;

import io.rapidbyte.connect.metrics.TaskMetrics;
import io.rapidbyte.connect.records.DeadLetterHeaders;
import io.rapidbyte.connect.records.FrameHeaders;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.imports.DlqRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Maps what {@link SourceBuffer} releases to {@link SourceRecord}s (DESIGN.md, Kafka mapping):
 * <ul>
 *   <li>a batch: key = stream name (string; for one range of a stream {@code <stream> range <id>},
 *       so a range stays in one topic partition, in order, with header {@value FrameHeaders#RANGE}), value = the sealed frame's bytes (bytes schema; the
 *       frame's own array, not a copy, whenever the frame spans it), headers
 *       {@link FrameHeaders}, to {@code topic} or {@code topic.prefix + stream};</li>
 *   <li>a dead letter: to {@code dlq.topic}, key = stream, value = the record JSON, the reason in
 *       {@code rapidbyte.dlq.*} headers;</li>
 *   <li>a state change: to the state topic, carrying the value in its source offset;</li>
 *   <li>a finished full refresh: a small record on the state topic, key {@code stream/<name>},
 *       header {@value #STREAM_FINISHED}, with the stream's own source partition and the offset
 *       {@link SourceOffsets#streamOffset(String, boolean) marked finished}. Connect has no
 *       offset-only records, so the offset needs a carrier; sharing the data's partition makes
 *       Connect commit it only after the stream's last records;</li>
 *   <li>a checkpoint that covers no batch ({@link Release.Checkpoint}): like a finished full
 *       refresh, a small record on the state topic with the stream's own source partition, key
 *       {@code checkpoint/<lane>}, header {@value #CHECKPOINT_ONLY}, the checkpoint as its offset
 *       (and value);</li>
 *   <li>a range plan ({@link #plan}).</li>
 * </ul>
 * Offsets follow {@link Release.Events}. Confined to the task thread.
 */
public final class SourceRecordFactory {
    public static final String STATE_NAMESPACE = "rapidbyte.state.namespace";
    public static final String STATE_KEY = "rapidbyte.state.key";
    public static final String STREAM_FINISHED = "rapidbyte.stream.finished";
    public static final String RANGE_PLAN = "rapidbyte.range.plan";
    public static final String CHECKPOINT_ONLY = "rapidbyte.checkpoint.only";

    private final SourceConfig config;
    private final TaskMetrics metrics;
    private final Map<String, StreamSpec> lanes = new HashMap<>();

    /** @param streams what the task reads; a lane not among them is a whole stream of that name */
    public SourceRecordFactory(SourceConfig config, TaskMetrics metrics, List<StreamSpec> streams) {
        this.config = config;
        this.metrics = metrics;
        streams.forEach(s -> lanes.put(s.lane(), s));
    }

    private StreamSpec spec(String lane) {
        StreamSpec s = lanes.get(lane);
        return s != null ? s : new StreamSpec(lane, false);
    }

    /**
     * The record that stores the range plan of {@code stream} ({@link RangePlans}): on the state
     * topic, key {@code plan/<stream>}, with the plan partition and offset.
     */
    public SourceRecord plan(String stream, String planJson) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(RANGE_PLAN, stream);
        return new SourceRecord(SourceOffsets.planPartition(stream), SourceOffsets.planOffset(planJson),
                config.stateTopic(), null, Schema.STRING_SCHEMA, "plan/" + stream, Schema.BYTES_SCHEMA,
                planJson.getBytes(StandardCharsets.UTF_8), null, headers);
    }

    public List<SourceRecord> toRecords(List<Release> releases) {
        List<SourceRecord> out = new ArrayList<>();
        for (Release release : releases) {
            if (release instanceof Release.Events ev) {
                events(ev, out);
            } else if (release instanceof Release.StateChange st) {
                out.add(state(st));
            } else if (release instanceof Release.StreamFinished done) {
                out.add(finished(done));
            } else if (release instanceof Release.Checkpoint cp) {
                out.add(checkpoint(cp));
            }
        }
        return out;
    }

    private void events(Release.Events ev, List<SourceRecord> out) {
        StreamSpec spec = spec(ev.stream());
        Map<String, String> partition = spec.partition();
        List<SourceEvent> events = ev.events();
        for (int i = 0; i < events.size(); i++) {
            boolean last = i == events.size() - 1;
            String checkpoint = last && ev.covered() ? ev.checkpoint() : ev.priorCheckpoint();
            Map<String, String> offset = SourceOffsets.streamOffset(checkpoint);
            SourceEvent event = events.get(i);
            if (event instanceof SourceEvent.Batch batch) {
                out.add(batch(spec, batch, partition, offset));
            } else if (event instanceof SourceEvent.DeadLetter dead) {
                out.add(deadLetter(spec, dead.record(), partition, offset));
            }
        }
    }

    private SourceRecord batch(StreamSpec spec, SourceEvent.Batch batch, Map<String, String> partition,
                               Map<String, String> offset) {
        String stream = spec.name();
        FramePayload payload = batch.payload();
        byte[] value = payload.toByteArray();
        if (value != payload.array()) {
            // The frame kept spare capacity (several writes): Kafka needs an exact array.
            metrics.copies().addInternal(payload.length());
        }
        ConnectHeaders headers = new ConnectHeaders();
        FrameHeaders.addBatchHeaders(headers, stream, batch.summary());
        if (spec.rangeId() != null) {
            headers.addString(FrameHeaders.RANGE, spec.rangeId());
        }
        metrics.batch(batch.summary().rows(), payload.length());
        return new SourceRecord(partition, offset, config.topicFor(stream), null, Schema.STRING_SCHEMA, spec.lane(),
                Schema.BYTES_SCHEMA, value, null, headers);
    }

    private SourceRecord deadLetter(StreamSpec spec, DlqRecord record, Map<String, String> partition,
                                    Map<String, String> offset) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(FrameHeaders.CONTENT_TYPE, FrameHeaders.JSON_MEDIA_TYPE);
        headers.addString(DeadLetterHeaders.STREAM, record.stream());
        headers.addString(DeadLetterHeaders.MESSAGE, record.errorMessage());
        headers.addString(DeadLetterHeaders.CATEGORY, record.errorCategory());
        headers.addString(DeadLetterHeaders.CONNECTOR, config.connectorName());
        metrics.deadLetter();
        return new SourceRecord(partition, offset, config.dlqTopic(), null, Schema.STRING_SCHEMA, spec.lane(),
                Schema.BYTES_SCHEMA, record.recordJson().getBytes(StandardCharsets.UTF_8), null, headers);
    }

    private SourceRecord state(Release.StateChange st) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(STATE_NAMESPACE, st.namespace());
        headers.addString(STATE_KEY, st.key());
        return new SourceRecord(SourceOffsets.statePartition(st.namespace(), st.key()),
                SourceOffsets.stateOffset(st.value()), config.stateTopic(), null, Schema.STRING_SCHEMA,
                st.namespace() + "/" + st.key(), Schema.BYTES_SCHEMA, st.value().getBytes(StandardCharsets.UTF_8),
                null, headers);
    }

    private SourceRecord checkpoint(Release.Checkpoint cp) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(CHECKPOINT_ONLY, cp.stream());
        return new SourceRecord(spec(cp.stream()).partition(), SourceOffsets.streamOffset(cp.checkpoint()),
                config.stateTopic(), null, Schema.STRING_SCHEMA, "checkpoint/" + cp.stream(), Schema.BYTES_SCHEMA,
                cp.checkpoint().getBytes(StandardCharsets.UTF_8), null, headers);
    }

    private SourceRecord finished(Release.StreamFinished done) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(STREAM_FINISHED, done.stream());
        return new SourceRecord(spec(done.stream()).partition(),
                SourceOffsets.streamOffset(done.checkpoint(), true), config.stateTopic(), null, Schema.STRING_SCHEMA,
                "stream/" + done.stream(), Schema.BYTES_SCHEMA, "finished".getBytes(StandardCharsets.UTF_8), null,
                headers);
    }
}
