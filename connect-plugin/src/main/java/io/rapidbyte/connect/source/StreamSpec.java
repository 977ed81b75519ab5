package io.rapidbyte.connect.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.rapidbyte.connect.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A stream a source task reads, and whether it is read again and again (incremental) or once
 * (full refresh: a task restarted before it finished resumes it, one started after it finished
 * skips it, see {@link SourceOffsets#isFinished}). Immutable.
 */
public record StreamSpec(String name, boolean incremental) {
    public StreamSpec {
        Objects.requireNonNull(name, "name");
    }

    /** The task config form: {@code [{"name": "...", "incremental": true}, ...]}. */
    public static String toJson(List<StreamSpec> streams) {
        ArrayNode array = Json.nodes().arrayNode();
        streams.forEach(s -> array.addObject().put("name", s.name()).put("incremental", s.incremental()));
        return Json.write(array);
    }

    /** @throws IllegalArgumentException if {@code json} is not the form {@link #toJson} writes */
    public static List<StreamSpec> fromJson(String json) {
        JsonNode array = Json.parse(json);
        if (!array.isArray()) {
            throw new IllegalArgumentException("task streams must be a JSON array");
        }
        List<StreamSpec> out = new ArrayList<>();
        for (JsonNode s : array) {
            if (!s.path("name").isTextual()) {
                throw new IllegalArgumentException("task stream without a name: " + s);
            }
            out.add(new StreamSpec(s.get("name").asText(), s.path("incremental").asBoolean(false)));
        }
        return out;
    }
}
