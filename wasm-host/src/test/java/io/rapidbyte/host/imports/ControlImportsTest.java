package io.rapidbyte.host.imports;

import static io.rapidbyte.host.imports.HostHarness.RET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.abi.AbiTrap;
import io.rapidbyte.host.frames.FrameLimits;
import io.rapidbyte.host.sockets.NetworkAcl;
import io.rapidbyte.host.sockets.SocketOptions;
import io.rapidbyte.host.state.InMemoryStateStore;
import io.rapidbyte.host.state.StateStore;
import io.rapidbyte.host.testing.RecordingListener;
import io.rapidbyte.host.types.CheckpointKind;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import io.rapidbyte.host.types.LogLevel;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ControlImportsTest {
    private final HostHarness h = new HostHarness();

    @Test
    void logReachesTheListenerWithItsLevel() {
        int len = h.put(0x1000, "connected to db");
        h.call("log", 1, 0x1000, len);
        assertEquals(new RecordingListener.Log("probe", LogLevel.WARN, "connected to db"), h.listener.logs.get(0));
        assertThrows(AbiTrap.class, () -> h.call("log", 5, 0x1000, len));
        assertThrows(AbiTrap.class, () -> h.call("log", 2, -8, len));
    }

    @Test
    void checkpointAndMetricDeliverJson() {
        int len = h.put(0x1000, "{\"lsn\":\"0/1\"}");
        h.call("checkpoint", 0, 0x1000, len, RET);
        assertTrue(h.ok());
        assertEquals(new RecordingListener.Checkpoint("probe", CheckpointKind.SOURCE, "users", "{\"lsn\":\"0/1\"}"),
                h.listener.checkpoints.get(0));
        h.call("checkpoint", 3, 0x1000, len, RET);
        assertEquals(ErrorCodes.INVALID_ARGUMENT, h.errCode());

        len = h.put(0x1000, "{\"name\":\"rows\",\"value\":3}");
        h.call("metric", 0x1000, len, RET);
        assertTrue(h.ok());
        assertEquals("{\"name\":\"rows\",\"value\":3}", h.listener.metrics.get(0).payload());
        len = h.put(0x1000, "{not json");
        h.call("metric", 0x1000, len, RET);
        assertEquals(ErrorCodes.INVALID_ARGUMENT, h.errCode());
        assertEquals(1, h.listener.metrics.size());
    }

    @Test
    void dlqRecordCarriesAllFourStrings() {
        int s = h.put(0x1000, "users");
        int r = h.put(0x1100, "{\"id\":7}");
        int m = h.put(0x1200, "bad date");
        int c = h.put(0x1300, "data");
        h.call("emit-dlq-record", 0x1000, s, 0x1100, r, 0x1200, m, 0x1300, c, RET);
        assertTrue(h.ok());
        assertEquals(new DlqRecord("users", "{\"id\":7}", "bad date", "data"), h.listener.dlq.get(0).record());
    }

    @Test
    void dlqRowTakesTheFrameAndTheRowError() {
        int frame = h.sealedFrame("row bytes");
        int col = h.put(0x1000, "qty");
        int code = h.put(0x1100, "23514");
        int msg = h.put(0x1200, "check");
        h.call("emit-dlq-row", frame, 1, 0x1000, col, 0x1100, code, 0x1200, msg, RET);
        assertTrue(h.ok());
        DlqRow row = h.listener.dlqRows.get(0);
        assertEquals("users", row.stream());
        assertEquals("qty", row.column());
        assertEquals("23514", row.code());
        assertEquals("check", row.message());
        assertEquals("row bytes", new String(row.row().toByteArray(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(0, h.frames.liveFrames());

        int second = h.sealedFrame("x");
        h.call("emit-dlq-row", second, 2, 0x1000, col, 0x1100, code, 0x1200, msg, RET);
        assertEquals(ErrorCodes.INVALID_ARGUMENT, h.errCode(), "an option tag other than 0/1");
        assertEquals(0, h.frames.liveFrames(), "own<frame> is consumed even on error");
        assertEquals(1, h.listener.dlqRows.size());
    }

    @Test
    void listenerErrorsReachTheGuest() {
        ConnectorError rejected = ConnectorError.of(ErrorCategory.DATA, "CHECKPOINT_REJECTED", "stale");
        HostHarness custom = withListener(new HostListener() {
            @Override
            public void onCheckpoint(String c, CheckpointKind k, String s, String p) {
                throw new ConnectorException(rejected);
            }

            @Override
            public void onMetric(String c, String p) {
                throw new IllegalStateException("metrics backend down");
            }
        });
        int len = custom.put(0x1000, "{}");
        custom.call("checkpoint", 1, 0x1000, len, RET);
        assertEquals(rejected, custom.err());
        custom.call("metric", 0x1000, len, RET);
        assertEquals(HostCalls.HOST_INTERNAL_ERROR, custom.errCode());
        assertEquals(ErrorCategory.INTERNAL, custom.err().category());
        assertTrue(custom.err().message().contains("metrics backend down"));
    }

    @Test
    void durableCheckpointAsksTheListenerForTheInstancesStream() {
        h.call("durable-checkpoint", RET);
        assertTrue(h.ok());
        assertEquals(0, h.u8At(8), "the default listener knows nothing durable");
        java.util.List<String> asked = new java.util.ArrayList<>();
        HostHarness custom = withListener(new HostListener() {
            @Override
            public Optional<String> durableCheckpoint(String connector, String stream) {
                asked.add(connector + "/" + stream);
                if (asked.size() == 2) {
                    throw new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, "TASK_STOPPING", "bye"));
                }
                return Optional.of("{\"lsn\":\"0/16B3748\"}");
            }
        });
        custom.call("durable-checkpoint", RET);
        assertTrue(custom.ok());
        assertEquals(1, custom.u8At(8));
        assertEquals("{\"lsn\":\"0/16B3748\"}", custom.guest.string(custom.i32At(12), custom.i32At(16)));
        assertEquals(java.util.List.of("probe/users"), asked);
        custom.call("durable-checkpoint", RET);
        assertEquals("TASK_STOPPING", custom.errCode());
    }

    @Test
    void stateScopesAreSeparateNamespaces() {
        int k = h.put(0x1000, "cursor");
        int v = h.put(0x1100, "42");
        h.call("state-put", 1, 0x1000, k, 0x1100, v, RET);
        assertTrue(h.ok());
        h.call("state-get", 1, 0x1000, k, RET);
        assertEquals(1, h.u8At(8));
        assertEquals("42", h.guest.string(h.i32At(12), h.i32At(16)));
        for (int other : new int[] {0, 2}) {
            h.call("state-get", other, 0x1000, k, RET);
            assertTrue(h.ok());
            assertEquals(0, h.u8At(8));
        }
        assertEquals(Optional.of("42"), h.state.get("pipeline/p1/stream/users", "cursor"));
        h.call("state-get", 3, 0x1000, k, RET);
        assertEquals(ErrorCodes.INVALID_ARGUMENT, h.errCode());
    }

    @Test
    void compareAndSetHonoursExpectedValue() {
        int k = h.put(0x1000, "lease");
        int a = h.put(0x1100, "a");
        int b = h.put(0x1200, "b");
        h.call("state-cas", 2, 0x1000, k, 0, 0, 0, 0x1100, a, RET);  // absent -> a
        assertTrue(h.ok());
        assertEquals(1, h.u8At(8));
        h.call("state-cas", 2, 0x1000, k, 0, 0, 0, 0x1200, b, RET);  // absent expected, but present
        assertEquals(0, h.u8At(8));
        h.call("state-cas", 2, 0x1000, k, 1, 0x1200, b, 0x1200, b, RET);  // expected b, is a
        assertEquals(0, h.u8At(8));
        h.call("state-cas", 2, 0x1000, k, 1, 0x1100, a, 0x1200, b, RET);  // expected a -> b
        assertEquals(1, h.u8At(8));
        assertEquals(Optional.of("b"), h.state.get("pipeline/p1/connector/probe", "lease"));
        h.call("state-cas", 2, 0x1000, k, 2, 0x1100, a, 0x1200, b, RET);
        assertEquals(ErrorCodes.INVALID_ARGUMENT, h.errCode());
    }

    @Test
    void storeFailuresAreStateFailed() {
        StateStore broken = new StateStore() {
            @Override
            public Optional<String> get(String ns, String key) {
                throw new IllegalStateException("disk gone");
            }

            @Override
            public void put(String ns, String key, String value) {
                throw new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, ErrorCodes.STATE_FAILED, "ro"));
            }

            @Override
            public boolean compareAndSet(String ns, String key, String expected, String value) {
                return false;
            }
        };
        HostHarness s = new HostHarness(FrameLimits.DEFAULT, NetworkAcl.denyAll(), SocketOptions.DEFAULT, broken,
                null, null);
        int k = s.put(0x1000, "x");
        s.call("state-get", 0, 0x1000, k, RET);
        assertEquals(ErrorCodes.STATE_FAILED, s.errCode());
        s.call("state-put", 0, 0x1000, k, 0x1000, k, RET);
        assertEquals("ro", s.err().message());
    }

    @Test
    void parametersAreReadBeforeTheAllocatorRuns() {
        int k = h.put(0x1000, "key");
        h.state.put("pipeline/p1", "key", "value");
        // An allocator that reuses the parameter memory, as a guest may on any call.
        h.guest.onAllocate = () -> h.guest.raw.fill((byte) 0, 0x1000, 0x1100);
        h.call("state-get", 0, 0x1000, k, RET);
        assertEquals(1, h.u8At(8));
        assertEquals("value", h.guest.string(h.i32At(12), h.i32At(16)));

        int bad = h.put(0x1000, "{oops");
        h.put(0x1080, "s");
        h.call("emit-dlq-record", 0x1080, 1, 0x1000, bad, 0x1080, 1, 0x1080, 1, RET);
        assertEquals(ErrorCodes.INVALID_ARGUMENT, h.errCode());
    }

    @Test
    void invalidUtf8IsInvalidArgument() {
        h.guest.raw.write(0x1000, new byte[] {(byte) 0xFF});
        h.call("state-get", 0, 0x1000, 1, RET);
        assertEquals(ErrorCodes.INVALID_ARGUMENT, h.errCode());
    }

    private static HostHarness withListener(HostListener listener) {
        return new HostHarness(FrameLimits.DEFAULT, NetworkAcl.denyAll(), SocketOptions.DEFAULT,
                new InMemoryStateStore(), null, null, listener);
    }
}
