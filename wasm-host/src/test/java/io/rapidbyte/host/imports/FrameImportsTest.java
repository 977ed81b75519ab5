package io.rapidbyte.host.imports;

import static io.rapidbyte.host.imports.HostHarness.RET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import io.rapidbyte.host.abi.AbiTrap;
import io.rapidbyte.host.channels.StageChannel;
import io.rapidbyte.host.frames.FrameLimits;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.sockets.NetworkAcl;
import io.rapidbyte.host.sockets.SocketOptions;
import io.rapidbyte.host.state.InMemoryStateStore;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import org.junit.jupiter.api.Test;

class FrameImportsTest {
    @Test
    void frameLifecycleAndItsErrors() {
        HostHarness h = new HostHarness();
        h.call("frame-new", 64, RET);
        int frame = h.i32At(8);
        assertTrue(frame > 0);

        int len = h.put(0x1000, "hello ");
        h.call("frame-write", frame, 0x1000, len, RET);
        assertEquals(6, h.u64());
        len = h.put(0x1000, "world");
        h.call("frame-write", frame, 0x1000, len, RET);
        assertEquals(11, h.u64());
        h.call("frame-len", frame, RET);
        assertEquals(11, h.u64());

        h.call("frame-read", frame, 0, 5, RET);
        assertEquals(ErrorCodes.FRAME_NOT_SEALED, h.errCode());
        assertEquals(ErrorCategory.FRAME, h.err().category());

        h.call("frame-seal", frame, RET);
        assertTrue(h.ok());
        h.call("frame-seal", frame, RET);
        assertEquals(ErrorCodes.FRAME_ALREADY_SEALED, h.errCode());
        h.call("frame-write", frame, 0x1000, 1, RET);
        assertEquals(ErrorCodes.FRAME_ALREADY_SEALED, h.errCode());

        h.call("frame-read", frame, 6, 5, RET);
        assertTrue(h.ok());
        assertEquals("world", h.guest.string(h.i32At(8), h.i32At(12)));
        h.call("frame-read", frame, 6, 6, RET);
        assertEquals(ErrorCodes.FRAME_BOUNDS, h.errCode());
        h.call("frame-read", frame, -1L, 1, RET);
        assertEquals(ErrorCodes.FRAME_BOUNDS, h.errCode());

        h.call("frame-drop", frame);
        h.call("frame-len", frame, RET);
        assertEquals(ErrorCodes.INVALID_FRAME_HANDLE, h.errCode());
        h.call("frame-len", 0, RET);
        assertEquals(ErrorCodes.INVALID_FRAME_HANDLE, h.errCode());
        assertEquals(0, h.frames.liveFrames());
    }

    @Test
    void droppingAnUnknownFrameTraps() {
        HostHarness h = new HostHarness();
        int frame = h.sealedFrame("x");
        h.call("[resource-drop]frame", frame);
        AbiTrap trap = assertThrows(AbiTrap.class, () -> h.call("[resource-drop]frame", frame));
        assertTrue(trap.getMessage().contains(ErrorCodes.INVALID_FRAME_HANDLE), trap.getMessage());
        assertThrows(AbiTrap.class, () -> h.call("frame-drop", 0));
    }

    @Test
    void zeroLengthReadNeedsNoAllocation() {
        HostHarness h = new HostHarness();
        int frame = h.sealedFrame("abc");
        h.guest.calls.clear();
        h.call("frame-read", frame, 3, 0, RET);
        assertTrue(h.ok());
        assertEquals(1, h.i32At(8));
        assertEquals(0, h.i32At(12));
        assertTrue(h.guest.calls.isEmpty());
    }

    @Test
    void badGuestPointersAreFrameBoundsNotCrashes() {
        HostHarness h = new HostHarness();
        h.call("frame-new", 0, RET);
        int frame = h.i32At(8);
        h.call("frame-write", frame, 2 * 65536 - 3, 4, RET);
        assertEquals(ErrorCodes.FRAME_BOUNDS, h.errCode());
        h.call("frame-write", frame, -100, 10, RET);
        assertEquals(ErrorCodes.FRAME_BOUNDS, h.errCode());
        h.call("frame-len", frame, RET);
        assertEquals(0, h.u64());
    }

    @Test
    void invalidReturnAreaTraps() {
        HostHarness h = new HostHarness();
        assertThrows(AbiTrap.class, () -> h.call("frame-new", 0, RET + 1));
        assertThrows(AbiTrap.class, () -> h.call("frame-new", 0, 2 * 65536 - 8));
    }

