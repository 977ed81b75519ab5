package io.rapidbyte.host.lifecycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Memory;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryPagePoolTest {
    private static byte[][] dirtyPages(int n, byte fill) {
        byte[][] pages = new byte[n][Memory.PAGE_SIZE];
        for (byte[] page : pages) {
            Arrays.fill(page, fill);
        }
        return pages;
    }

    @Test
    void takenPagesAreZeroEvenWhenTheyWereGivenBackDirty() {
        MemoryPagePool pool = new MemoryPagePool(8);
        byte[][] given = dirtyPages(3, (byte) 0x5A);
        byte[][] kept = given.clone();
        pool.give(given, 0, 3);
        byte[][] taken = new byte[4][];
        pool.take(taken, 0, 4);
        byte[] zero = new byte[Memory.PAGE_SIZE];
        for (byte[] page : taken) {
            assertArrayEquals(zero, page);
        }
        assertEquals(3, pool.reusedPages());
        assertEquals(0, pool.freePages());
        // The three kept pages were handed out again, the fourth is new.
        long reusedCount = Arrays.stream(taken).filter(p -> Arrays.stream(kept).anyMatch(k -> k == p)).count();
        assertEquals(3, reusedCount);
    }

    @Test
    void giveClearsTheSlotsSoTheGiverCannotReachThePagesAnyMore() {
        MemoryPagePool pool = new MemoryPagePool(8);
        byte[][] pages = dirtyPages(2, (byte) 1);
        pool.give(pages, 0, 2);
        assertNull(pages[0]);
        assertNull(pages[1]);
        assertEquals(2, pool.freePages());
    }

    @Test
    void keepsAtMostItsCapacityAndDropsTheRest() {
        MemoryPagePool pool = new MemoryPagePool(2);
        byte[][] pages = dirtyPages(5, (byte) 1);
        pool.give(pages, 0, 5);
        assertEquals(2, pool.freePages());
        assertTrue(Arrays.stream(pages).allMatch(p -> p == null), "the giver keeps none of them");
    }

    @Test
    void aPoolOfNoCapacityKeepsNothingAndAllocatesEveryPage() {
        MemoryPagePool pool = new MemoryPagePool(0);
        pool.give(dirtyPages(2, (byte) 1), 0, 2);
        byte[][] taken = new byte[2][];
        pool.take(taken, 0, 2);
        assertEquals(0, pool.reusedPages());
        assertEquals(Memory.PAGE_SIZE, taken[1].length);
    }

    @Test
    void takeFillsOnlyTheAskedSlots() {
        MemoryPagePool pool = new MemoryPagePool(4);
        byte[][] target = new byte[6][];
        pool.take(target, 2, 4);
        assertNull(target[0]);
        assertNull(target[1]);
        assertEquals(Memory.PAGE_SIZE, target[2].length);
        assertNotSame(target[2], target[3]);
        assertNull(target[4]);
    }

    @Test
    void concurrentTakersNeverShareAPage() throws Exception {
        MemoryPagePool pool = new MemoryPagePool(64);
        pool.give(dirtyPages(64, (byte) 7), 0, 64);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<byte[][]>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(threads.submit(() -> {
                    go.await();
                    byte[][] mine = new byte[32][];
                    pool.take(mine, 0, 32);
                    return mine;
                }));
            }
            go.countDown();
            List<byte[]> all = new ArrayList<>();
            for (Future<byte[][]> r : results) {
                all.addAll(Arrays.asList(r.get(30, TimeUnit.SECONDS)));
            }
            assertEquals(128, all.size());
            for (int i = 0; i < all.size(); i++) {
                for (int j = i + 1; j < all.size(); j++) {
                    assertNotSame(all.get(i), all.get(j));
                }
            }
            assertEquals(64, pool.reusedPages());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void capacityPropertyIsInMebibytes() {
        assertEquals(MemoryPagePool.DEFAULT_CAPACITY_MB * 16, MemoryPagePool.capacityPages(null));
        assertEquals(MemoryPagePool.DEFAULT_CAPACITY_MB * 16, MemoryPagePool.capacityPages(" "));
        assertEquals(0, MemoryPagePool.capacityPages("0"));
        assertEquals(32, MemoryPagePool.capacityPages("2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemoryPagePool.capacityPages("lots"));
        assertTrue(e.getMessage().contains(MemoryPagePool.CAPACITY_PROPERTY) && e.getMessage().contains("'lots'"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MemoryPagePool.capacityPages("-1"));
    }

    @Test
    void sharedPoolIsOnePerJvm() {
        assertSame(MemoryPagePool.shared(), MemoryPagePool.shared());
    }
}
