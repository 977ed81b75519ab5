package io.rapidbyte.host.probe;

import static io.rapidbyte.host.testing.ProbeDriver.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.channels.StageChannel;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.ConnectorModule;
import io.rapidbyte.host.lifecycle.GuestCallException;
import io.rapidbyte.host.lifecycle.InstanceLimits;
import io.rapidbyte.host.lifecycle.InvalidModuleException;
import io.rapidbyte.host.lifecycle.Manifest;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.testing.ProbeDriver;
import io.rapidbyte.host.testing.RecordingListener;
import io.rapidbyte.host.testing.TestJson;
import io.rapidbyte.host.types.BackoffClass;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorScope;
import io.rapidbyte.host.types.TransformSummary;
import io.rapidbyte.host.types.ValidationResult;
import io.rapidbyte.host.types.ValidationStatus;
import io.rapidbyte.host.types.WriteSummary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Exports, error mapping, timeouts and memory caps with the real probe guest. */
class ProbeLifecycleTest {
    private final RecordingListener listener = new RecordingListener();

    private ConnectorInstance.Builder builder(Role role) {
        return ConnectorInstance.builder(ProbeDriver.module(), role).name("probe").listener(listener);
    }

    @Test
    void manifestAndRoles() {
        ConnectorModule m = ProbeDriver.module();
        Manifest manifest = m.manifest().orElseThrow();
        assertEquals(Optional.of("probe"), manifest.name());
        assertEquals(Optional.of("0.1.0"), manifest.version());
        m.requireRole(Role.SOURCE).requireRole(Role.DESTINATION).requireRole(Role.TRANSFORM);
    }

    @Test
    void discoverValidateAndEveryRun() {
        String config = ProbeDriver.config(Map.of("validate", ProbeDriver.obj("status", "warning", "message", "careful")),
                List.of(op("log", "msg", "a"), op("log", "msg", "b")));
        try (ConnectorInstance c = builder(Role.SOURCE).build()) {
            c.open(config);
            assertEquals(Map.of("streams", List.of(Map.of("name", "probe"))), TestJson.parse(c.discover()));
            assertEquals(new ValidationResult(ValidationStatus.WARNING, "careful"), c.validate());
            assertEquals(2, c.runRead("{\"stream\":\"probe\",\"limits\":{},\"resume\":null}").recordsRead());
        }
        try (ConnectorInstance c = builder(Role.DESTINATION).build()) {
            c.open(config);
            assertEquals(new WriteSummary(2, 0, 0, 0, 0), c.runWrite("{\"stream\":\"probe\"}"));
        }
        try (ConnectorInstance c = builder(Role.TRANSFORM).build()) {
            c.open(config);
            assertEquals(new TransformSummary(2, 0, 0, 0, 0), c.runTransform("{\"stream\":\"probe\"}"));
        }
        assertEquals(3, listener.teardowns.size());
    }

    @Test
    void exportErrorsCarryEveryField() {
        try (ConnectorInstance c = builder(Role.SOURCE).build()) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> c.open(ProbeDriver.config(
                    Map.of("fail_open", ProbeDriver.obj("category", "transient-db", "code", "40001",
                            "message", "serialization failure", "retryable", true)), List.of())));
            assertFalse(e instanceof GuestCallException);
            // The probe sets four fields; the SDK fills the rest with its defaults.
            assertEquals(new ConnectorError(ErrorCategory.TRANSIENT_DB, ErrorScope.PER_STREAM, "40001",
                    "serialization failure", true, OptionalLong.empty(), BackoffClass.NORMAL, false, null, null),
                    e.error());
            assertTrue(c.isUsable());

