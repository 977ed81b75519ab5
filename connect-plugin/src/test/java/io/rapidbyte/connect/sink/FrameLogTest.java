package io.rapidbyte.connect.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.frames.FramePayload;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class FrameLogTest {
    private static FrameLog.Entry entry(int partition, long offset, int bytes) {
        byte[] value = new byte[bytes];
        return new FrameLog.Entry(FramePayload.wrap(value),
                new SinkRecord("t", partition, null, null, null, value, offset), 1);
    }

    @Test
    void aCheckpointConfirmsExactlyTheBatchesHandedOutBeforeIt() throws Exception {
        FrameLog log = new FrameLog(1 << 20, 0);
        FrameLog.Entry a = entry(0, 1, 10);
        FrameLog.Entry b = entry(0, 2, 10);
        FrameLog.Entry c = entry(0, 3, 10);
        log.append(a);
        log.append(b);
        log.append(c);
        log.beginRun();
        assertSame(a.payload(), log.next());
        assertSame(b.payload(), log.next());
        assertEquals(List.of(a, b), log.confirmDelivered(e -> { }));
        assertEquals(1, log.unconfirmed());
        assertSame(c.payload(), log.next());
        assertSame(c, log.lastDelivered());
    }

    @Test
    void aFailedRunIsReplayedFromTheFirstUnconfirmedBatch() throws Exception {
        FrameLog log = new FrameLog(1 << 20, 0);
        FrameLog.Entry a = entry(0, 1, 10);
        FrameLog.Entry b = entry(0, 2, 10);
        log.append(a);
        log.append(b);
        log.beginRun();
        log.next();
        log.confirmDelivered(e -> { });
        log.next();
        log.beginRun();
        assertSame(b.payload(), log.next(), "replay starts at the unconfirmed batch");
        log.endRun();
        assertNull(log.next(), "an ended run reads no more");
    }

    /**
     * Regression (found by the chaos runner): a run that failed after taking every batch left them
     * counted as handed out, so the writer waited for a new batch before replaying them; once the
     * source had finished, none came and the sink never recovered.
     */
    @Test
    void batchesOfARunThatFailedAfterTakingThemAllAreWorkWithoutANewBatch() throws Exception {
        FrameLog log = new FrameLog(1 << 20, 0);
        FrameLog.Entry a = entry(0, 1, 10);
        FrameLog.Entry b = entry(0, 2, 10);
        log.append(a);
        log.append(b);
        log.beginRun();
        log.next();
        log.next();
        log.runEnded(); // failed: nothing confirmed
        assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(30), log::awaitWork),
                "the failed run's batches wait for a replay");
        log.beginRun();
        assertSame(a.payload(), log.next(), "the replay starts at the first unconfirmed batch");
        assertSame(b.payload(), log.next());
        log.confirmDelivered(e -> { });
        log.runEnded();
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.close();
        });
        closer.start();
        assertFalse(log.awaitWork(), "with everything confirmed there is no work until the log closes");
        closer.join();
    }

    @Test
    void aFullLogWithEverythingHandedOutEndsTheRunSoTheDestinationCommits() throws Exception {
        FrameLog log = new FrameLog(1 << 20, 0);
        log.append(entry(0, 1, 700_000));
        log.beginRun();
        log.next();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                assertTrue(log.append(entry(0, 2, 700_000)));
            } catch (Throwable t) {
                error.set(t);
            }
        });
        producer.start();
        // The destination, waiting for more, is told the run is over once the producer is blocked.
        assertNull(log.next());
        assertEquals(1, log.confirmDelivered(e -> { }).size());
        producer.join();
        assertNull(error.get());
        assertEquals(1, log.unconfirmed());
    }

    @Test
    void revokedPartitionsLoseOnlyBatchesNotYetHandedOut() throws Exception {
        FrameLog log = new FrameLog(1 << 20, 0);
        FrameLog.Entry inGuest = entry(1, 1, 1);
        log.append(inGuest);
        log.append(entry(0, 1, 1));
        log.append(entry(1, 2, 1));
        log.beginRun();
        log.next();
        List<FrameLog.Entry> dropped = log.dropUndelivered(List.of(new TopicPartition("t", 1)));
        assertEquals(1, dropped.size());
        assertEquals(2, dropped.get(0).record().kafkaOffset());
        assertEquals(2, log.unconfirmed());
    }

    @Test
    void closeReleasesBlockedProducersAndReaders() throws Exception {
        FrameLog log = new FrameLog(1 << 20, 0);
        log.close();
        assertFalse(log.append(entry(0, 1, 1)));
        assertNull(log.next());
        assertFalse(log.awaitWork());
    }

    @Test
    void aFlushRequestedBetweenRunsEndsTheNextRunOnceItHasEverything() throws Exception {
        FrameLog log = new FrameLog(1 << 20, 0);
        FrameLog.Entry a = entry(0, 1, 10);
        log.append(a);
        log.endRun();
        log.beginRun();
        assertSame(a.payload(), log.next());
        assertNull(log.next(), "the flush applies to the run that starts after it");
        log.confirmDelivered(e -> { });
        log.runEnded();
        log.append(entry(0, 2, 10));
        log.beginRun();
        log.next();
        assertFalse(log.awaitConfirmed(0, () -> false), "unconfirmed while the run holds it");
        log.confirmDelivered(e -> { });
        log.runEnded();
        assertTrue(log.awaitConfirmed(0, () -> false));
    }

    @Test
    void aRunThatWasHandedBatchesEndsWhenItsInputPausesAndANewRunWaitsForInput() throws Exception {
        FrameLog log = new FrameLog(1 << 20, 50);
        FrameLog.Entry a = entry(0, 1, 10);
        log.append(a);
        log.beginRun();
        assertSame(a.payload(), log.next());
        long start = System.nanoTime();
        assertNull(log.next(), "no new batch within the idle time: the run ends so the destination commits");
        assertTrue(System.nanoTime() - start >= 40_000_000L, "waited for the idle time first");
        log.confirmDelivered(e -> { });
        log.runEnded();

        // A new run handed nothing yet does not idle out: it waits for its first batch.
        log.beginRun();
        FrameLog.Entry b = entry(0, 2, 10);
        Thread producer = new Thread(() -> {
            try {
                Thread.sleep(200);
                log.append(b);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        assertSame(b.payload(), log.next());
        producer.join();
    }

    @Test
    void withoutAnIdleTimeARunWaitsForInputOrAnEndRequest() throws Exception {
        FrameLog log = new FrameLog(1 << 20, 0);
        log.append(entry(0, 1, 10));
        log.beginRun();
        log.next();
        Thread ender = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            log.endRun();
        });
        long start = System.nanoTime();
        ender.start();
        assertNull(log.next());
        assertTrue(System.nanoTime() - start >= 150_000_000L, "the run ended only on request");
        ender.join();
    }

    @Test
    void aHeldLastEntryIsNotConfirmedUntilReleasedAndAReplayStartsAtIt() throws Exception {
        FrameLog log = new FrameLog(1 << 20, 0);
        FrameLog.Entry a = entry(0, 1, 10);
        FrameLog.Entry b = entry(0, 2, 10);
        log.append(a);
        log.append(b);
        log.beginRun();
        log.next();
        log.next();
        // b became two batches downstream and only the first reached the destination.
        log.holdLastDelivered(true);
        assertEquals(List.of(a), log.confirmDelivered(e -> { }));
        assertEquals(1, log.unconfirmed());
        log.holdLastDelivered(false);
        assertEquals(List.of(b), log.confirmDelivered(e -> { }));

        FrameLog.Entry c = entry(0, 3, 10);
        log.append(c);
        log.next();
        log.holdLastDelivered(true);
        assertEquals(List.of(), log.confirmDelivered(e -> { }));
        log.beginRun();
        assertSame(c.payload(), log.next(), "the replay starts at the held entry");
        assertEquals(List.of(c), log.confirmDelivered(e -> { }), "a new run starts without the hold");
    }
}
