package io.rapidbyte.host.probe;

import static io.rapidbyte.host.testing.ProbeDriver.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.lifecycle.GuestCallException;
import io.rapidbyte.host.pipeline.PipelineException;
import io.rapidbyte.host.pipeline.PipelineResult;
import io.rapidbyte.host.pipeline.PipelineRunner;
import io.rapidbyte.host.pipeline.StageReport;
import io.rapidbyte.host.pipeline.StageSpec;
import io.rapidbyte.host.testing.ProbeDriver;
import io.rapidbyte.host.testing.RecordingListener;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCodes;
import io.rapidbyte.host.types.StreamLimits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batches through real guests: source → [transforms] → destination. */
class ProbePipelineTest {
    private static final StreamLimits TWO_IN_FLIGHT = new StreamLimits(1 << 20, 1000, 2, 0, 0, 0);

    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void noStageThreadOutlivesItsRun() {
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("rapidbyte-probe-") && t.isAlive()));
    }

    private static StageSpec stage(String name, Map<String, Object>... steps) {
        return StageSpec.of(name, ProbeDriver.module(), ProbeDriver.script(steps));
    }

    private PipelineRunner.Builder pipeline() {
        return PipelineRunner.builder("probe").listener(listener).streamLimits(TWO_IN_FLIGHT);
    }

    private ProbeDriver.Report report(String stage, int step) {
        return ProbeDriver.reports(listener, stage).get(step);
    }

    @Test
    void sourceToDestinationMovesEveryByteWithOneCopyPerCrossing() {
        int batches = 5;
        int size = 10_000;
        PipelineResult result = pipeline()
                .source(stage("src", op("generate", "batches", batches, "size", size)))
                .destination(stage("dst", op("drain")))
                .build().run("users");
        assertEquals((long) batches, report("src", 0).number());
        ProbeDriver.Report drained = report("dst", 0);
        assertTrue(drained.ok(), () -> "" + drained.error());
        assertEquals(batches, drained.field("batches"));
        assertEquals((long) batches * size, drained.field("bytes"));
        assertEquals(batches * ProbeDriver.patternSum(size), drained.field("sum"));

        StageReport src = result.stages().get(0);
        StageReport dst = result.stages().get(1);
        assertEquals((long) batches * size, src.copies().guestToHost());
        assertEquals(0, src.copies().hostToGuest());
        assertEquals((long) batches * size, dst.copies().hostToGuest());
        assertEquals(0, dst.copies().guestToHost());
        assertEquals(0, result.internalCopyBytes());
        assertEquals(0, src.leakedFrames() + dst.leakedFrames());
        assertTrue(src.allocatedBytes() >= (long) batches * size, "the source's thread copied every batch out of the guest: "
                + src.allocatedBytes());
        assertTrue(dst.allocatedBytes() > 0, "the destination's thread instantiated a guest: " + dst.allocatedBytes());
        assertEquals(1, result.read().recordsRead());
        assertEquals(1, result.write().recordsWritten());
    }

    @Test
    void sourceTransformDestination() {
        int batches = 7;
        int size = 3000;
        PipelineResult result = pipeline()
                .source(stage("src", op("generate", "batches", batches, "size", size)))
                .transform(stage("tx", op("forward")))
                .destination(stage("dst", op("drain")))
                .build().run("users");
        assertEquals((long) batches, report("tx", 0).number());
        ProbeDriver.Report drained = report("dst", 0);
        assertEquals(batches, drained.field("batches"));
        assertEquals((long) batches * size, drained.field("bytes"));
        assertEquals(batches * ProbeDriver.patternSum(size), drained.field("sum"));
        long payload = (long) batches * size;
        // forward reads each batch out and writes it into a new frame: one copy each way.
        assertEquals(2 * payload, result.guestToHostBytes());
        assertEquals(2 * payload, result.hostToGuestBytes());
        assertEquals(1, result.transforms().size());
        assertEquals(3, listener.teardowns.size());
    }

    @Test
    void destinationStoppingEarlyClosesTheChannelForTheSource() {
        PipelineResult result = pipeline()
                .source(stage("src", op("generate", "batches", 20, "size", 1000), op("log", "msg", "after")))
                .destination(stage("dst", op("next-batch", "as", "a")))
                .build().run("users");
        ProbeDriver.Report generate = report("src", 0);
        assertEquals(ErrorCodes.CHANNEL_CLOSED, generate.code(), () -> "" + generate);
        assertTrue(report("src", 1).ok(), "the source carries on after the error");
        assertEquals(1000, report("dst", 0).field("len"));
        assertEquals(1, result.stages().get(1).leakedFrames(), "the batch the destination kept is freed");
    }

    @Test
    void sourceFailureFailsThePipelineNamingTheStage() {
        PipelineException e = assertThrows(PipelineException.class, () -> pipeline()
                .source(stage("src", op("generate", "batches", 3, "size", 100),
                        op("fail", "category", "data", "code", "SRC_BROKEN", "message", "boom")))
                .destination(stage("dst", op("drain")))
                .build().run("users"));
        assertEquals("src", e.stage());
        assertEquals("SRC_BROKEN", ((ConnectorException) e.getCause()).error().code());
        assertTrue(e.getMessage().contains("'src'"), e.getMessage());
        assertEquals(2, listener.teardowns.size());
    }

    @Test
    void trapMidRunFreesTheSourcesFrames() {
        PipelineException e = assertThrows(PipelineException.class, () -> pipeline()
                .source(stage("src", op("generate", "batches", 2, "size", 100), op("frame-new", "as", "x"),
                        op("trap")))
                .destination(stage("dst", op("drain")))
                .build().run("users"));
        assertEquals("src", e.stage());
        GuestCallException trap = (GuestCallException) e.getCause();
        assertEquals(GuestCallException.Kind.TRAP, trap.kind());
        assertEquals("src", trap.connector());
        assertTrue(listener.teardowns.contains(new RecordingListener.Teardown("src", 1, 0)),
                () -> "" + listener.teardowns);
    }

    @Test
    void stateIsSharedPerPipelineAndSeparatedPerStage() {
        io.rapidbyte.host.state.InMemoryStateStore store = new io.rapidbyte.host.state.InMemoryStateStore();
        pipeline().state(store)
                .source(stage("src", op("state-put", "scope", "pipeline", "key", "k", "value", "v"),
                        op("state-put", "scope", "connector", "key", "mine", "value", "src"), op("generate",
                                "batches", 0, "size", 0)))
                .destination(stage("dst", op("drain"), op("state-get", "scope", "pipeline", "key", "k"),
                        op("state-get", "scope", "connector", "key", "mine")))
                .build().run("users");
        assertEquals(Map.of("mine", "src"), store.snapshot("pipeline/probe/connector/src"));
        assertEquals(Map.of("k", "v"), store.snapshot("pipeline/probe"));
        // drain returns only once the source finished its stream, so its writes are visible.
        assertEquals("v", report("dst", 1).value());
        assertEquals(null, report("dst", 2).value(), "a stage never sees another stage's connector scope");
    }
}
