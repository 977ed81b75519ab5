package io.rapidbyte.host.frames;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCodes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Which frame arrays a {@link FrameTable} reuses through its {@link BufferPool}, and which never. */
class FrameReuseTest {
    private static final int SIZE = 8192;

    private final CopyCounter copies = new CopyCounter();
    private final FrameTable table = new FrameTable(FrameLimits.DEFAULT, copies);

    /** Bytes as they would sit in guest memory: copied only when the table asks. */
    private static final class GuestBytes implements ChunkSource {
        final byte[] bytes;
        int copiedInto;
        int newArrays;

        GuestBytes(int size, int seed) {
            bytes = new byte[size];
            for (int i = 0; i < size; i++) {
                bytes[i] = (byte) (seed * 31 + i);
            }
        }

        @Override
        public int length() {
            return bytes.length;
        }

        @Override
        public void copyInto(byte[] target, int offset) {
            System.arraycopy(bytes, 0, target, offset, bytes.length);
            copiedInto++;
        }

        @Override
        public byte[] toNewArray() {
            newArrays++;
            return bytes.clone();
        }
    }

    private int written(GuestBytes chunk) {
        int h = table.frameNew(chunk.length());
        table.frameWrite(h, chunk);
        table.frameSeal(h);
        return h;
    }

    /** What socket-write-frame does with a frame: the bytes are used during the call only. */
    private byte[] sent(int handle) {
        byte[][] seen = new byte[1][];
        long n = table.consumeTransiently(handle, p -> {
            seen[0] = p.toByteArray();
            return p.length();
        });
        assertEquals(seen[0].length, n);
        return seen[0];
    }

    @Test
    void aSentFramesArrayHoldsTheNextFrameOfItsSize() {
        GuestBytes first = new GuestBytes(SIZE, 1);
        int a = written(first);
        byte[] firstArray = table.frameRead(a, 0, SIZE).array();
        assertArrayEquals(first.bytes, sent(a));

        GuestBytes second = new GuestBytes(SIZE, 2);
        int b = written(second);
        assertEquals(1, second.copiedInto, "copied into the kept array");
        assertEquals(0, second.newArrays);
        FramePayload payload = table.frameRead(b, 0, SIZE);
        assertTrue(firstArray == payload.array(), "the sent frame's array");
        assertArrayEquals(second.bytes, payload.toByteArray(), "the new bytes, none of the old");
        assertEquals(SIZE, table.buffers().reusedBytes());
        assertEquals(SIZE, table.retainedBytes());
        assertEquals(0, copies.internal(), "one copy per write, as without reuse");
    }

    @Test
    void aKeptArrayTakesAnySmallerFrameWhichSeesOnlyItsOwnBytes() {
        GuestBytes old = new GuestBytes(SIZE, 1);
        sent(written(old));
        GuestBytes half = new GuestBytes(SIZE / 2, 3);
        int h = written(half);
        assertEquals(0, half.newArrays, "the last, shorter socket frame of a COPY reuses the kept array too");
        assertEquals(SIZE, table.retainedBytes(), "the whole array is counted while the frame holds it");
        assertEquals(SIZE / 2, table.frameLen(h));
        assertArrayEquals(half.bytes, table.frameRead(h, 0, SIZE / 2).toByteArray());
        ConnectorException past = assertThrows(ConnectorException.class, () -> table.frameRead(h, SIZE / 2, 1));
        assertEquals(ErrorCodes.FRAME_BOUNDS, past.error().code(), "the old bytes behind the frame stay out of reach");
        assertArrayEquals(half.bytes, sent(h));
        assertEquals(SIZE, table.buffers().pooledBytes(), "back for the next frame");
    }

