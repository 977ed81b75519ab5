package io.rapidbyte.host.probe;

import static io.rapidbyte.host.probe.ProbeRun.err;
import static io.rapidbyte.host.probe.ProbeRun.ok;
import static io.rapidbyte.host.testing.ProbeDriver.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.channels.StageChannel;
import io.rapidbyte.host.frames.FrameLimits;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.GuestCallException;
import io.rapidbyte.host.lifecycle.InstanceLimits;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.testing.ProbeDriver;
import io.rapidbyte.host.testing.RecordingListener;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCodes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frame transitions and frame error codes, through real guest calls of the probe. */
class ProbeFramesTest {
    private final ProbeRun probe = new ProbeRun();

    @Test
    void everyFrameTransitionAndErrorCode() {
        List<ProbeDriver.Report> r = probe.run(
                op("frame-new", "capacity", 16, "as", "f"),                      // 0
                op("frame-write", "frame", "f", "text", "hello "),               // 1
                op("frame-write", "frame", "f", "text", "world"),                // 2
                op("frame-len", "frame", "f"),                                   // 3
                op("frame-read", "frame", "f", "offset", 0, "len", 5),           // 4 not sealed
                op("frame-seal", "frame", "f"),                                  // 5
                op("frame-seal", "frame", "f"),                                  // 6 already sealed
                op("frame-write", "frame", "f", "text", "!"),                    // 7 already sealed
                op("frame-read", "frame", "f", "offset", 6, "len", 5),           // 8
                op("frame-read", "frame", "f", "offset", 6, "len", 6),           // 9 bounds
                op("frame-new", "capacity", 0, "as", "g"),                       // 10
                op("frame-write-raw", "frame", "g", "ptr", 0x7FFFFFF0, "len", 64), // 11 bounds (guest ptr)
                op("frame-drop", "frame", "f"),                                  // 12
                op("frame-len", "frame", "f"),                                   // 13 stale handle
                op("frame-len", "frame", 0),                                     // 14 handle 0
                op("emit-batch", "frame", "g"),                                  // 15 not sealed, consumed
                op("frame-len", "frame", "g"),                                   // 16 consumed
                op("frame-new", "capacity", 0, "as", "h"),                       // 17
                op("frame-seal", "frame", "h"),                                  // 18
                op("emit-batch", "frame", "h"),                                  // 19 no downstream
                op("next-batch", "as", "n"),                                     // 20 no upstream
                op("frame-new", "capacity", 0, "as", "r"),                       // 21
                op("resource-drop", "frame", "r"),                               // 22
                op("frame-len", "frame", "r"));                                  // 23
        assertEquals(24, r.size());
        assertTrue(ok(r, 0).number() > 0, "a handle is never 0");
        assertEquals(6, ok(r, 1).number());
        assertEquals(11, ok(r, 2).number());
        assertEquals(11, ok(r, 3).number());
        err(r, 4, ErrorCodes.FRAME_NOT_SEALED);
        ok(r, 5);
        err(r, 6, ErrorCodes.FRAME_ALREADY_SEALED);
        err(r, 7, ErrorCodes.FRAME_ALREADY_SEALED);
        ProbeDriver.Report read = ok(r, 8);
        assertEquals(5, read.field("len"));
        assertEquals("world", read.map().get("text"));
        assertEquals(sum("world"), read.field("sum"));
        err(r, 9, ErrorCodes.FRAME_BOUNDS);
        ok(r, 10);
        err(r, 11, ErrorCodes.FRAME_BOUNDS);
        ok(r, 12);
        err(r, 13, ErrorCodes.INVALID_FRAME_HANDLE);
        err(r, 14, ErrorCodes.INVALID_FRAME_HANDLE);
        err(r, 15, ErrorCodes.FRAME_NOT_SEALED);
        err(r, 16, ErrorCodes.INVALID_FRAME_HANDLE);
        ok(r, 17);
        ok(r, 18);
        err(r, 19, ErrorCodes.NO_CHANNEL);
        err(r, 20, ErrorCodes.NO_CHANNEL);
        ok(r, 21);
        ok(r, 22);
        err(r, 23, ErrorCodes.INVALID_FRAME_HANDLE);
        assertEquals("frame", r.get(4).error().get("category"));
        assertEquals(false, r.get(4).error().get("retryable"));
        probe.instance.close();
        assertEquals(new RecordingListener.Teardown(ProbeRun.NAME, 0, 0), probe.listener.teardowns.get(0));
    }

    @Test
    void frameLimitsAreEnforcedPerInstance() {
        InstanceLimits limits = InstanceLimits.DEFAULT.withFrames(new FrameLimits(2, 1024, 1536));
        List<ProbeDriver.Report> r = probe.run(limits,
                op("frame-new", "capacity", 4096, "as", "x"),        // 0 over the per-frame limit
                op("frame-new", "capacity", 0, "as", "a"),           // 1
                op("frame-new", "capacity", 0, "as", "b"),           // 2
                op("frame-new", "capacity", 0, "as", "c"),           // 3 too many live frames
                op("frame-write", "frame", "a", "size", 1025),       // 4 over the per-frame limit
                op("frame-write", "frame", "a", "size", 1000),       // 5
                op("frame-write", "frame", "b", "size", 600),        // 6 over the total
                op("frame-write", "frame", "b", "size", 536),        // 7 exactly the total
                op("frame-len", "frame", "a"));                       // 8 unchanged by the failures
        err(r, 0, ErrorCodes.FRAME_LIMIT_EXCEEDED);
        ok(r, 1);
        ok(r, 2);
        err(r, 3, ErrorCodes.FRAME_LIMIT_EXCEEDED);
        err(r, 4, ErrorCodes.FRAME_LIMIT_EXCEEDED);
        ok(r, 5);
        err(r, 6, ErrorCodes.FRAME_LIMIT_EXCEEDED);
        ok(r, 7);
        assertEquals(1000, ok(r, 8).number());
        probe.instance.close();
    }

