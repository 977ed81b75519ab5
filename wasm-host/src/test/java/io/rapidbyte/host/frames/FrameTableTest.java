package io.rapidbyte.host.frames;

import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import io.rapidbyte.host.types.ErrorScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameTableTest {
    private final CopyCounter copies = new CopyCounter();
    private final FrameTable table = new FrameTable(FrameLimits.DEFAULT, copies);

    static ConnectorError assertFrameError(String code, Executable call) {
        ConnectorException e = assertThrows(ConnectorException.class, call);
        ConnectorError error = e.error();
        assertEquals(code, error.code(), error.message());
        assertEquals(ErrorCategory.FRAME, error.category());
        assertEquals(ErrorScope.PER_BATCH, error.scope());
        assertFalse(error.retryable());
        return error;
    }

    private static byte[] bytes(int from, int count) {
        byte[] b = new byte[count];
        for (int i = 0; i < count; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    // ---- lifecycle ----------------------------------------------------------------------

    @Test
    void newFrameIsWritableAndEmpty() {
        int h = table.frameNew(100);
        assertTrue(h > 0);
        assertEquals(0, table.frameLen(h));
        assertEquals(1, table.liveFrames());
        assertEquals(0, table.liveBytes());
        assertEquals(0, table.retainedBytes(), "frame-new must not allocate");
    }

    @Test
    void writeSealReadRoundTrip() {
        int h = table.frameNew(0);
        assertEquals(3, table.frameWrite(h, bytes(0, 3)));
        assertEquals(7, table.frameWrite(h, bytes(3, 4)));
        assertEquals(7, table.frameLen(h));
        table.frameSeal(h);
        assertEquals(7, table.frameLen(h));
        assertArrayEquals(bytes(0, 7), table.frameRead(h, 0, 7).toByteArray());
        assertArrayEquals(bytes(2, 3), table.frameRead(h, 2, 3).toByteArray());
        assertEquals(7, table.liveBytes());
    }

    @Test
    void sealingAnUnwrittenFrameGivesAnEmptyPayload() {
        int h = table.frameNew(0);
        table.frameSeal(h);
        assertEquals(0, table.frameLen(h));
        assertEquals(0, table.frameRead(h, 0, 0).length());
        assertEquals(0, table.consume(h).length());
    }

    @Test
    void emptyWriteIsANoOp() {
        int h = table.frameNew(0);
        assertEquals(0, table.frameWrite(h, new byte[0]));
        assertEquals(2, table.frameWrite(h, bytes(0, 2)));
        assertEquals(2, table.frameWrite(h, new byte[0]));
    }

    @Test
    void handlesArePositiveIncreasingAndNeverReused() {
        int a = table.frameNew(0);
        table.frameDrop(a);
        int b = table.frameNew(0);
        int c = table.adopt(FramePayload.wrap(bytes(0, 1)));
        assertTrue(a > 0 && b > a && c > b);
        assertFrameError(ErrorCodes.INVALID_FRAME_HANDLE, () -> table.frameLen(a));
    }

    @Test
    void dropWorksInEveryStateAndFreesBytes() {
        int writable = table.frameNew(0);
        table.frameWrite(writable, bytes(0, 5));
        int sealed = table.frameNew(0);
        table.frameWrite(sealed, bytes(0, 6));
        table.frameSeal(sealed);
        assertEquals(11, table.liveBytes());
        table.frameDrop(writable);
        table.frameDrop(sealed);
        assertEquals(0, table.liveFrames());
        assertEquals(0, table.liveBytes());
        assertEquals(0, table.retainedBytes());
    }

    @Test
    void consumeReturnsTheSealedBytesAndRemovesTheHandle() {
        int h = table.frameNew(0);
        byte[] chunk = bytes(0, 4);
        table.frameWrite(h, chunk);
        table.frameSeal(h);
        FramePayload p = table.consume(h);
        assertSame(chunk, p.array());
        assertEquals(4, p.length());
        assertEquals(0, table.liveFrames());
        assertEquals(0, table.liveBytes());
        assertFrameError(ErrorCodes.INVALID_FRAME_HANDLE, () -> table.consume(h));
    }

    @Test
    void consumeOfAWritableFrameFailsAndStillRemovesIt() {
        int h = table.frameNew(0);
        table.frameWrite(h, bytes(0, 4));
        ConnectorError e = assertFrameError(ErrorCodes.FRAME_NOT_SEALED, () -> table.consume(h));
        assertTrue(e.message().contains(String.valueOf(h)), e.message());
        assertEquals(0, table.liveFrames());
        assertEquals(0, table.liveBytes());
        assertFrameError(ErrorCodes.INVALID_FRAME_HANDLE, () -> table.frameLen(h));
    }

    @Test
    void adoptMakesASealedFrameOverTheSameBytes() {
        byte[] a = bytes(0, 10);
        int h = table.adopt(FramePayload.wrap(a, 2, 5));
        assertEquals(5, table.frameLen(h));
        assertEquals(5, table.liveBytes());
        FramePayload read = table.frameRead(h, 1, 2);
        assertSame(a, read.array());
        assertArrayEquals(new byte[] {3, 4}, read.toByteArray());
        assertFrameError(ErrorCodes.FRAME_ALREADY_SEALED, () -> table.frameWrite(h, bytes(0, 1)));
        assertFrameError(ErrorCodes.FRAME_ALREADY_SEALED, () -> table.frameSeal(h));
        assertEquals(5, table.consume(h).length());
        assertEquals(0, copies.total());
    }

    // ---- state violations ---------------------------------------------------------------

    @Test
    void writeOrSealAfterSealIsAlreadySealed() {
        int h = table.frameNew(0);
        table.frameWrite(h, bytes(0, 2));
        table.frameSeal(h);
        ConnectorError e = assertFrameError(ErrorCodes.FRAME_ALREADY_SEALED, () -> table.frameWrite(h, bytes(0, 1)));
        assertTrue(e.message().contains("frame " + h), e.message());
        assertFrameError(ErrorCodes.FRAME_ALREADY_SEALED, () -> table.frameSeal(h));
        assertEquals(2, table.frameLen(h), "a rejected write must not change the frame");
    }

    @Test
    void readOfAWritableFrameIsNotSealed() {
        int h = table.frameNew(0);
        table.frameWrite(h, bytes(0, 2));
        assertFrameError(ErrorCodes.FRAME_NOT_SEALED, () -> table.frameRead(h, 0, 1));
    }

    @Test
    void readOutsideTheFrameIsBounds() {
        int h = table.frameNew(0);
        table.frameWrite(h, bytes(0, 8));
        table.frameSeal(h);
        assertEquals(0, table.frameRead(h, 8, 0).length(), "empty read at the end is allowed");
        assertEquals(8, table.frameRead(h, 0, 8).length());
        ConnectorError e = assertFrameError(ErrorCodes.FRAME_BOUNDS, () -> table.frameRead(h, 4, 5));
        assertTrue(e.message().contains("8 bytes") && e.message().contains("frame " + h), e.message());
        assertFrameError(ErrorCodes.FRAME_BOUNDS, () -> table.frameRead(h, 9, 0));
        assertFrameError(ErrorCodes.FRAME_BOUNDS, () -> table.frameRead(h, -1, 1));
        assertFrameError(ErrorCodes.FRAME_BOUNDS, () -> table.frameRead(h, 0, -1));
        assertFrameError(ErrorCodes.FRAME_BOUNDS, () -> table.frameRead(h, 1, Long.MAX_VALUE));
        assertFrameError(ErrorCodes.FRAME_BOUNDS, () -> table.frameRead(h, Long.MAX_VALUE, 1));
    }

    @Test
    void negativeCapacityIsBounds() {
        ConnectorError e = assertFrameError(ErrorCodes.FRAME_BOUNDS, () -> table.frameNew(-1));
        assertTrue(e.message().contains("18446744073709551615"), "unsigned value in message: " + e.message());
        assertEquals(0, table.liveFrames());
    }

    @Test
    void unknownHandlesAreInvalidForEveryOperation() {
        int dropped = table.frameNew(0);
        table.frameDrop(dropped);
        for (int h : new int[] {0, -1, dropped, 999, Integer.MAX_VALUE}) {
            assertFrameError(ErrorCodes.INVALID_FRAME_HANDLE, () -> table.frameWrite(h, bytes(0, 1)));
            assertFrameError(ErrorCodes.INVALID_FRAME_HANDLE, () -> table.frameSeal(h));
            assertFrameError(ErrorCodes.INVALID_FRAME_HANDLE, () -> table.frameLen(h));
            assertFrameError(ErrorCodes.INVALID_FRAME_HANDLE, () -> table.frameRead(h, 0, 0));
            assertFrameError(ErrorCodes.INVALID_FRAME_HANDLE, () -> table.frameDrop(h));
            ConnectorError e = assertFrameError(ErrorCodes.INVALID_FRAME_HANDLE, () -> table.consume(h));
            assertTrue(e.message().contains(String.valueOf(h)), e.message());
        }
    }

    @Test
    void staleHandleNeverAliasesANewerFrame() {
        int old = table.frameNew(0);
        table.frameWrite(old, bytes(0, 1));
        table.frameSeal(old);
        table.consume(old);
        int fresh = table.frameNew(0);
        assertTrue(fresh != old);
        assertFrameError(ErrorCodes.INVALID_FRAME_HANDLE, () -> table.frameWrite(old, bytes(0, 1)));
        assertEquals(0, table.frameLen(fresh));
    }

    // ---- limits -------------------------------------------------------------------------

    @Test
    void liveFrameLimitCoversNewAndAdopt() {
        FrameTable small = new FrameTable(new FrameLimits(2, 100, 1000), copies);
        int a = small.frameNew(0);
        small.adopt(FramePayload.wrap(bytes(0, 1)));
        ConnectorError e = assertFrameError(ErrorCodes.FRAME_LIMIT_EXCEEDED, () -> small.frameNew(0));
        assertTrue(e.message().contains("2"), e.message());
        assertFrameError(ErrorCodes.FRAME_LIMIT_EXCEEDED, () -> small.adopt(FramePayload.wrap(bytes(0, 1))));
        small.frameDrop(a);
        small.frameNew(0);
        assertEquals(2, small.liveFrames());
    }

    @Test
    void perFrameLimitIsCheckedBeforeGrowing() {
        FrameTable small = new FrameTable(new FrameLimits(10, 10, 1000), copies);
        ConnectorError e = assertFrameError(ErrorCodes.FRAME_LIMIT_EXCEEDED, () -> small.frameNew(11));
        assertTrue(e.message().contains("11") && e.message().contains("10"), e.message());
        int h = small.frameNew(10);
        small.frameWrite(h, bytes(0, 6));
        e = assertFrameError(ErrorCodes.FRAME_LIMIT_EXCEEDED, () -> small.frameWrite(h, bytes(0, 5)));
        assertTrue(e.message().contains("frame " + h) && e.message().contains("5 bytes")
                && e.message().contains("10 bytes"), e.message());
        assertEquals(6, small.frameLen(h), "the rejected write must leave the frame unchanged");
        assertEquals(6, small.liveBytes());
        assertEquals(10, small.frameWrite(h, bytes(6, 4)), "the frame stays writable up to the limit");
        small.frameSeal(h);
        assertArrayEquals(bytes(0, 10), small.frameRead(h, 0, 10).toByteArray());
        assertFrameError(ErrorCodes.FRAME_LIMIT_EXCEEDED, () -> small.adopt(FramePayload.wrap(bytes(0, 11))));
    }

    @Test
    void totalByteLimitSpansFrames() {
        FrameTable small = new FrameTable(new FrameLimits(10, 100, 150), copies);
        int a = small.frameNew(0);
        small.frameWrite(a, bytes(0, 100));
        int b = small.frameNew(0);
        small.frameWrite(b, bytes(0, 40));
        ConnectorError e = assertFrameError(ErrorCodes.FRAME_LIMIT_EXCEEDED, () -> small.frameWrite(b, bytes(0, 11)));
        assertTrue(e.message().contains("140") && e.message().contains("150"), e.message());
        assertFrameError(ErrorCodes.FRAME_LIMIT_EXCEEDED, () -> small.adopt(FramePayload.wrap(bytes(0, 11))));
        assertEquals(140, small.liveBytes());
        small.frameDrop(a);
        assertEquals(51, small.frameWrite(b, bytes(0, 11)));
        small.adopt(FramePayload.wrap(bytes(0, 99)));
        assertEquals(150, small.liveBytes());
    }

    @Test
    void inflatedHintsCannotPinMemoryBeyondTheBudget() {
        FrameTable small = new FrameTable(new FrameLimits(10, 1000, 1000), copies);
        int a = small.frameNew(1000);
        small.frameWrite(a, bytes(0, 10));
        small.frameWrite(a, bytes(0, 10));
        assertEquals(1000, small.retainedBytes(), "the hint sizes the buffer on the second write");
        int b = small.frameNew(1000);
        small.frameWrite(b, bytes(0, 10));
        small.frameWrite(b, bytes(0, 10));
        assertEquals(1020, small.retainedBytes(), "no spare capacity once the budget is used up");
        assertEquals(40, small.liveBytes());
    }

    @Test
    void hugeHintIsNotAllocatedUpFront() {
        int h = table.frameNew(FrameLimits.DEFAULT.maxFrameBytes());
        assertEquals(0, table.retainedBytes());
        table.frameWrite(h, bytes(0, 1));
        table.frameWrite(h, bytes(0, 1));
        assertEquals(Frame.HINT_ALLOCATION_CAP, table.retainedBytes());
    }

    // ---- copies -------------------------------------------------------------------------

    @Test
    void singleWriteAdoptsTheChunkAndSealReadCopyNothing() {
        byte[] chunk = bytes(0, 64);
        int h = table.frameNew(64);
        table.frameWrite(h, chunk);
        table.frameSeal(h);
        FramePayload whole = table.frameRead(h, 0, 64);
        assertSame(chunk, whole.array(), "the first chunk must be adopted, not copied");
        assertSame(chunk, table.frameRead(h, 10, 5).array());
        assertSame(chunk, table.consume(h).toByteArray());
        assertEquals(0, copies.total(), "the table counts only its own copies");
    }

    @Test
    void multiChunkWritesCountInternalCopiesAndSealDoesNotCopy() {
        int h = table.frameNew(10);
        table.frameWrite(h, bytes(0, 4));
        assertEquals(0, copies.internal());
        table.frameWrite(h, bytes(4, 6));
        // With an exact hint every byte is copied into the buffer once: 4 moved + 6 appended.
        assertEquals(10, copies.internal());
        table.frameSeal(h);
        assertEquals(10, copies.internal(), "seal must not copy");
        FramePayload p = table.frameRead(h, 0, 10);
        assertSame(p.array(), table.frameRead(h, 5, 1).array());
        assertArrayEquals(bytes(0, 10), p.toByteArray());
        assertEquals(0, copies.guestToHost() + copies.hostToGuest());
    }

    @Test
    void growthWithoutHintKeepsContentIntact() {
        int h = table.frameNew(0);
        int total = 0;
        for (int i = 0; i < 50; i++) {
            table.frameWrite(h, bytes(total, 7));
            total += 7;
        }
        table.frameSeal(h);
        assertArrayEquals(bytes(0, total), table.frameRead(h, 0, total).toByteArray());
        assertTrue(copies.internal() >= total - 7, "appends after the first are internal copies");
    }

    // ---- teardown -----------------------------------------------------------------------

    @Test
    void closeFreesEverythingAndCountsLeaks() {
        table.frameNew(0);
        int sealed = table.frameNew(0);
        table.frameWrite(sealed, bytes(0, 3));
        table.frameSeal(sealed);
        table.adopt(FramePayload.wrap(bytes(0, 2)));
        int dropped = table.frameNew(0);
        table.frameDrop(dropped);
        assertEquals(3, table.close());
        assertEquals(0, table.liveFrames());
        assertEquals(0, table.liveBytes());
        assertFrameError(ErrorCodes.INVALID_FRAME_HANDLE, () -> table.frameLen(sealed));
        assertEquals(0, table.close(), "close is idempotent");
        assertThrows(IllegalStateException.class, () -> table.frameNew(0));
        assertThrows(IllegalStateException.class, () -> table.adopt(FramePayload.EMPTY));
    }

    @Test
    void closeOfACleanTableReportsNoLeaks() {
        int h = table.frameNew(0);
        table.frameDrop(h);
        assertEquals(0, table.close());
    }
}