            c.open(ProbeDriver.script(op("fail", "category", "data", "code", "ROW_REJECTED", "message", "row 3")));
            ConnectorException run = assertThrows(ConnectorException.class, () -> c.runRead("{}"));
            assertEquals(ErrorCategory.DATA, run.error().category());
            assertEquals("ROW_REJECTED", run.error().code());
            assertEquals("row 3", run.error().message());
            assertFalse(run.error().retryable());
        }
    }

    @Test
    void wallClockTimeoutStopsASpinningGuest() {
        ConnectorInstance c = builder(Role.SOURCE)
                .limits(InstanceLimits.DEFAULT.withCallTimeout(Duration.ofMillis(500))).build();
        c.open(ProbeDriver.script(op("frame-new", "as", "f"), op("spin")));
        GuestCallException e = assertThrows(GuestCallException.class, () -> c.runRead("{}"));
        assertEquals(GuestCallException.Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("'probe' timed out in rapidbyte:connector/source-connector@3.0.0#run-read"),
                e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted());
        c.close();
        assertEquals(new RecordingListener.Teardown("probe", 1, 0), listener.teardowns.get(0));
    }

    @Test
    void timeoutAlsoEndsAWaitInNextBatch() {
        StageChannel upstream = new StageChannel(1);  // never fed, never finished
        try (ConnectorInstance c = builder(Role.DESTINATION).input(upstream)
                .limits(InstanceLimits.DEFAULT.withCallTimeout(Duration.ofMillis(300))).build()) {
            c.open(ProbeDriver.script(op("next-batch")));
            GuestCallException e = assertThrows(GuestCallException.class, () -> c.runWrite("{}"));
            assertEquals(GuestCallException.Kind.TIMEOUT, e.kind());
        }
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void memoryCapStopsGuestAllocation() {
        // TeaVM sets up its minimum heap (16 MiB, plus its region tables) at start-up; 320 pages
        // (20 MiB) over the initial memory leave room for that and a 1 MiB array, not for 32 MiB
        // more (in 8 MiB blocks: TeaVM may fail to grow its heap for one array of half the heap,
        // whatever the cap). TeaVM does not check memory.grow, so the refused growth ends the
        // guest with an out-of-bounds trap: the host stays intact.
        int cap = ProbeDriver.module().initialMemoryPages() + 320;
        Map<String, Object> block = op("alloc", "bytes", 8 << 20);
        try (ConnectorInstance c = builder(Role.SOURCE).limits(InstanceLimits.DEFAULT.withMaxMemoryPages(cap)).build()) {
            c.open(ProbeDriver.script(op("alloc", "bytes", 1 << 20), block, block, block, block));
            GuestCallException e = assertThrows(GuestCallException.class, () -> c.runRead("{}"));
            assertEquals(GuestCallException.Kind.TRAP, e.kind());
            assertTrue(e.getMessage().contains("guest memory is capped at " + cap + " pages"), e.getMessage());
            List<ProbeDriver.Report> r = ProbeDriver.reports(listener, "probe");
            assertTrue(r.size() >= 1 && r.size() < 5, "the cap stopped an allocation: " + r.size() + " reports");
            assertTrue(r.stream().allMatch(ProbeDriver.Report::ok), "1 MiB fits; what did not fit trapped");
        }
        RecordingListener uncapped = new RecordingListener();
        try (ConnectorInstance c = ConnectorInstance.builder(ProbeDriver.module(), Role.SOURCE).name("probe")
                .listener(uncapped).build()) {
            c.open(ProbeDriver.script(op("alloc", "bytes", 1 << 20), block, block, block, block));
            c.runRead("{}");
            List<ProbeDriver.Report> r = ProbeDriver.reports(uncapped, "probe");
            assertEquals(5, r.size());
            assertTrue(r.stream().allMatch(ProbeDriver.Report::ok), "without the cap 33 MiB fit");
        }
    }

    @Test
    void aCapBelowTheGuestsStartUpNeedsIsReportedAtBuild() {
        int cap = ProbeDriver.module().initialMemoryPages() + 1;
        InvalidModuleException e = assertThrows(InvalidModuleException.class,
                () -> builder(Role.SOURCE).limits(InstanceLimits.DEFAULT.withMaxMemoryPages(cap)).build());
        assertTrue(e.getMessage().contains("memory capped at " + cap + " pages"), e.getMessage());
        assertEquals(1, listener.teardowns.size());
    }
}