    @Test
    void limitsAreFrameLimitExceeded() {
        HostHarness h = new HostHarness(new FrameLimits(1, 16, 16), NetworkAcl.denyAll(), SocketOptions.DEFAULT,
                new InMemoryStateStore(), null, null);
        h.call("frame-new", 0, RET);
        int frame = h.i32At(8);
        h.call("frame-new", 0, RET);
        assertEquals(ErrorCodes.FRAME_LIMIT_EXCEEDED, h.errCode());
        h.call("frame-write", frame, 0x1000, 17, RET);
        assertEquals(ErrorCodes.FRAME_LIMIT_EXCEEDED, h.errCode());
    }

    @Test
    void oneCopyPerBoundaryCrossing() {
        HostHarness h = new HostHarness();
        byte[] payload = new byte[1000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        h.guest.raw.write(0x2000, payload);
        h.call("frame-new", payload.length, RET);
        int frame = h.i32At(8);
        h.call("frame-write", frame, 0x2000, payload.length, RET);
        h.call("frame-seal", frame, RET);
        assertEquals(1000, h.copies.guestToHost());
        assertEquals(0, h.copies.hostToGuest());
        h.call("frame-read", frame, 0, 1000, RET);
        assertEquals(1000, h.copies.hostToGuest());
        assertEquals(0, h.copies.internal());
        assertEquals(FramePayload.wrap(payload), FramePayload.wrap(h.guest.raw.readBytes(h.i32At(8), 1000)));
    }

    @Test
    void emitWithoutDownstreamIsNoChannelAndConsumes() {
        HostHarness h = new HostHarness();
        int frame = h.sealedFrame("batch");
        h.call("emit-batch", frame, RET);
        assertEquals(ErrorCodes.NO_CHANNEL, h.errCode());
        assertEquals(ErrorCategory.INTERNAL, h.err().category());
        assertEquals(0, h.frames.liveFrames());
        h.call("next-batch", RET);
        assertEquals(ErrorCodes.NO_CHANNEL, h.errCode());
    }

    @Test
    void emitMovesTheBytesDownstreamAndNextBatchAdoptsThem() throws Exception {
        StageChannel channel = new StageChannel(4);
        HostHarness producer = harness(null, channel);
        HostHarness consumer = harness(channel, null);

        int frame = producer.sealedFrame("arrow-ipc");
        producer.call("emit-batch", frame, RET);
        assertTrue(producer.ok());
        int unsealed;
        producer.call("frame-new", 0, RET);
        unsealed = producer.i32At(8);
        producer.call("emit-batch", unsealed, RET);
        assertEquals(ErrorCodes.FRAME_NOT_SEALED, producer.errCode());
        assertEquals(0, producer.frames.liveFrames());
        channel.finish();

        consumer.call("next-batch", RET);
        assertEquals(0, consumer.u8At(0));
        assertEquals(1, consumer.u8At(8));
        int adopted = consumer.i32At(12);
        consumer.call("frame-read", adopted, 0, 9, RET);
        assertEquals("arrow-ipc", consumer.guest.string(consumer.i32At(8), consumer.i32At(12)));
        consumer.call("next-batch", RET);
        assertEquals(0, consumer.u8At(0));
        assertEquals(0, consumer.u8At(8));
        // Moving through the channel copied nothing: one copy in, one copy out.
        assertEquals(9, producer.copies.guestToHost());
        assertEquals(9, consumer.copies.hostToGuest());
        assertEquals(0, producer.copies.internal() + consumer.copies.internal());
    }

    @Test
    void closedAndFailedChannelsReachTheGuest() {
        StageChannel down = new StageChannel(1);
        HostHarness producer = harness(null, down);
        down.abandon();
        producer.call("emit-batch", producer.sealedFrame("x"), RET);
        assertEquals(ErrorCodes.CHANNEL_CLOSED, producer.errCode());

        StageChannel up = new StageChannel(1);
        HostHarness consumer = harness(up, null);
        ConnectorError upstream = ConnectorError.of(ErrorCategory.DATA, "BAD_ROW", "row 7 is broken");
        up.fail(new ConnectorException(upstream));
        consumer.call("next-batch", RET);
        assertEquals(upstream, consumer.err());
    }

    @Test
    void interruptedNextBatchUnwindsTheGuest() {
        StageChannel up = new StageChannel(1);
        HostHarness consumer = harness(up, null);
        Thread.currentThread().interrupt();
        try {
            assertThrows(ChicoryInterruptedException.class, () -> consumer.call("next-batch", RET));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    private static HostHarness harness(StageChannel input, StageChannel output) {
        return new HostHarness(FrameLimits.DEFAULT, NetworkAcl.denyAll(), SocketOptions.DEFAULT,
                new InMemoryStateStore(), input, output);
    }
}
