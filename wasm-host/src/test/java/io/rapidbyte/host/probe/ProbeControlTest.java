package io.rapidbyte.host.probe;

import static io.rapidbyte.host.probe.ProbeRun.err;
import static io.rapidbyte.host.probe.ProbeRun.ok;
import static io.rapidbyte.host.testing.ProbeDriver.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.imports.DlqRecord;
import io.rapidbyte.host.imports.StateNamespaces;
import io.rapidbyte.host.state.InMemoryStateStore;
import io.rapidbyte.host.testing.ProbeDriver;
import io.rapidbyte.host.testing.RecordingListener;
import io.rapidbyte.host.types.CheckpointKind;
import io.rapidbyte.host.types.LogLevel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** log, checkpoint, metric, emit-dlq-record and state-* through the probe. */
class ProbeControlTest {
    private final ProbeRun probe = new ProbeRun();

    @Test
    void controlPlaneCallsReachTheListener() {
        List<ProbeDriver.Report> r = probe.run(
                op("log", "level", "warn", "msg", "hello from the guest"),
                op("checkpoint", "kind", "source", "payload", ProbeDriver.obj("lsn", "0/16B3748")),
                op("metric", "payload", ProbeDriver.obj("name", "rows", "value", 7)),
                op("dlq", "stream", "users", "record", ProbeDriver.obj("id", 7), "message", "bad date", "category", "data"));
        ok(r, 0);
        ok(r, 1);
        ok(r, 2);
        ok(r, 3);
        assertTrue(probe.listener.logs.contains(
                new RecordingListener.Log(ProbeRun.NAME, LogLevel.WARN, "hello from the guest")), () -> "" + probe.listener.logs);
        assertEquals(List.of(new RecordingListener.Checkpoint(ProbeRun.NAME, CheckpointKind.SOURCE, "default",
                "{\"lsn\":\"0/16B3748\"}")), probe.listener.checkpoints);
        assertTrue(probe.listener.metrics.stream().anyMatch(m -> m.payload().equals("{\"name\":\"rows\",\"value\":7}")),
                () -> "" + probe.listener.metrics);
        assertEquals(List.of(new RecordingListener.Dlq(ProbeRun.NAME,
                new DlqRecord("users", "{\"id\":7}", "bad date", "data"))), probe.listener.dlq);
        probe.instance.close();
    }

