package io.rapidbyte.host.pipeline;

import io.rapidbyte.host.types.ReadSummary;
import io.rapidbyte.host.types.TransformSummary;
import io.rapidbyte.host.types.WriteSummary;
import java.util.List;

/**
 * A successful run of one stream: one report per stage, source first. Immutable.
 */
public record PipelineResult(String stream, List<StageReport> stages) {
    public PipelineResult {
        stages = List.copyOf(stages);
    }

    public ReadSummary read() {
        return (ReadSummary) stages.get(0).summary();
    }

    public List<TransformSummary> transforms() {
        return stages.subList(1, stages.size() - 1).stream().map(s -> (TransformSummary) s.summary()).toList();
    }

    public WriteSummary write() {
        return (WriteSummary) stages.get(stages.size() - 1).summary();
    }

    /** Guest→host payload bytes over all stages. */
    public long guestToHostBytes() {
        return stages.stream().mapToLong(s -> s.copies().guestToHost()).sum();
    }

    /** Host→guest payload bytes over all stages. */
    public long hostToGuestBytes() {
        return stages.stream().mapToLong(s -> s.copies().hostToGuest()).sum();
    }

    /** Host-internal payload copies over all stages. */
    public long internalCopyBytes() {
        return stages.stream().mapToLong(s -> s.copies().internal()).sum();
    }
}
