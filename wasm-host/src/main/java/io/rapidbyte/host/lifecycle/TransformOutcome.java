package io.rapidbyte.host.lifecycle;

import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.types.TransformSummary;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link BatchTransform#runTransform} call produced: the batches the guest emitted, in
 * order (none when it dropped the input), and its {@code transform-summary}. Immutable; the
 * payloads belong to whoever holds this (they left the guest for good).
 */
public record TransformOutcome(List<FramePayload> outputs, TransformSummary summary) {
    public TransformOutcome {
        outputs = List.copyOf(outputs);
        Objects.requireNonNull(summary, "summary");
    }
}
