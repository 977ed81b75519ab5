package io.rapidbyte.host.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.lifecycle.ConnectorModule;
import io.rapidbyte.host.lifecycle.GuestCallException;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.testing.RecordingListener;
import io.rapidbyte.host.testing.SyntheticConnector;
import io.rapidbyte.host.testing.WasmBuilder.Op;
import io.rapidbyte.host.types.ReadSummary;
import io.rapidbyte.host.types.StreamLimits;
import io.rapidbyte.host.types.WriteSummary;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Runner mechanics with hand-assembled guests; data flow is covered by the probe tests. */
class PipelineRunnerTest {
    private final RecordingListener listener = new RecordingListener();

    private static ConnectorModule module(SyntheticConnector guest) {
        return ConnectorModule.load(guest.build());
    }

    @Test
    void runsEveryStageAndReportsSummaries() {
        PipelineResult result = PipelineRunner.builder("p")
                .source(StageSpec.of("src", module(new SyntheticConnector(Role.SOURCE)), "{}"))
                .transform(StageSpec.of("tx", module(new SyntheticConnector(Role.TRANSFORM)), "{}"))
                .destination(StageSpec.of("dst", module(new SyntheticConnector(Role.DESTINATION)), "{}"))
                .listener(listener)
                .build()
                .run("users");
        assertEquals(new ReadSummary(10, 20, 30, 40, 50), result.read());
        assertEquals(1, result.transforms().size());
        assertEquals(new WriteSummary(10, 20, 30, 40, 50), result.write());
        assertEquals(3, listener.teardowns.size());
        assertEquals("users", result.stream());
    }

    @Test
    void firstFailureCancelsTheOthersAndIsNamed() {
        // The destination spins forever; only the cancellation can end it.
        PipelineRunner runner = PipelineRunner.builder("p")
                .source(StageSpec.of("src", module(new SyntheticConnector(Role.SOURCE)
                        .body("run-read", new byte[] {Op.UNREACHABLE})), "{}"))
                .destination(StageSpec.of("dst", module(new SyntheticConnector(Role.DESTINATION)
                        .body("run-write", Op.seq(Op.spin(), Op.i32(0)))), "{}"))
                .listener(listener)
                .build();
        PipelineException e = assertThrows(PipelineException.class, () -> runner.run("users"));
        assertEquals("src", e.stage());
        assertEquals(GuestCallException.Kind.TRAP, ((GuestCallException) e.getCause()).kind());
        assertTrue(Arrays.stream(e.getSuppressed()).anyMatch(s -> s instanceof GuestCallException g
                && g.kind() == GuestCallException.Kind.CANCELLED && g.connector().equals("dst")),
                () -> Arrays.toString(e.getSuppressed()));
        assertEquals(2, listener.teardowns.size(), "every instance is torn down");
    }

    @Test
    void guestErrorInTheDestinationStopsTheSource() {
        PipelineRunner runner = PipelineRunner.builder("p")
                .source(StageSpec.of("src", module(new SyntheticConnector(Role.SOURCE)
                        .body("run-read", Op.seq(Op.spin(), Op.i32(0)))), "{}"))
                .destination(StageSpec.of("dst", module(new SyntheticConnector(Role.DESTINATION)
                        .body("open", Op.i32(SyntheticConnector.ERR_AREA))), "{}"))
                .listener(listener)
                .build();
        PipelineException e = assertThrows(PipelineException.class, () -> runner.run("users"));
        assertEquals("dst", e.stage());
        assertEquals(SyntheticConnector.ERROR, ((io.rapidbyte.host.types.ConnectorException) e.getCause()).error());
    }

    @Test
    void builderValidatesStages() {
        ConnectorModule source = module(new SyntheticConnector(Role.SOURCE));
        assertThrows(IllegalStateException.class,
                () -> PipelineRunner.builder("p").source(StageSpec.of("a", source, "{}")).build());
        assertThrows(io.rapidbyte.host.lifecycle.InvalidModuleException.class, () -> PipelineRunner.builder("p")
                .source(StageSpec.of("a", source, "{}")).destination(StageSpec.of("b", source, "{}")).build());
        ConnectorModule dest = module(new SyntheticConnector(Role.DESTINATION));
        assertThrows(IllegalStateException.class, () -> PipelineRunner.builder("p")
                .source(StageSpec.of("a", source, "{}")).destination(StageSpec.of("a", dest, "{}")).build());
    }

    @Test
    void contextJsonFollowsAbiSection5() {
        assertEquals("{\"stream\":\"a\\\"b\",\"limits\":{\"max_batch_bytes\":1,\"max_batch_rows\":2,"
                        + "\"max_inflight_batches\":3,\"checkpoint_interval_bytes\":4,\"checkpoint_interval_rows\":5,"
                        + "\"checkpoint_interval_seconds\":6},\"resume\":{\"lsn\":1}}",
                new StreamLimits(1, 2, 3, 4, 5, 6).contextJson("a\"b", "{\"lsn\":1}"));
        assertTrue(new StreamLimits(1, 2, 3, 4, 5, 6).contextJson("s", null).endsWith("\"resume\":null}"));
        assertTrue(new StreamLimits(1, 2, 3, 4, 5, 6).contextJson("s", null, null, "pending")
                .endsWith("\"resume\":null,\"ranged_snapshot\":\"pending\"}"));
    }
}
