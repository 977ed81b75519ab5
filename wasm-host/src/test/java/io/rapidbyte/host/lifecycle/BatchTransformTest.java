package io.rapidbyte.host.lifecycle;

import static io.rapidbyte.host.testing.ProbeDriver.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.channels.BatchOutput;
import io.rapidbyte.host.frames.CopyCounter;
import io.rapidbyte.host.frames.FrameLimits;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.testing.ProbeDriver;
import io.rapidbyte.host.testing.RecordingListener;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link BatchTransform} through the real compiled probe guest playing the transform role. */
class BatchTransformTest {
    private static final String CTX = "{\"stream\":\"probe\",\"limits\":{},\"resume\":null}";

    private final RecordingListener listener = new RecordingListener();
    private final CopyCounter copies = new CopyCounter();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @SafeVarargs
    private BatchTransform transform(String name, FrameLimits limits, Map<String, Object>... steps) {
        BatchTransform t = BatchTransform.build(ConnectorInstance.builder(ProbeDriver.module(), Role.TRANSFORM)
                .name(name).listener(listener).copyCounter(copies)
                .limits(InstanceLimits.DEFAULT.withFrames(limits)));
        open.add(t);
        t.open(ProbeDriver.script(steps));
        return t;
    }

    @SafeVarargs
    private BatchTransform transform(Map<String, Object>... steps) {
        return transform("t", FrameLimits.DEFAULT, steps);
    }

    private static FramePayload bytes(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return FramePayload.wrap(b);
    }

    @Test
    void passesEachBatchThroughWithOneCopyEachWayAndKeepsTheInstanceAcrossCalls() {
        BatchTransform t = transform(op("forward"));
        FramePayload first = bytes(5000, 1);
        FramePayload second = bytes(7000, 2);
        TransformOutcome a = t.runTransform(CTX, first);
        TransformOutcome b = t.runTransform(CTX, second);
        assertEquals(List.of(first), a.outputs());
        assertEquals(List.of(second), b.outputs());
        assertEquals(5000 + 7000, copies.hostToGuest());
        assertEquals(5000 + 7000, copies.guestToHost());
        assertEquals(0, t.instance().liveFrames(), "the guest freed its input frames");
        assertTrue(t.isUsable());
        // The input's bytes are the caller's still: never written to, so they can be offered again.
        assertEquals(bytes(5000, 1), first);
        assertEquals(List.of(first), t.runTransform(CTX, first).outputs());
    }

    @Test
    void aDroppedBatchYieldsNoOutput() {
        BatchTransform t = transform(op("drain"));
        assertEquals(List.of(), t.runTransform(CTX, bytes(100, 3)).outputs());
        assertEquals(List.of(), t.runTransform(CTX, bytes(100, 4)).outputs());
        assertEquals(0, t.instance().liveFrames());
    }

    @Test
    void oneBatchMayBecomeSeveralInOrder() {
        BatchTransform t = transform(op("drain"), op("generate", "batches", 3, "size", 64));
        TransformOutcome out = t.runTransform(CTX, bytes(10, 5));
        assertEquals(3, out.outputs().size());
        out.outputs().forEach(p -> assertEquals(64, p.length()));
        assertEquals(2, out.summary().recordsIn(), "the probe's summary counts its script's ops");
    }

    @Test
    void returningWithoutReadingTheInputIsAnError() {
        BatchTransform t = transform(op("log", "msg", "not reading"));
        ConnectorException e = assertThrows(ConnectorException.class, () -> t.runTransform(CTX, bytes(10, 6)));
        assertEquals(BatchTransform.INPUT_NOT_READ, e.error().code());
        assertTrue(e.getMessage().contains("'t'"), e.getMessage());
    }

    @Test
    void aGuestErrorLeavesItUsableATrapDoesNot() {
        BatchTransform failing = transform("failing", FrameLimits.DEFAULT, op("drain"),
                op("fail", "category", "data", "code", "BAD_ROW", "message", "no", "retryable", true));
        ConnectorException err = assertThrows(ConnectorException.class, () -> failing.runTransform(CTX, bytes(8, 7)));
        assertEquals("BAD_ROW", err.error().code());
        assertTrue(err.error().retryable());
        assertTrue(failing.isUsable());

        BatchTransform trapping = transform("trapping", FrameLimits.DEFAULT, op("trap"));
        GuestCallException trap = assertThrows(GuestCallException.class, () -> trapping.runTransform(CTX, bytes(8, 8)));
        assertEquals(GuestCallException.Kind.TRAP, trap.kind());
        assertTrue(trap.getMessage().contains("'trapping'"), trap.getMessage());
        assertFalse(trapping.isUsable());
    }

    @Test
    void theOutputsOfOneCallAreCappedByTheFrameBudget() {
        BatchTransform t = transform("capped", new FrameLimits(64, 4096, 4096),
                op("drain"), op("generate", "batches", 3, "size", 2000));
        TransformOutcome out = t.runTransform(CTX, bytes(10, 9));
        assertEquals(2, out.outputs().size(), "the third emit-batch was refused");
        ProbeDriver.Report generate = ProbeDriver.reports(listener, "capped").get(1);
        assertEquals(ErrorCodes.FRAME_LIMIT_EXCEEDED, generate.code(), () -> "" + generate);
    }

    @Test
    void runsNestedInsideAnotherGuestsEmitBatchOnTheSameThread() {
        BatchTransform t = transform(op("forward"));
        List<FramePayload> landed = new ArrayList<>();
        BatchOutput chained = new BatchOutput() {
            @Override
            public void emit(FramePayload batch) {
                landed.addAll(t.runTransform(CTX, batch).outputs());
            }

            @Override
            public void finish() {
            }

            @Override
            public void fail(Throwable cause) {
            }
        };
        try (ConnectorInstance source = ConnectorInstance.builder(ProbeDriver.module(), Role.SOURCE).name("src")
                .listener(listener).output(chained).build()) {
            source.open(ProbeDriver.script(op("generate", "batches", 4, "size", 3000)));
            source.runRead(CTX);
        }
        assertEquals(4, landed.size());
        landed.forEach(p -> assertEquals(3000, p.length()));
        assertEquals(ProbeDriver.patternSum(3000), sum(landed.get(3)));
    }

    private static long sum(FramePayload p) {
        long s = 0;
        for (int i = 0; i < p.length(); i++) {
            s += p.byteAt(i) & 0xff;
        }
        return s;
    }
}
