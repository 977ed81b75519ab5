package io.rapidbyte.sdk.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ArenaTest {
    private static final int BASE = 0x1_0010;
    private static final int SIZE = (4 << 20) - Arena.HEADER_SIZE;

    @BeforeEach
    void configure() {
        Arena.configure(BASE, SIZE);
    }

    @Test
    void bumpsWithAlignment() {
        assertEquals(BASE, Arena.alloc(1, 3));
        assertEquals(BASE + 4, Arena.alloc(4, 4));
        assertEquals(BASE + 8, Arena.alloc(8, 1));
        assertEquals(BASE + 16, Arena.alloc(8, 0));
        assertEquals(BASE + 16, Arena.alloc(2, 2));
        assertEquals(18, Arena.used());
    }

    @Test
    void resetFreesEverything() {
        Arena.alloc(1, 1000);
        Arena.reset();
        assertEquals(0, Arena.used());
        assertEquals(BASE, Arena.alloc(8, 8));
    }

    @Test
    void returnsZeroWhenFull() {
        assertEquals(BASE, Arena.alloc(1, SIZE));
        assertEquals(0, Arena.alloc(1, 1));
        Arena.reset();
        assertEquals(0, Arena.alloc(1, SIZE + 1));
        assertEquals(0, Arena.alloc(1, Integer.MAX_VALUE));
    }

    @Test
    void rejectsBadRequests() {
        assertEquals(0, Arena.alloc(3, 8));
        assertEquals(0, Arena.alloc(16, 8));
        assertEquals(0, Arena.alloc(0, 8));
        assertEquals(0, Arena.alloc(1, -1));
        assertEquals(0, Arena.used());
    }

    @Test
    void beginCallGivesAnAlignedReturnAreaAtTheBase() {
        Arena.alloc(1, 77);
        int ret = Arena.beginCall();
        assertEquals(BASE, ret);
        assertEquals(0, ret % 8);
        assertEquals(Arena.RETURN_AREA_SIZE, Arena.used());
    }

    @Test
    void chunkLeavesRoomForReturnAreaAndErrorStrings() {
        int chunk = Arena.maxChunk();
        assertEquals(SIZE - Arena.RESERVE, chunk);
        Arena.beginCall();
        assertTrue(Arena.alloc(1, chunk) != 0, "a full chunk fits after the return area");
        assertTrue(Arena.alloc(1, 60_000) != 0, "error strings still fit");
    }
}
