package io.rapidbyte.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidbyte.host.frames.FrameLimits;
import io.rapidbyte.host.lifecycle.GuestCallException;
import io.rapidbyte.host.lifecycle.InstanceLimits;
import io.rapidbyte.host.pipeline.PipelineException;
import io.rapidbyte.host.pipeline.PipelineResult;
import io.rapidbyte.host.pipeline.PipelineRunner;
import io.rapidbyte.host.pipeline.StageSpec;
import io.rapidbyte.host.state.InMemoryStateStore;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import io.rapidbyte.host.types.StreamLimits;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failures injected into real modules running through {@link PipelineRunner}: each is reported
 * naming the stage, every instance is torn down with its frames freed and counted, and no stage
 * thread outlives the run.
 */
class FailureInjectionTest {
    private static final String PIPELINE = "failures";
    private static final String STREAM = GeneratorRun.STREAM;
    /** Two batches in flight: a destination that stops early leaves the source blocked, then closed out. */
    private static final StreamLimits LIMITS = new StreamLimits(1 << 20, 10_000, 2, 0, 0, 0);

    private final StageRecordingListener listener = new StageRecordingListener();
    private final InMemoryStateStore store = new InMemoryStateStore();

    @AfterEach
    void noStageThreadOutlivesItsRun() {
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("rapidbyte-" + PIPELINE + "-") && t.isAlive()));
    }

    private PipelineRunner.Builder pipeline(String generatorConfig) {
        return PipelineRunner.builder(PIPELINE).listener(listener).state(store).streamLimits(LIMITS)
                .source(StageSpec.of("gen", ExampleModules.generator(), generatorConfig));
    }

    private static StageSpec verify(String config) {
        return StageSpec.of("verify", ExampleModules.verify(), config);
    }

    @Test
    void guestTrapMidStreamNamesTheStageAndFreesItsFrames() {
        PipelineException e = assertThrows(PipelineException.class, () -> pipeline(
                "{\"rows\": 10000, \"batch_rows\": 500, \"trap_after_batches\": 3, \"leak_frames\": 2}")
                .transform(StageSpec.of("filter", ExampleModules.filter(), "{}"))
                .destination(verify("{}"))
                .build().run(STREAM));

        assertEquals("gen", e.stage());
        assertTrue(e.getMessage().contains("'gen'"), e.getMessage());
        GuestCallException trap = assertInstanceOf(GuestCallException.class, e.getCause());
        assertEquals(GuestCallException.Kind.TRAP, trap.kind());
        assertEquals("gen", trap.connector());
        assertTrue(listener.logs.stream().anyMatch(l -> l.connector().equals("gen")
                && l.message().contains("trap_after_batches=3")), () -> "the guest's last words: " + listener.logs);
        assertEquals(new StageRecordingListener.Teardown("gen", 2, 0), listener.teardownOf("gen"),
                "the trapped instance's leaked frames are freed and counted");
        listener.teardownOf("filter");
        listener.teardownOf("verify");
        assertEquals(3, listener.teardowns.size());
        assertTrue(listener.checkpointsOf("verify").size() <= 3, "nothing after the trap reached the destination");
    }

    @Test
    void leakedFrameHandlesAreFreedAndCountedAtTeardown() {
        PipelineResult result = pipeline("{\"rows\": 3000, \"batch_rows\": 1000, \"leak_frames\": 3}")
                .destination(verify("{\"expect_rows\": 3000}"))
                .build().run(STREAM);

        assertEquals(3, result.stages().get(0).leakedFrames());
        assertEquals(0, result.stages().get(1).leakedFrames());
        assertEquals(new StageRecordingListener.Teardown("gen", 3, 0), listener.teardownOf("gen"));
        assertEquals(new StageRecordingListener.Teardown("verify", 0, 0), listener.teardownOf("verify"));
        assertEquals(3000, result.write().recordsWritten(), "the leak does not disturb the data");
    }

    @Test
    void destinationStoppingEarlyClosesTheChannelUnderTheSource() {
        PipelineException e = assertThrows(PipelineException.class, () -> pipeline(
                "{\"rows\": 10000, \"batch_rows\": 500}")
                .destination(verify("{\"stop_after_batches\": 2}"))
                .build().run(STREAM));

        assertEquals("gen", e.stage(), "the source could not hand on its batches");
        ConnectorException closed = assertInstanceOf(ConnectorException.class, e.getCause());
        assertEquals(ErrorCodes.CHANNEL_CLOSED, closed.error().code());
        assertEquals(ErrorCategory.INTERNAL, closed.error().category());
        List<String> checkpoints = listener.checkpointsOf("verify");
        assertEquals(2, checkpoints.size());
        JsonNode last = Jsons.read(checkpoints.get(1));
        assertEquals(1000, last.get("rows").asLong());
        assertTrue(listener.logs.stream().anyMatch(l -> l.connector().equals("verify")
                && l.message().contains("stopped after 2 batches")));
        assertEquals(new StageRecordingListener.Teardown("gen", 0, 0), listener.teardownOf("gen"));
        assertEquals(new StageRecordingListener.Teardown("verify", 0, 0), listener.teardownOf("verify"));
    }

    @Test
    void batchLargerThanTheFrameLimitSurfacesFrameLimitExceeded() {
        FrameLimits small = new FrameLimits(1024, 16 * 1024, 256L * 1024 * 1024);
        PipelineException e = assertThrows(PipelineException.class, () -> PipelineRunner.builder(PIPELINE)
                .listener(listener).state(store).streamLimits(LIMITS)
                .source(StageSpec.of("gen", ExampleModules.generator(), "{\"rows\": 5000, \"batch_rows\": 1000}")
                        .withLimits(InstanceLimits.DEFAULT.withFrames(small)))
                .destination(verify("{}"))
                .build().run(STREAM));

        assertEquals("gen", e.stage());
        ConnectorException tooBig = assertInstanceOf(ConnectorException.class, e.getCause());
        assertEquals(ErrorCodes.FRAME_LIMIT_EXCEEDED, tooBig.error().code());
        assertEquals(ErrorCategory.FRAME, tooBig.error().category());
        assertEquals(0, listener.checkpointsOf("verify").size(), "no batch got through");
        assertEquals(new StageRecordingListener.Teardown("gen", 0, 0), listener.teardownOf("gen"));
    }
}
