package io.rapidbyte.host.lifecycle;

import static io.rapidbyte.host.testing.SyntheticConnector.ERROR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.testing.RecordingListener;
import io.rapidbyte.host.testing.SyntheticConnector;
import io.rapidbyte.host.testing.WasmBuilder.Op;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.LogLevel;
import io.rapidbyte.host.types.ReadSummary;
import io.rapidbyte.host.types.ValidationResult;
import io.rapidbyte.host.types.ValidationStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConnectorInstanceTest {
    private final RecordingListener listener = new RecordingListener();

    private ConnectorInstance instance(SyntheticConnector guest, InstanceLimits limits) {
        return ConnectorInstance.builder(ConnectorModule.load(guest.build()), Role.SOURCE)
                .name("synthetic").limits(limits).listener(listener).build();
    }

    private ConnectorInstance instance(SyntheticConnector guest) {
        return instance(guest, InstanceLimits.DEFAULT);
    }

    @Test
    void exportsMirrorTheWit() {
        try (ConnectorInstance c = instance(new SyntheticConnector().start(SyntheticConnector.Start.RETURN))) {
            c.open("{\"host\":\"db\"}");
            assertEquals(SyntheticConnector.CATALOG, c.discover());
            assertEquals(new ValidationResult(ValidationStatus.WARNING, "config is deprecated"), c.validate());
            assertEquals(new ReadSummary(10, 20, 30, 40, 50), c.runRead("{\"stream\":\"s\"}"));
            assertTrue(c.isUsable());
            assertTrue(c.timeInGuest().toNanos() > 0);
        }
        assertEquals(1, listener.teardowns.size());
        assertEquals(new RecordingListener.Teardown("synthetic", 0, 0), listener.teardowns.get(0));
    }

    @Test
    void exportErrCarriesEveryField() {
        try (ConnectorInstance c = instance(new SyntheticConnector().body("open", Op.i32(SyntheticConnector.ERR_AREA)))) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> c.open("{}"));
            assertFalse(e instanceof GuestCallException);
            assertEquals(ERROR, e.error());
            assertTrue(c.isUsable(), "a returned err leaves the guest usable");
            assertEquals(SyntheticConnector.CATALOG, c.discover());
        }
    }

    @Test
    void trapNamesConnectorAndExportAndPoisonsTheInstance() {
        ConnectorInstance c = instance(new SyntheticConnector().body("run-read", new byte[] {Op.UNREACHABLE}));
        c.open("{}");
        GuestCallException e = assertThrows(GuestCallException.class, () -> c.runRead("{}"));
        assertEquals(GuestCallException.Kind.TRAP, e.kind());
        assertEquals("GUEST_TRAP", e.error().code());
        assertTrue(e.getMessage().contains("'synthetic'"), e.getMessage());
        assertTrue(e.getMessage().contains(SyntheticConnector.SRC + "run-read"), e.getMessage());
        assertFalse(c.isUsable());
        assertThrows(IllegalStateException.class, c::validate);
        c.close();
        assertEquals(1, listener.teardowns.size());
    }

    @Test
    void wallClockTimeoutInterruptsCompiledLoops() {
        InstanceLimits limits = InstanceLimits.DEFAULT.withCallTimeout(Duration.ofMillis(200));
        try (ConnectorInstance c = instance(new SyntheticConnector().body("run-read", Op.seq(Op.spin(), Op.i32(0))), limits)) {
            GuestCallException e = assertThrows(GuestCallException.class, () -> c.runRead("{}"));
            assertEquals(GuestCallException.Kind.TIMEOUT, e.kind());
            assertTrue(e.getMessage().contains("timed out in " + SyntheticConnector.SRC + "run-read"), e.getMessage());
            assertFalse(Thread.currentThread().isInterrupted(), "the watchdog's interrupt must not leak");
        }
    }

    @Test
    void interruptingTheThreadCancelsTheCall() throws Exception {
        ConnectorModule module = ConnectorModule.load(new SyntheticConnector()
                .body("run-read", Op.seq(Op.spin(), Op.i32(0))).build());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try (ConnectorInstance c = ConnectorInstance.builder(module, Role.SOURCE).listener(listener).build()) {
                c.runRead("{}");
            } catch (Throwable e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        t.start();
        while (listener.teardowns.isEmpty() && t.getState() != Thread.State.RUNNABLE) {
            Thread.onSpinWait();
        }
        t.interrupt();
        t.join(60_000);
        assertFalse(t.isAlive());
        GuestCallException e = (GuestCallException) thrown.get();
        assertEquals(GuestCallException.Kind.CANCELLED, e.kind());
        assertTrue(stillInterrupted.get(), "a cancellation interrupt is left for the canceller");
    }

    @Test
    void cancelFromAnotherThreadStopsTheGuestWithoutLeakingTheInterrupt() throws Exception {
        ConnectorInstance c = instance(new SyntheticConnector().body("run-read", Op.seq(Op.spin(), Op.i32(0))));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        Thread owner = new Thread(() -> {
            try {
                c.runRead("{}");
            } catch (Throwable e) {
                thrown.set(e);
            }
            interruptedAfter.set(Thread.currentThread().isInterrupted());
            c.close();
        });
        owner.start();
        c.cancel();  // before, during or after the start of the call: it ends CANCELLED either way
        owner.join(60_000);
        assertFalse(owner.isAlive());
        GuestCallException e = (GuestCallException) thrown.get();
        assertEquals(GuestCallException.Kind.CANCELLED, e.kind());
        assertFalse(interruptedAfter.get(), "the interrupt cancel() delivered is cleared");
        assertFalse(c.isUsable());
        assertEquals(1, listener.teardowns.size());
    }

    @Test
    void startRunsOnceAndProcExitZeroIsNormal() {
        try (ConnectorInstance c = instance(new SyntheticConnector().start(SyntheticConnector.Start.EXIT_0))) {
            assertTrue(c.isUsable());
        }
        GuestCallException e = assertThrows(GuestCallException.class,
                () -> instance(new SyntheticConnector().start(SyntheticConnector.Start.EXIT_3)));
        assertTrue(e.getMessage().contains("proc_exit(3)"), e.getMessage());
        assertEquals("_start", e.export());
        assertEquals(2, listener.teardowns.size(), "a failed build still tears down");
    }

    @Test
    void importsWorkFromTheModulesStartFunction() {
        try (ConnectorInstance c = instance(new SyntheticConnector().start(SyntheticConnector.Start.START_SECTION_LOG))) {
            assertEquals(List.of(new RecordingListener.Log("synthetic", LogLevel.INFO, "post")), listener.logs);
            assertTrue(c.isUsable());
        }
    }

    @Test
    void stdoutIsCapturedLineByLine() {
        try (ConnectorInstance c = instance(new SyntheticConnector().start(SyntheticConnector.Start.PRINT))) {
            assertEquals(2, listener.logs.size());
        }
        assertEquals(new RecordingListener.Log("synthetic", LogLevel.INFO, "hello"), listener.logs.get(0));
        assertEquals("wor", listener.logs.get(1).message());
        assertEquals("ld", listener.logs.get(2).message());
    }

    @Test
    void abiViolationsInReturnAreas() {
        try (ConnectorInstance c = instance(new SyntheticConnector()
                .body("validate", Op.i32(SyntheticConnector.BAD_TAG_AREA)))) {
            GuestCallException e = assertThrows(GuestCallException.class, c::validate);
            assertEquals(GuestCallException.Kind.ABI_VIOLATION, e.kind());
            assertTrue(e.getMessage().contains("INVALID_ARGUMENT"), e.getMessage());
        }
        try (ConnectorInstance c = instance(new SyntheticConnector().body("validate", Op.i32(0x7FFFFFF0)))) {
            GuestCallException e = assertThrows(GuestCallException.class, c::validate);
            assertTrue(e.getMessage().contains("FRAME_BOUNDS"), e.getMessage());
        }
    }

    @Test
    void memoryCapLimitsGrowth() {
        SyntheticConnector grower = new SyntheticConnector().body("open", SyntheticConnector.growOrErr(10));
        try (ConnectorInstance c = instance(grower, InstanceLimits.DEFAULT.withMaxMemoryPages(4))) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> c.open("{}"));
            assertEquals(ERROR, e.error());
        }
        ConnectorInstance grown = instance(grower, InstanceLimits.DEFAULT.withMaxMemoryPages(64));
        try (grown) {
            assertEquals(64 * 1024, grown.memoryBytes(), "one initial page");
            grown.open("{}");
            assertEquals(11 * 64 * 1024, grown.memoryBytes(), "the page it had and the ten it grew");
        }
        assertEquals(11 * 64 * 1024, grown.memoryBytes(), "the high-water mark stays readable after close");
        InvalidModuleException e = assertThrows(InvalidModuleException.class,
                () -> instance(new SyntheticConnector().memory(2, 10), InstanceLimits.DEFAULT.withMaxMemoryPages(1)));
        assertTrue(e.getMessage().contains("2 initial memory pages"), e.getMessage());
    }

    @Test
    void postReturnRunsAfterTheResultWasRead() {
        try (ConnectorInstance c = instance(new SyntheticConnector().postLogs("discover"))) {
            assertEquals(SyntheticConnector.CATALOG, c.discover());
            assertEquals(new RecordingListener.Log("synthetic", LogLevel.INFO, "post"), listener.logs.get(0));
            c.validate();
            assertEquals(1, listener.logs.size());
        }
    }

    @Test
    void teardownFreesAndCountsLeakedFrames() {
        ConnectorInstance c = instance(new SyntheticConnector().body("open", SyntheticConnector.leakFrames(3)));
        c.open("{}");
        assertEquals(3, c.liveFrames());
        c.close();
        assertEquals(3, c.leakedFrames());
        assertEquals(new RecordingListener.Teardown("synthetic", 3, 0), listener.teardowns.get(0));
        c.close();
        assertEquals(1, listener.teardowns.size(), "close is idempotent");
        assertThrows(IllegalStateException.class, c::validate);
    }

    @Test
    void failingAllocatorIsFrameIoFailedEndToEnd() {
        // frame-read needs 2048 bytes from cabi_realloc, which refuses; the error strings fit.
        try (ConnectorInstance c = instance(new SyntheticConnector().reallocLimit(1024)
                .body("run-read", SyntheticConnector.readBackFrame(2048)))) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> c.runRead("{}"));
            assertEquals(io.rapidbyte.host.types.ErrorCodes.FRAME_IO_FAILED, e.error().code());
            assertEquals(io.rapidbyte.host.types.ErrorCategory.FRAME, e.error().category());
            assertEquals(2048, c.copies().guestToHost());
            assertEquals(0, c.copies().hostToGuest());
        }
        try (ConnectorInstance c = instance(new SyntheticConnector().body("run-read", SyntheticConnector.readBackFrame(512)))) {
            // Without the limit frame-read succeeds; its ok result is then read as a summary.
            c.runRead("{}");
            assertEquals(512, c.copies().hostToGuest());
        }
    }

    @Test
    void roleMismatchedCallsAreRejected() {
        try (ConnectorInstance c = instance(new SyntheticConnector())) {
            assertThrows(IllegalStateException.class, () -> c.runWrite("{}"));
            assertThrows(IllegalStateException.class, () -> c.runTransform("{}"));
        }
    }
}
