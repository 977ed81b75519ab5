package io.rapidbyte.examples.pipeline;

import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.types.ReadSummary;
import io.rapidbyte.host.types.StreamLimits;
import java.util.List;

/**
 * The generator run alone on the calling thread, its frames captured: exactly the bytes it would
 * emit into a pipeline with the same config, limits and resume position (the generator is
 * deterministic; only {@code rapidbyte.sync_run} of a fresh run differs between runs).
 */
record GeneratorRun(List<FramePayload> frames, ReadSummary summary, StageRecordingListener listener) {
    static final String STREAM = "generator.rows";

    static GeneratorRun of(String configJson, StreamLimits limits, String resumeJson) {
        StageRecordingListener listener = new StageRecordingListener();
        CapturingOutput output = new CapturingOutput();
        try (ConnectorInstance gen = ConnectorInstance.builder(ExampleModules.generator(), Role.SOURCE)
                .name("gen").listener(listener).output(output).build()) {
            gen.open(configJson);
            ReadSummary summary = gen.runRead(limits.contextJson(STREAM, resumeJson));
            return new GeneratorRun(List.copyOf(output.frames), summary, listener);
        }
    }

    /** The source checkpoints, one per batch. */
    List<String> checkpoints() {
        return listener.checkpointsOf("gen");
    }
}