    @Test
    void anEmittedFrameInALargerArrayLeavesAsAnExactCopyAndTheArrayStays() {
        sent(written(new GuestBytes(SIZE, 1)));
        GuestBytes smaller = new GuestBytes(SIZE - SIZE / 3, 4);
        int h = written(smaller);
        assertEquals(0, smaller.newArrays);
        FramePayload payload = table.consume(h);
        assertEquals(smaller.bytes.length, payload.array().length, "an exact array, as a Kafka record value needs");
        assertArrayEquals(smaller.bytes, payload.toByteArray(), "exactly the frame's bytes");
        assertEquals(smaller.bytes.length, copies.internal(), "the trim is counted");
        assertEquals(SIZE, table.buffers().pooledBytes(), "the larger array is not lost to the small frame");
        GuestBytes next = new GuestBytes(SIZE, 5);
        written(next);
        assertEquals(0, next.newArrays);
    }

    @Test
    void aKeptArrayIsNotTakenWhenHoldingItWouldPassTheTotalBudget() {
        FrameTable tight = new FrameTable(new FrameLimits(16, 2 * SIZE, 2 * SIZE, 4 * SIZE), copies);
        int first = tight.frameNew(SIZE);
        tight.frameWrite(first, new GuestBytes(SIZE, 1));
        tight.frameSeal(first);
        tight.consumeTransiently(first, FramePayload::length);
        assertEquals(SIZE, tight.buffers().pooledBytes());
        GuestBytes large = new GuestBytes(SIZE + SIZE / 4, 2);
        tight.frameWrite(tight.frameNew(large.length()), large);
        assertEquals(1, large.newArrays, "larger than anything kept");
        GuestBytes small = new GuestBytes(SIZE / 8, 3);
        int h = tight.frameNew(small.length());
        tight.frameWrite(h, small);
        assertEquals(1, small.newArrays, "the kept array beside the live frame would pass the 2 * SIZE budget");
        assertEquals(SIZE, tight.buffers().pooledBytes(), "so it stays kept");
        assertEquals(SIZE + SIZE / 4 + SIZE / 8, tight.retainedBytes());
    }

    @Test
    void aDroppedSocketReadIsTheNextReceiveBuffer() {
        byte[] receive = new byte[SIZE];
        int h = table.adoptOwned(FramePayload.wrap(receive, 0, SIZE - 100));
        table.frameDrop(h);
        assertTrue(receive == table.buffers().take(SIZE, 2 * SIZE), "the dropped frame's array");
    }

    @Test
    void batchesFromElsewhereAreNeverReused() {
        byte[] batch = new byte[SIZE];
        table.frameDrop(table.adopt(FramePayload.wrap(batch)));
        int forwarded = table.adopt(FramePayload.wrap(new byte[SIZE]));
        sent(forwarded);
        assertEquals(0, table.buffers().pooledBytes(), "next-batch payloads may still be held by the sink's log");
        assertNull(table.buffers().take(0, Integer.MAX_VALUE));
    }

    @Test
    void emittedFramesLeaveForGood() {
        int emitted = written(new GuestBytes(SIZE, 1));
        FramePayload batch = table.consume(emitted);
        int next = written(new GuestBytes(SIZE, 2));
        assertTrue(batch.array() != table.frameRead(next, 0, SIZE).array(), "not the emitted batch's array");
        assertEquals(0, table.buffers().reuses());
    }

    @Test
    void aFailedSendStillGivesTheArrayBackAndTheHandleIsGone() {
        int a = written(new GuestBytes(SIZE, 1));
        assertThrows(IllegalStateException.class, () -> table.consumeTransiently(a, p -> {
            throw new IllegalStateException("socket gone");
        }));
        assertEquals(SIZE, table.buffers().pooledBytes());
        ConnectorException stale = assertThrows(ConnectorException.class, () -> table.frameLen(a));
        assertEquals(ErrorCodes.INVALID_FRAME_HANDLE, stale.error().code());
    }