    @Test
    void dlqRowConsumesItsFrameAndCarriesTheReason() {
        List<ProbeDriver.Report> r = probe.run(b -> b.state(new InMemoryStateStore(), new StateNamespaces("p", "users", "c")),
                op("frame-new", "as", "row"),
                op("frame-write", "frame", "row", "text", "one row"),
                op("frame-seal", "frame", "row"),
                op("dlq-row", "frame", "row", "column", "qty", "code", "23514", "message", "check violated"),
                op("dlq-row", "frame", "row", "code", "AGAIN"),
                op("frame-new", "as", "open"),
                op("dlq-row", "frame", "open", "code", "UNSEALED"),
                op("frame-len", "frame", "open"));
        ok(r, 3);
        err(r, 4, io.rapidbyte.host.types.ErrorCodes.INVALID_FRAME_HANDLE);
        err(r, 6, io.rapidbyte.host.types.ErrorCodes.FRAME_NOT_SEALED);
        err(r, 7, io.rapidbyte.host.types.ErrorCodes.INVALID_FRAME_HANDLE); // consumed even though it failed
        assertEquals(1, probe.listener.dlqRows.size());
        io.rapidbyte.host.imports.DlqRow row = probe.listener.dlqRows.get(0);
        assertEquals("users", row.stream());
        assertEquals("one row", new String(row.row().toByteArray(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("qty", row.column());
        assertEquals("23514", row.code());
        assertEquals("check violated", row.message());
        assertEquals(0, probe.instance.liveFrames());
        probe.instance.close();
    }

    @Test
    void dlqRowWithoutAColumn() {
        List<ProbeDriver.Report> r = probe.run(op("frame-new", "as", "row"), op("frame-seal", "frame", "row"),
                op("dlq-row", "frame", "row", "code", "INVALID_VALUE", "message", "m"));
        ok(r, 2);
        assertNull(probe.listener.dlqRows.get(0).column());
        assertEquals(0, probe.listener.dlqRows.get(0).row().length());
        probe.instance.close();
    }

    @Test
    void stateGetPutCasPerScope() {
        InMemoryStateStore store = new InMemoryStateStore();
        StateNamespaces ids = new StateNamespaces("pipe", "users", "probe-1");
        List<ProbeDriver.Report> r = probe.run(b -> b.state(store, ids),
                op("state-put", "scope", "pipeline", "key", "k", "value", "p"),           // 0
                op("state-put", "scope", "stream", "key", "k", "value", "s"),             // 1
                op("state-put", "scope", "connector", "key", "k", "value", "c"),          // 2
                op("state-get", "scope", "pipeline", "key", "k"),                         // 3
                op("state-get", "scope", "stream", "key", "k"),                           // 4
                op("state-get", "scope", "connector", "key", "k"),                        // 5
                op("state-get", "scope", "connector", "key", "missing"),                  // 6
                op("state-cas", "scope", "stream", "key", "k", "expected", "x", "value", "t"),   // 7 mismatch
                op("state-cas", "scope", "stream", "key", "k", "expected", "s", "value", "t"),   // 8
                op("state-cas", "scope", "stream", "key", "new", "expected", null, "value", "n"), // 9 absent
                op("state-cas", "scope", "stream", "key", "new", "expected", null, "value", "m")); // 10 present
        for (int i = 0; i < 3; i++) {
            ok(r, i);
        }
        assertEquals("p", ok(r, 3).value());
        assertEquals("s", ok(r, 4).value());
        assertEquals("c", ok(r, 5).value());
        assertNull(ok(r, 6).value());
        assertEquals(false, ok(r, 7).value());
        assertEquals(true, ok(r, 8).value());
        assertEquals(true, ok(r, 9).value());
        assertEquals(false, ok(r, 10).value());
        assertEquals(Optional.of("p"), store.get(ids.namespace(io.rapidbyte.host.types.StateScope.PIPELINE), "k"));
        assertEquals(Map.of("k", "t", "new", "n"),
                store.snapshot(ids.namespace(io.rapidbyte.host.types.StateScope.STREAM)));
        assertEquals(Map.of("k", "c"), store.snapshot(ids.namespace(io.rapidbyte.host.types.StateScope.CONNECTOR)));
        probe.instance.close();
    }

    @Test
    void durableCheckpointComesFromTheListenerForTheRunsStream() {
        List<String> asked = new java.util.ArrayList<>();
        probe.listener.durable = stream -> {
            asked.add(stream);
            return asked.size() == 1 ? Optional.empty() : Optional.of("{\"lsn\":\"0/2\"}");
        };
        List<ProbeDriver.Report> r = probe.run(b -> b.state(new InMemoryStateStore(),
                        new StateNamespaces("pipe", "users", "probe-1")),
                op("durable-checkpoint"), op("durable-checkpoint"));
        assertNull(ok(r, 0).value());
        assertEquals("{\"lsn\":\"0/2\"}", ok(r, 1).value());
        assertEquals(List.of("users", "users"), asked);
        probe.instance.close();
    }

    @Test
    void failingStoreIsStateFailed() {
        io.rapidbyte.host.state.StateStore down = new io.rapidbyte.host.state.StateStore() {
            @Override
            public Optional<String> get(String namespace, String key) {
                throw new IllegalStateException("store unreachable");
            }

            @Override
            public void put(String namespace, String key, String value) {
                throw new IllegalStateException("store unreachable");
            }

            @Override
            public boolean compareAndSet(String namespace, String key, String expected, String value) {
                throw new IllegalStateException("store unreachable");
            }
        };
        List<ProbeDriver.Report> r = probe.run(b -> b.state(down, new StateNamespaces("p", "s", "c")),
                op("state-get", "key", "k"), op("state-put", "key", "k", "value", "v"),
                op("state-cas", "key", "k", "value", "v"));
        for (int i = 0; i < 3; i++) {
            ProbeDriver.Report failed = err(r, i, io.rapidbyte.host.types.ErrorCodes.STATE_FAILED);
            assertEquals("internal", failed.error().get("category"));
            assertTrue(((String) failed.error().get("message")).contains("store unreachable"));
        }
        probe.instance.close();
    }

    @Test
    void invalidArgumentForBadJson() {
        // payload_raw / record_raw are passed verbatim; text that is not JSON must be refused.
        List<ProbeDriver.Report> r = probe.run(op("metric", "payload_raw", "{not json"),
                op("checkpoint", "kind", "source", "payload_raw", "[1,]"),
                op("dlq", "stream", "users", "record_raw", "nope", "message", "m"));
        err(r, 0, io.rapidbyte.host.types.ErrorCodes.INVALID_ARGUMENT);
        err(r, 1, io.rapidbyte.host.types.ErrorCodes.INVALID_ARGUMENT);
        err(r, 2, io.rapidbyte.host.types.ErrorCodes.INVALID_ARGUMENT);
        assertTrue(probe.listener.checkpoints.isEmpty());
        assertTrue(probe.listener.dlq.isEmpty());
        probe.instance.close();
    }
}
