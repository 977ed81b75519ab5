package io.rapidbyte.host.abi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.testing.FakeGuest;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GuestMemoryTest {
    private final FakeGuest guest = new FakeGuest();
    private final GuestMemory memory = guest.memory;
    private static final int SIZE = 2 * 65536;

    @Test
    void readsInsideMemory() {
        guest.raw.write(100, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, memory.readBytes(100, 3));
        assertArrayEquals(new byte[0], memory.readBytes(SIZE, 0));
        assertEquals(3, memory.readBytes(SIZE - 3, 3).length);
    }

    @Test
    void readIntoCopiesExactlyTheRangeWordsAndTail() {
        byte[] content = new byte[64];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (0xA0 + i * 7);
        }
        guest.raw.write(SIZE - content.length, content);
        for (int len = 0; len <= 21; len++) {
            for (int start : new int[] {SIZE - content.length, SIZE - content.length + 3, SIZE - len}) {
                byte[] target = new byte[len + 10];
                Arrays.fill(target, (byte) 0x55);
                memory.readInto(start, len, target, 5);
                assertArrayEquals(memory.readBytes(start, len), Arrays.copyOfRange(target, 5, 5 + len),
                        "len " + len + " at " + start);
                for (int i : new int[] {0, 4, 5 + len, len + 9}) {
                    assertEquals(0x55, target[i], "nothing outside the range is touched");
                }
            }
        }
        assertBounds(() -> memory.readInto(SIZE - 2, 3, new byte[8], 0));
        assertBounds(() -> memory.readInto(0, -1, new byte[8], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> memory.readInto(0, 8, new byte[8], 1));
    }

    @Test
    void rangesPastTheEndAreFrameBounds() {
        assertBounds(() -> memory.readBytes(SIZE - 2, 3));
        assertBounds(() -> memory.readBytes(SIZE + 1, 0));
        assertBounds(() -> memory.readI64(SIZE - 4));
        assertBounds(() -> memory.writeI32(SIZE - 3, 1));
        assertBounds(() -> memory.write(SIZE, new byte[1], 0, 1));
    }

    @Test
    void pointersAndLengthsAreUnsigned() {
        // -16 is 0xFFFFFFF0: far past the end, not a negative offset into memory.
        assertBounds(() -> memory.readBytes(-16, 4));
        // A huge unsigned length must not wrap around to a small one.
        assertBounds(() -> memory.readBytes(0, -1));
        assertBounds(() -> memory.readString(8, Integer.MIN_VALUE));
        assertFalse(memory.inBounds(-1, 1));
        assertTrue(memory.inBounds(0, SIZE));
    }

    @Test
    void invalidUtf8IsInvalidArgument() {
        guest.raw.write(10, new byte[] {'o', 'k', (byte) 0xC3});
        ConnectorException e = assertThrows(ConnectorException.class, () -> memory.readString(10, 3));
        assertEquals(ErrorCodes.INVALID_ARGUMENT, e.error().code());
        assertEquals(ErrorCategory.INTERNAL, e.error().category());
        assertEquals("ok\uFFFD", memory.readStringLossy(10, 3));
    }

    @Test
    void scalarsAreLittleEndian() {
        memory.writeI64(64, 0x0102030405060708L);
        assertEquals(0x08, memory.readU8(64));
        assertEquals(0x05060708, memory.readI32(64));
        memory.writeU8(72, 0xFF);
        assertEquals(255, memory.readU8(72));
    }

    private static void assertBounds(org.junit.jupiter.api.function.Executable call) {
        ConnectorException e = assertThrows(ConnectorException.class, call);
        assertEquals(ErrorCodes.FRAME_BOUNDS, e.error().code());
        assertEquals(ErrorCategory.FRAME, e.error().category());
    }
}
