package io.rapidbyte.host.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.testing.RecordingListener;
import io.rapidbyte.host.testing.SyntheticConnector;
import io.rapidbyte.host.testing.WasmBuilder.Op;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Reactor modules (C, Rust cdylib, TinyGo) do their set-up in an exported {@code _initialize}: the
 * host must call it exactly once, before any other export, under the call watchdog.
 */
class ReactorGuestTest {
    private final RecordingListener listener = new RecordingListener();

    private ConnectorInstance instance(SyntheticConnector guest, InstanceLimits limits) {
        return ConnectorInstance.builder(ConnectorModule.load(guest.build()), Role.SOURCE)
                .name("reactor").limits(limits).listener(listener).build();
    }

    @Test
    void initializeRunsOnceBeforeTheFirstExport() {
        // open, validate and run-read succeed only when the counter _initialize increments is exactly 1.
        SyntheticConnector guest = new SyntheticConnector()
                .reactor(SyntheticConnector.countInitialize())
                .body("open", SyntheticConnector.okIfInitializedOnce())
                .body("close", SyntheticConnector.okIfInitializedOnce());
        try (ConnectorInstance c = instance(guest, InstanceLimits.DEFAULT)) {
            c.open("{}");
            c.open("{}");
        }
    }

    @Test
    void withoutInitializeTheSameGuestFails() {
        // The control: the check in open is real, it fails when nothing ran _initialize.
        SyntheticConnector guest = new SyntheticConnector().body("open", SyntheticConnector.okIfInitializedOnce());
        try (ConnectorInstance c = instance(guest, InstanceLimits.DEFAULT)) {
            assertEquals(SyntheticConnector.ERROR, assertThrows(io.rapidbyte.host.types.ConnectorException.class,
                    () -> c.open("{}")).error());
        }
    }

    @Test
    void aHangingInitializeIsTimedOut() {
        SyntheticConnector guest = new SyntheticConnector().reactor(Op.spin());
        InstanceLimits limits = InstanceLimits.DEFAULT.withCallTimeout(Duration.ofMillis(200));
        GuestCallException e = assertThrows(GuestCallException.class, () -> instance(guest, limits));
        assertEquals(GuestCallException.Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("_initialize"), e.getMessage());
    }
}