    @Test
    void sendingAnUnsealedFrameFailsAndDropsIt() {
        int h = table.frameNew(0);
        table.frameWrite(h, new GuestBytes(SIZE, 1));
        ConnectorException e = assertThrows(ConnectorException.class, () -> table.consumeTransiently(h, p -> 0));
        assertEquals(ErrorCodes.FRAME_NOT_SEALED, e.error().code());
        assertEquals(0, table.liveFrames());
    }

    @Test
    void withoutReusableBytesEveryFrameGetsANewArray() {
        FrameTable plain = new FrameTable(FrameLimits.DEFAULT.withReusableBytes(0), copies);
        for (int i = 0; i < 3; i++) {
            GuestBytes chunk = new GuestBytes(SIZE, i);
            int h = plain.frameNew(SIZE);
            plain.frameWrite(h, chunk);
            plain.frameSeal(h);
            assertEquals(1, chunk.newArrays);
            plain.consumeTransiently(h, FramePayload::length);
        }
        assertEquals(0, plain.buffers().reuses());
    }

    @Test
    void laterChunksAreCopiedStraightIntoTheFrame() {
        int h = table.frameNew(3 * SIZE);
        GuestBytes a = new GuestBytes(SIZE, 1);
        GuestBytes b = new GuestBytes(SIZE, 2);
        table.frameWrite(h, a);
        table.frameWrite(h, b);
        assertEquals(1, b.copiedInto, "into the grown buffer, no intermediate array");
        assertEquals(0, b.newArrays);
        table.frameSeal(h);
        byte[] both = Arrays.copyOf(a.bytes, 2 * SIZE);
        System.arraycopy(b.bytes, 0, both, SIZE, SIZE);
        FramePayload emitted = table.consume(h);
        assertArrayEquals(both, emitted.toByteArray());
        assertEquals(2 * SIZE, emitted.array().length, "trimmed to its bytes");
        assertEquals(SIZE + 2 * SIZE, copies.internal(), "the growth copied what was there, the trim the rest");
        assertEquals(SIZE + 3 * SIZE, table.buffers().pooledBytes(), "the outgrown first array and the grown one are kept");
    }

    @Test
    void thePoolIsBoundedKeepsNoTinyArraysAndMakesRoomForLargerOnes() {
        BufferPool pool = new BufferPool(3 * SIZE);
        pool.give(new byte[BufferPool.MIN_POOLED_BYTES - 1]);
        pool.give(new byte[4 * SIZE]);
        assertEquals(0, pool.pooledBytes(), "too small to track, larger than the whole pool");
        pool.give(new byte[SIZE]);
        pool.give(new byte[SIZE]);
        pool.give(new byte[SIZE]);
        pool.give(new byte[SIZE]);
        assertEquals(3 * SIZE, pool.pooledBytes(), "full: an equal one is left to the GC");
        pool.give(new byte[2 * SIZE]);
        assertEquals(3 * SIZE, pool.pooledBytes(), "two small ones made room for a larger one");
        assertEquals(2 * SIZE, pool.take(SIZE + 1, 4 * SIZE).length);
        assertEquals(SIZE, pool.take(SIZE / 2, 4 * SIZE).length, "the smallest that fits");
        assertNull(pool.take(2 * SIZE, 4 * SIZE));
        assertEquals(2, pool.reuses());
        assertThrows(IllegalArgumentException.class, () -> new BufferPool(-1));
    }

    @Test
    void growingReceiveBuffersDoNotFillThePoolForGood() {
        BufferPool pool = new BufferPool(FrameLimits.DEFAULT_REUSABLE_BYTES);
        for (int size = 16 * 1024; size <= 128 * 1024; size *= 2) {
            pool.give(new byte[size]);
        }
        pool.give(new byte[256 * 1024]);
        pool.give(new byte[256 * 1024]);
        byte[] a = pool.take(256 * 1024, Integer.MAX_VALUE);
        byte[] b = pool.take(256 * 1024, Integer.MAX_VALUE);
        assertTrue(a != null && b != null && a.length == 256 * 1024 && b.length == 256 * 1024,
                "the steady size displaced the small ones");
    }
}
