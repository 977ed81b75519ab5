package io.rapidbyte.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidbyte.host.imports.StateNamespaces;
import io.rapidbyte.host.state.InMemoryStateStore;
import io.rapidbyte.host.types.StateScope;
import java.util.List;

/**
 * What the verify destination reported, read from each of its channels (metrics, dest checkpoints,
 * stream-scoped state), after checking that the channels agree.
 */
record Verified(long rows, String checksumHex, long batches) {
    static Verified read(StageRecordingListener listener, InMemoryStateStore store, String pipelineId, String stream,
            String stage) {
        List<String> rowMetrics = listener.metricsNamed(stage, "verify.rows");
        List<String> sumMetrics = listener.metricsNamed(stage, "verify.checksum");
        assertFalse(rowMetrics.isEmpty(), "verify.rows metric");
        JsonNode rows = Jsons.read(rowMetrics.get(rowMetrics.size() - 1));
        JsonNode sum = Jsons.read(sumMetrics.get(sumMetrics.size() - 1));
        assertEquals(sum.get("hex").asText(), String.format("%016x", sum.get("value").asLong()),
                "the numeric and hex checksum agree");
        List<String> checkpoints = listener.checkpointsOf(stage);
        long batches = checkpoints.size();
        if (batches > 0) {
            JsonNode last = Jsons.read(checkpoints.get(checkpoints.size() - 1));
            assertEquals(rows.get("value").asLong(), last.get("rows").asLong(), "checkpoint rows");
            assertEquals(sum.get("hex").asText(), last.get("checksum").asText(), "checkpoint checksum");
            assertEquals(batches, last.get("batches").asLong());
            String state = store.get(new StateNamespaces(pipelineId, stream, stage).namespace(StateScope.STREAM),
                    "verify").orElseThrow();
            assertEquals(checkpoints.get(checkpoints.size() - 1), state, "state holds the last checkpoint");
        }
        return new Verified(rows.get("value").asLong(), sum.get("hex").asText(), batches);
    }
}