    @Test
    void anIncomingBatchRefusedForTheLimitsIsNeverConfirmed() throws Exception {
        StageChannel input = new StageChannel(4);
        for (int i = 0; i < 3; i++) {
            input.emit(FramePayload.wrap(new byte[100 + i]));
        }
        input.finish();
        RecordingListener listener = new RecordingListener();
        try (ConnectorInstance dst = ConnectorInstance.builder(ProbeDriver.module(), Role.DESTINATION).name("probe-dst")
                .listener(listener).limits(InstanceLimits.DEFAULT.withFrames(new FrameLimits(2, 1024, 4096)))
                .input(input).build()) {
            dst.open(ProbeDriver.script(
                    op("next-batch", "as", "a"),                                  // 0 batch 1
                    op("frame-new", "capacity", 0, "as", "x"),                    // 1 second live frame
                    op("next-batch", "as", "b"),                                  // 2 batch 2 refused, gone
                    op("frame-drop", "frame", "x"),                               // 3
                    op("next-batch", "as", "c"),                                  // 4 batch 3
                    op("checkpoint", "kind", "dest", "payload", ProbeDriver.obj("n", 2)), // 5 would confirm batch 2
                    op("next-batch", "as", "d")));                                // 6 end of input
            ConnectorException e = assertThrows(ConnectorException.class,
                    () -> dst.runWrite("{\"stream\":\"probe\",\"limits\":{},\"resume\":null}"));
            assertEquals(ErrorCodes.FRAME_LIMIT_EXCEEDED, e.error().code(), e.getMessage());
            assertTrue(e.getMessage().contains("ended run-write ok after an incoming frame was lost"), e.getMessage());
            List<ProbeDriver.Report> r = ProbeDriver.reports(listener, "probe-dst");
            assertEquals(100, ok(r, 0).field("len"));
            err(r, 2, ErrorCodes.FRAME_LIMIT_EXCEEDED);
            assertEquals(102, ok(r, 4).field("len"));
            assertTrue(err(r, 5, ErrorCodes.FRAME_LIMIT_EXCEEDED).error().get("message").toString()
                    .startsWith("checkpoint refused"), r.get(5).error().toString());
            assertEquals(null, ok(r, 6).value());
            assertEquals(List.of(), listener.checkpoints, "nothing was confirmed");
        }
    }

    @Test
    void teardownFreesAndCountsLeakedFrames() {
        probe.run(op("frame-new", "capacity", 0, "as", "a"),
                op("frame-new", "capacity", 0, "as", "b"),
                op("frame-write", "frame", "b", "text", "x"),
                op("frame-seal", "frame", "b"),
                op("frame-new", "capacity", 0, "as", "c"),
                op("frame-drop", "frame", "c"));
        assertEquals(2, probe.instance.liveFrames());
        probe.instance.close();
        assertEquals(2, probe.instance.leakedFrames());
        assertEquals(new RecordingListener.Teardown(ProbeRun.NAME, 2, 0), probe.listener.teardowns.get(0));
    }

    @Test
    void copyCounterSeesOneCopyPerBoundaryCrossing() {
        int size = 100_000;
        List<ProbeDriver.Report> r = probe.run(op("frame-new", "capacity", size, "as", "f"),
                op("frame-write", "frame", "f", "size", size),
                op("frame-seal", "frame", "f"),
                op("frame-read", "frame", "f", "offset", 0, "len", size),
                op("frame-drop", "frame", "f"));
        assertEquals(size, ok(r, 3).field("len"));
        assertEquals(size, probe.instance.copies().guestToHost());
        assertEquals(size, probe.instance.copies().hostToGuest());
        assertEquals(0, probe.instance.copies().internal());
        probe.instance.close();
    }

    @Test
    void trapMidRunFreesFramesAndNamesTheConnector() {
        GuestCallException e = assertThrows(GuestCallException.class, () -> probe.run(
                op("frame-new", "capacity", 0, "as", "a"),
                op("frame-new", "capacity", 0, "as", "b"),
                op("trap")));
        assertEquals(GuestCallException.Kind.TRAP, e.kind());
        assertTrue(e.getMessage().contains("'" + ProbeRun.NAME + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("source-connector@3.0.0#run-read"), e.getMessage());
        assertFalse(probe.instance.isUsable());
        probe.instance.close();
        assertEquals(new RecordingListener.Teardown(ProbeRun.NAME, 2, 0), probe.listener.teardowns.get(0));
        assertEquals(0, probe.instance.liveFrames());
    }

    private static long sum(String text) {
        long s = 0;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            s += b & 0xFF;
        }
        return s;
    }

}
