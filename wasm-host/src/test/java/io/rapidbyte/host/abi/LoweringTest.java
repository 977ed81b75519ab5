package io.rapidbyte.host.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.testing.FakeGuest;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCodes;
import org.junit.jupiter.api.Test;

class LoweringTest {
    private final FakeGuest guest = new FakeGuest();
    private final Lowering lowering = guest.lowering();

    @Test
    void stringsAreAllocatedWithAlignOneAndCopied() {
        GuestSlice s = lowering.string("héllo");
        assertEquals(6, s.len());
        assertEquals(new FakeGuest.Call(0, 0, 1, 6), guest.calls.get(0));
        assertEquals("héllo", guest.string(s.ptr(), s.len()));
    }

    @Test
    void emptyValuesDoNotCallTheAllocator() {
        GuestSlice s = lowering.string("");
        assertEquals(new GuestSlice(1, 0), s);
        assertEquals(8, lowering.allocate(8, 0));
        assertTrue(guest.calls.isEmpty());
    }

    @Test
    void bytesCopyOnlyTheWindow() {
        GuestSlice s = lowering.bytes(new byte[] {9, 8, 7, 6}, 1, 2);
        assertEquals(2, s.len());
        assertEquals(8, guest.raw.read(s.ptr()));
        assertEquals(7, guest.raw.read(s.ptr() + 1));
    }

    @Test
    void unusableAllocatorAnswersAreFrameIoFailed() {
        guest.forcedAnswer = 0;
        assertIoFailed(() -> lowering.string("x"));
        guest.forcedAnswer = 2 * 65536 - 2;
        assertIoFailed(() -> lowering.string("xyz"));
        guest.forcedAnswer = 0x1001;
        assertIoFailed(() -> lowering.allocate(8, 16));
        guest.forcedAnswer = -8;
        assertIoFailed(() -> lowering.allocate(8, 16));
    }

    private static void assertIoFailed(org.junit.jupiter.api.function.Executable call) {
        ConnectorException e = assertThrows(ConnectorException.class, call);
        assertEquals(ErrorCodes.FRAME_IO_FAILED, e.error().code());
    }
}
