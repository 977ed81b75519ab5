package io.rapidbyte.host.frames;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrameLimitsAndCopyCounterTest {
    @Test
    void defaultLimits() {
        assertEquals(1024, FrameLimits.DEFAULT.maxLiveFrames());
        assertEquals(64L << 20, FrameLimits.DEFAULT.maxFrameBytes());
        assertEquals(256L << 20, FrameLimits.DEFAULT.maxTotalBytes());
    }

    @Test
    void limitsMustBePositiveAndFitAnArray() {
        assertThrows(IllegalArgumentException.class, () -> new FrameLimits(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new FrameLimits(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new FrameLimits(1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new FrameLimits(-1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new FrameLimits(1, -5, 1));
        assertThrows(IllegalArgumentException.class, () -> new FrameLimits(1, 1, -5));
        assertThrows(IllegalArgumentException.class,
                () -> new FrameLimits(1, FrameLimits.MAX_FRAME_BYTES_CEILING + 1, Long.MAX_VALUE));
        new FrameLimits(1, FrameLimits.MAX_FRAME_BYTES_CEILING, Long.MAX_VALUE);
    }

    @Test
    void counterAddsPerDirection() {
        CopyCounter c = new CopyCounter();
        c.addGuestToHost(3);
        c.addHostToGuest(5);
        c.addInternal(7);
        c.addInternal(1);
        assertEquals(3, c.guestToHost());
        assertEquals(5, c.hostToGuest());
        assertEquals(8, c.internal());
        assertEquals(16, c.total());
        assertThrows(IllegalArgumentException.class, () -> c.addInternal(-1));
        assertThrows(IllegalArgumentException.class, () -> c.addGuestToHost(-1));
        assertThrows(IllegalArgumentException.class, () -> c.addHostToGuest(-1));
    }

    @Test
    void counterIsThreadSafe() throws InterruptedException {
        CopyCounter c = new CopyCounter();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    c.addGuestToHost(1);
                    c.addHostToGuest(2);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(40_000, c.guestToHost());
        assertEquals(80_000, c.hostToGuest());
    }
}
