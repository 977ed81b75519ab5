package io.rapidbyte.connect.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapidbyte.connect.json.PluginJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one reader of a source task reads: a stream, or one range of it, and whether it is read
 * again and again (incremental) or once (full refresh: a task restarted before it finished
 * resumes it, one started after it finished skips it, see {@link SourceOffsets#isFinished}).
 * A repeated (incremental or cdc) stream with a plan reads its initial snapshot in ranges
 * ({@link RangedSnapshotGate}): its own reader has the plan but no range, and its ranges are
 * {@code snapshot} ranges. Immutable.
 *
 * @param rangeId  the range's id, or null when the whole stream is read
 * @param range    the range as the connector's discover offered it (JSON object text), handed
 *                 back in ctx-json; null when the whole stream is read
 * @param plan     the stream's whole range plan (JSON array text, see {@link RangePlans}); null
 *                 when the whole stream is read without ranges
 * @param snapshot a range of a repeated stream's initial snapshot: its records carry the stream's
 *                 key (so they precede the stream's changes in one topic partition)
 */
public record StreamSpec(String name, boolean incremental, String rangeId, String range, String plan,
                         boolean snapshot) {
    public StreamSpec {
        Objects.requireNonNull(name, "name");
        if ((rangeId == null) != (range == null) || (range != null && plan == null)) {
            throw new IllegalArgumentException("a range needs its id, its JSON and the plan it belongs to");
        }
        if (range == null && plan != null && !incremental) {
            throw new IllegalArgumentException("only a repeated stream reads its ranges before its own run");
        }
        if (snapshot && (range == null || incremental)) {
            throw new IllegalArgumentException("a snapshot range is a range, read once");
        }
    }

    public StreamSpec(String name, boolean incremental, String rangeId, String range, String plan) {
        this(name, incremental, rangeId, range, plan, false);
    }

    public StreamSpec(String name, boolean incremental) {
        this(name, incremental, null, null, null);
    }

    /** The stream's own reader, which reads after the ranges of its initial snapshot. */
    public boolean followsRanges() {
        return range == null && plan != null;
    }

    /** The key of its data records: the lane, or the stream for a snapshot range. */
    public String recordKey() {
        return snapshot ? name : lane();
    }

    /** The buffer lane and record key ({@link SourceOffsets#lane}). */
    public String lane() {
        return SourceOffsets.lane(name, rangeId);
    }

    /** The source partition of this stream or range. */
    public Map<String, String> partition() {
        return rangeId == null ? SourceOffsets.streamPartition(name) : SourceOffsets.rangePartition(name, rangeId);
    }

    @Override
    public String toString() {
        return lane();
    }

    /**
     * The task config form: {@code [{"name": "...", "incremental": true, "range": {...}, "plan": [...],
     * "snapshot": true}, ...]} ({@code range}, {@code plan} and {@code snapshot} only where set).
     */
    public static String toJson(List<StreamSpec> streams) {
        ArrayNode array = PluginJson.nodes().arrayNode();
        for (StreamSpec s : streams) {
            ObjectNode o = array.addObject().put("name", s.name()).put("incremental", s.incremental());
            if (s.range() != null) {
                o.set("range", PluginJson.parse(s.range()));
            }
            if (s.plan() != null) {
                o.set("plan", PluginJson.parse(s.plan()));
            }
            if (s.snapshot()) {
                o.put("snapshot", true);
            }
        }
        return PluginJson.write(array);
    }

    /** @throws IllegalArgumentException if {@code json} is not the form {@link #toJson} writes */
    public static List<StreamSpec> fromJson(String json) {
        JsonNode array = PluginJson.parse(json);
        if (!array.isArray()) {
            throw new IllegalArgumentException("task streams must be a JSON array");
        }
        List<StreamSpec> out = new ArrayList<>();
        for (JsonNode s : array) {
            if (!s.path("name").isTextual()) {
                throw new IllegalArgumentException("task stream without a name: " + s);
            }
            JsonNode range = s.get("range");
            boolean incremental = s.path("incremental").asBoolean(false);
            if (range == null) {
                String plan = s.path("plan").isArray() ? PluginJson.write(s.get("plan")) : null;
                out.add(new StreamSpec(s.get("name").asText(), incremental, null, null, plan));
                continue;
            }
            if (!range.path("id").isTextual() || !s.path("plan").isArray()) {
                throw new IllegalArgumentException("task stream range without an id or a plan: " + s);
            }
            out.add(new StreamSpec(s.get("name").asText(), false, range.get("id").asText(), PluginJson.write(range),
                    PluginJson.write(s.get("plan")), s.path("snapshot").asBoolean(false)));
        }
        return out;
    }
}
