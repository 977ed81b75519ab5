package io.rapidbyte.host.channels;

import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

@Timeout(30)
class StageChannelTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    /** The thread currently running a task submitted with {@link #start}. */
    private final AtomicReference<Thread> worker = new AtomicReference<>();

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    private static FramePayload batch(int size) {
        return FramePayload.wrap(new byte[size]);
    }

    private static FramePayload batchOf(int value) {
        return FramePayload.wrap(new byte[] {(byte) value});
    }

    private <T> Future<T> start(Callable<T> task) {
        worker.set(null);
        return pool.submit(() -> {
            worker.set(Thread.currentThread());
            return task.call();
        });
    }

    /** Waits (bounded) until the task started last is parked waiting, i.e. blocked in the channel. */
    private Thread awaitBlocked(Future<?> task) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Thread t = worker.get();
            if (t != null && t.getState() == Thread.State.WAITING) {
                return t;
            }
            if (task.isDone()) {
                fail("task finished instead of blocking");
            }
            Thread.sleep(1);
        }
        throw new AssertionError("task did not block");
    }

    private static ConnectorException cause(Future<?> f) throws InterruptedException, java.util.concurrent.TimeoutException {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(ConnectorException.class, e.getCause());
    }

    @Test
    void deliversInOrderThenNullAtEnd() throws Exception {
        StageChannel ch = new StageChannel(4);
        FramePayload a = batchOf(1);
        FramePayload b = batchOf(2);
        ch.emit(a);
        ch.emit(b);
        assertEquals(2, ch.depth());
        assertEquals(2, ch.queuedBytes());
        ch.finish();
        assertSame(a, ch.next());
        assertSame(b, ch.next());
        assertNull(ch.next());
        assertNull(ch.next(), "end of stream is sticky");
        assertEquals(0, ch.depth());
    }

    @Test
    void fullChannelBlocksTheProducerUntilTheConsumerTakes() throws Exception {
        StageChannel ch = new StageChannel(2);
        ch.emit(batchOf(1));
        ch.emit(batchOf(2));
        Future<Object> third = start(() -> {
            ch.emit(batchOf(3));
            return null;
        });
        awaitBlocked(third);
        assertEquals(2, ch.depth());
        assertEquals(1, ch.next().byteAt(0));
        third.get(10, TimeUnit.SECONDS);
        assertEquals(2, ch.depth());
        assertEquals(2, ch.next().byteAt(0));
        assertEquals(3, ch.next().byteAt(0));
    }

    @Test
    void byteBudgetBlocksTheProducer() throws Exception {
        StageChannel ch = new StageChannel(10, 10);
        ch.emit(batch(6));
        Future<Object> second = start(() -> {
            ch.emit(batch(6));
            return null;
        });
        awaitBlocked(second);
        assertEquals(1, ch.depth());
        assertEquals(6, ch.next().length());
        second.get(10, TimeUnit.SECONDS);
        assertEquals(6, ch.queuedBytes());
    }

    @Test
    void batchLargerThanTheBudgetStillPassesAnEmptyChannel() throws Exception {
        StageChannel ch = new StageChannel(10, 10);
        ch.emit(batch(100));
        assertEquals(100, ch.next().length());
    }

    @Test
    void finishWakesABlockedConsumer() throws Exception {
        StageChannel ch = new StageChannel(1);
        Future<FramePayload> next = start(ch::next);
        awaitBlocked(next);
        ch.finish();
        assertNull(next.get(10, TimeUnit.SECONDS));
    }

    @Test
    void emitAfterFinishIsAProducerBug() {
        StageChannel ch = new StageChannel(1);
        ch.finish();
        assertThrows(IllegalStateException.class, () -> ch.emit(batchOf(1)));
        ch.fail(new RuntimeException("late"));
        assertThrows(IllegalStateException.class, () -> ch.emit(batchOf(1)));
    }

    // ---- consumer goes away -------------------------------------------------------------

    @Test
    void abandonReleasesABlockedProducerWithChannelClosed() throws Exception {
        StageChannel ch = new StageChannel(1);
        ch.emit(batchOf(1));
        Future<Object> blocked = start(() -> {
            ch.emit(batchOf(2));
            return null;
        });
        awaitBlocked(blocked);
        ch.abandon();
        ConnectorError error = cause(blocked).error();
        assertEquals(ErrorCodes.CHANNEL_CLOSED, error.code());
        assertEquals(ErrorCategory.INTERNAL, error.category());
        assertEquals(0, ch.depth(), "abandon discards queued batches");
        ConnectorException later = assertThrows(ConnectorException.class, () -> ch.emit(batchOf(3)));
        assertEquals(ErrorCodes.CHANNEL_CLOSED, later.error().code());
        assertNull(ch.next());
    }

    // ---- producer fails -----------------------------------------------------------------

    @Test
    void producerFailureArrivesAfterQueuedBatchesWithItsOwnError() throws Exception {
        StageChannel ch = new StageChannel(4);
        ch.emit(batchOf(1));
        ConnectorException original = new ConnectorException(
                ConnectorError.of(ErrorCategory.TRANSIENT_DB, "57P01", "admin shutdown"));
        ch.fail(original);
        assertEquals(1, ch.next().byteAt(0));
        ConnectorException e = assertThrows(ConnectorException.class, ch::next);
        assertEquals(original.error(), e.error());
        assertSame(original, e.getCause());
        ConnectorException again = assertThrows(ConnectorException.class, ch::next);
        assertEquals("57P01", again.error().code(), "failure is sticky");
    }

    @Test
    void plainProducerFailureBecomesChannelClosedWithTheCause() {
        StageChannel ch = new StageChannel(1);
        IllegalStateException boom = new IllegalStateException("boom");
        ch.fail(boom);
        ConnectorException e = assertThrows(ConnectorException.class, ch::next);
        assertEquals(ErrorCodes.CHANNEL_CLOSED, e.error().code());
        assertEquals(ErrorCategory.INTERNAL, e.error().category());
        assertTrue(e.error().message().contains("boom"), e.error().message());
        assertSame(boom, e.getCause());
    }

    @Test
    void failWakesABlockedConsumer() throws Exception {
        StageChannel ch = new StageChannel(1);
        Future<FramePayload> next = start(ch::next);
        awaitBlocked(next);
        ch.fail(new RuntimeException("source died"));
        assertEquals(ErrorCodes.CHANNEL_CLOSED, cause(next).error().code());
    }

    @Test
    void firstTerminalSignalWins() throws Exception {
        StageChannel finished = new StageChannel(1);
        finished.finish();
        finished.fail(new RuntimeException("after finish"));
        assertNull(finished.next());

        StageChannel failed = new StageChannel(1);
        failed.fail(new RuntimeException("first"));
        failed.finish();
        assertThrows(ConnectorException.class, failed::next);
    }

    // ---- interruption -------------------------------------------------------------------

    @Test
    void interruptEndsABlockedNext() throws Exception {
        StageChannel ch = new StageChannel(1);
        Future<FramePayload> next = start(ch::next);
        awaitBlocked(next).interrupt();
        ExecutionException e = assertThrows(ExecutionException.class, () -> next.get(10, TimeUnit.SECONDS));
        assertInstanceOf(InterruptedException.class, e.getCause());
    }

    @Test
    void interruptEndsABlockedEmitWithoutEnqueueing() throws Exception {
        StageChannel ch = new StageChannel(1);
        ch.emit(batchOf(1));
        Future<Object> emit = start(() -> {
            ch.emit(batchOf(2));
            return null;
        });
        awaitBlocked(emit).interrupt();
        ExecutionException e = assertThrows(ExecutionException.class, () -> emit.get(10, TimeUnit.SECONDS));
        assertInstanceOf(InterruptedException.class, e.getCause());
        assertEquals(1, ch.depth());
        ch.finish();
        assertEquals(1, ch.next().byteAt(0));
        assertNull(ch.next());
    }

    // ---- concurrency and arguments ------------------------------------------------------

    @Test
    void concurrentProducerAndConsumerKeepOrder() throws Exception {
        StageChannel ch = new StageChannel(3, 64);
        int count = 20_000;
        Future<Object> producer = start(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    ch.emit(FramePayload.wrap(new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16)}));
                }
                ch.finish();
            } catch (Throwable t) {
                ch.fail(t);
            }
            return null;
        });
        int received = 0;
        for (FramePayload p = ch.next(); p != null; p = ch.next()) {
            int v = (p.byteAt(0) & 0xFF) | (p.byteAt(1) & 0xFF) << 8 | (p.byteAt(2) & 0xFF) << 16;
            assertEquals(received, v);
            assertTrue(ch.depth() <= 3);
            received++;
        }
        producer.get(10, TimeUnit.SECONDS);
        assertEquals(count, received);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new StageChannel(0));
        assertThrows(IllegalArgumentException.class, () -> new StageChannel(1, 0));
        StageChannel ch = new StageChannel(1);
        assertThrows(NullPointerException.class, () -> ch.emit(null));
        assertThrows(NullPointerException.class, () -> ch.fail(null));
        assertEquals(0, ch.depth());
    }
}
