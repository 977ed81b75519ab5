package io.rapidbyte.connect.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidbyte.connect.json.PluginJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Range plans: a source connector's {@code discover} may offer, per stream, {@code "ranges"}
 * (ABI.md section 5), disjoint parts read by their own {@code run-read}s, each its own source
 * partition ({@link SourceOffsets#rangePartition}) with its own checkpoint and finished flag, so
 * that several tasks read one large table.
 *
 * <p><b>A plan is fixed once per connector.</b> The ranges depend on the table (source-postgres
 * sizes them from the table's pages), so a later discover may offer other ranges; a range
 * checkpoint applied to other bounds would re-read or skip rows. So the plan in force is the one
 * stored in the stream's plan partition ({@link SourceOffsets#planPartition}) when there is one,
 * and only otherwise the one discover offers; a task writes the plan it was given and reads no
 * range before that write is in the offset store ({@link PlanGate}). Resetting the connector's
 * offsets removes the plan, and the next start plans again.
 *
 * <p>The ranges of a repeated (incremental or cdc) stream are its initial snapshot: the stream's
 * own reader stays, with the plan, and reads after them ({@link RangedSnapshotGate}). Stateless.
 */
public final class RangePlans {
    private RangePlans() {
    }

    /**
     * The ranges of a plan (a non-empty JSON array of objects, each with a non-empty text
     * {@code "id"}, ids unique), or null when {@code planJson} is not one.
     */
    public static List<JsonNode> parsePlan(String planJson) {
        JsonNode plan;
        try {
            plan = PluginJson.parse(planJson);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return parsePlan(plan);
    }

    static List<JsonNode> parsePlan(JsonNode plan) {
        if (plan == null || !plan.isArray() || plan.isEmpty()) {
            return null;
        }
        List<JsonNode> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode r : plan) {
            if (!r.isObject() || !r.path("id").isTextual() || r.get("id").asText().isEmpty()
                    || !ids.add(r.get("id").asText())) {
                return null;
            }
            out.add(r);
        }
        return out;
    }

    /** Whether two plans are the same ranges (JSON equality, whatever the spacing). */
    public static boolean same(String a, String b) {
        return PluginJson.parse(a).equals(PluginJson.parse(b));
    }

    /**
     * {@code streams} with every full-refresh stream that has a plan replaced by its ranges, in
     * plan order, and every repeated one followed by its snapshot ranges. The plan is the stored one when there is one (even if discover no longer offers
     * ranges: the checkpoints belong to it), else the offered one, unless the stream was already
     * (partly) read whole: its ranges would read those rows again.
     *
     * @param offered      stream to plan text, from discover
     * @param stored       stream to the plan text in its plan partition
     * @param startedWhole the streams whose own partition has an offset
     * @throws IllegalArgumentException if a stored plan is not a plan
     */
    public static List<StreamSpec> expand(List<StreamSpec> streams, Map<String, String> offered,
                                          Map<String, String> stored, Set<String> startedWhole) {
        List<StreamSpec> out = new ArrayList<>();
        for (StreamSpec s : streams) {
            String plan = stored.get(s.name());
            if (plan == null && !startedWhole.contains(s.name())) {
                plan = offered.get(s.name());
            }
            if (plan == null) {
                out.add(s);
                continue;
            }
            List<JsonNode> ranges = parsePlan(plan);
            if (ranges == null) {
                throw new IllegalArgumentException("the stored range plan of stream " + s.name() + " is not a JSON "
                        + "array of ranges with unique ids: " + plan);
            }
            if (s.incremental()) {
                out.add(new StreamSpec(s.name(), true, null, null, plan));
            }
            for (JsonNode r : ranges) {
                out.add(new StreamSpec(s.name(), false, r.get("id").asText(), PluginJson.write(r), plan,
                        s.incremental()));
            }
        }
        return out;
    }
}
