package io.rapidbyte.host.pipeline;

import io.rapidbyte.host.abi.JsonText;
import io.rapidbyte.host.channels.StageChannel;
import io.rapidbyte.host.imports.HostListener;
import io.rapidbyte.host.imports.StateNamespaces;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.state.InMemoryStateStore;
import io.rapidbyte.host.state.StateStore;
import io.rapidbyte.host.types.StreamLimits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Runs a pipeline in process: source → zero or more transforms → destination, one
 * {@link io.rapidbyte.host.lifecycle.ConnectorInstance} per stage on its own thread, linked by
 * bounded {@link StageChannel}s ({@link StreamLimits#maxInflightBatches()} batches each).
 *
 * <p>{@link #run} processes one stream and returns when every stage thread has ended. The first
 * stage to fail cancels the others (fails/abandons their channels and interrupts their
 * threads) and is reported as a {@link PipelineException} naming it. Every instance is closed,
 * so no frame outlives the run, and every stage thread is joined, so none outlives it either.
 *
 * <p>Thread-safety: a runner is immutable; concurrent {@link #run} calls are independent
 * (they share the state store and listener, which are thread-safe by contract).
 */
public final class PipelineRunner {
    private final String pipelineId;
    private final List<StageSpec> stages;
    private final StreamLimits limits;
    private final StateStore state;
    private final HostListener listener;

    private PipelineRunner(Builder b) {
        this.pipelineId = b.pipelineId;
        this.stages = List.copyOf(b.stages);
        this.limits = b.limits;
        this.state = b.state;
        this.listener = b.listener;
    }

    public static Builder builder(String pipelineId) {
        return new Builder(pipelineId);
    }

    /** {@link #run(String, String)} without a resume position. */
    public PipelineResult run(String stream) {
        return run(stream, null);
    }

    /**
     * Runs one stream through all stages.
     *
     * @param resumeJson the source's last checkpoint payload for this stream, or null
     * @throws PipelineException naming the stage that failed first
     */
    public PipelineResult run(String stream, String resumeJson) {
        Objects.requireNonNull(stream, "stream");
        if (resumeJson != null && !JsonText.isValid(resumeJson)) {
            throw new IllegalArgumentException("resumeJson is not well-formed JSON");
        }
        PipelineRun run = new PipelineRun(pipelineId, stream);
        List<StageChannel> channels = new ArrayList<>();
        for (int i = 0; i < stages.size() - 1; i++) {
            channels.add(new StageChannel(limits.maxInflightBatches()));
        }
        for (int i = 0; i < stages.size(); i++) {
            StageSpec spec = stages.get(i);
            Role role = i == 0 ? Role.SOURCE : i == stages.size() - 1 ? Role.DESTINATION : Role.TRANSFORM;
            String ctx = limits.contextJson(stream, role == Role.SOURCE ? resumeJson : null);
            run.add(new StageRun(spec, role, i == 0 ? null : channels.get(i - 1),
                    i == stages.size() - 1 ? null : channels.get(i), ctx, state,
                    new StateNamespaces(pipelineId, stream, spec.name()), listener, run));
        }
        return run.execute();
    }

    /**
     * Collects the stages of a pipeline. Needs a source and a destination; stage names must be
     * unique. Defaults: {@link StreamLimits#DEFAULT}, a fresh in-memory state store, a logging
     * listener. Not thread-safe.
     */
    public static final class Builder {
        private final String pipelineId;
        private StageSpec source;
        private final List<StageSpec> transforms = new ArrayList<>();
        private StageSpec destination;
        private final List<StageSpec> stages = new ArrayList<>();
        private StreamLimits limits = StreamLimits.DEFAULT;
        private StateStore state = new InMemoryStateStore();
        private HostListener listener = HostListener.logging();

        private Builder(String pipelineId) {
            this.pipelineId = Objects.requireNonNull(pipelineId, "pipelineId");
        }

        public Builder source(StageSpec spec) {
            this.source = Objects.requireNonNull(spec, "source");
            return this;
        }

        /** Appends a transform; transforms run in the order added. */
        public Builder transform(StageSpec spec) {
            transforms.add(Objects.requireNonNull(spec, "transform"));
            return this;
        }

        public Builder destination(StageSpec spec) {
            this.destination = Objects.requireNonNull(spec, "destination");
            return this;
        }

        public Builder streamLimits(StreamLimits streamLimits) {
            this.limits = Objects.requireNonNull(streamLimits, "streamLimits");
            return this;
        }

        /** Shared by all stages; scopes map to namespaces of this pipeline id. */
        public Builder state(StateStore store) {
            this.state = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Shared by all stages, called from their threads: must be thread-safe. */
        public Builder listener(HostListener hostListener) {
            this.listener = Objects.requireNonNull(hostListener, "listener");
            return this;
        }

        /**
         * @throws IllegalStateException without a source or destination, or with duplicate names
         * @throws io.rapidbyte.host.lifecycle.InvalidModuleException a module lacks its role's exports
         */
        public PipelineRunner build() {
            if (source == null || destination == null) {
                throw new IllegalStateException("pipeline '" + pipelineId + "' needs a source and a destination");
            }
            stages.clear();
            stages.add(source);
            stages.addAll(transforms);
            stages.add(destination);
            var names = new HashSet<String>();
            for (int i = 0; i < stages.size(); i++) {
                StageSpec s = stages.get(i);
                if (!names.add(s.name())) {
                    throw new IllegalStateException("duplicate stage name '" + s.name() + "'");
                }
                s.module().requireRole(i == 0 ? Role.SOURCE : i == stages.size() - 1 ? Role.DESTINATION : Role.TRANSFORM);
            }
            return new PipelineRunner(this);
        }
    }
}
