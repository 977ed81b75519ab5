package io.rapidbyte.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.records.FrameSummary;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.types.ConnectorException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SourceBufferTest {
    private static SourceEvent.Batch batch(int bytes) {
        return new SourceEvent.Batch(FramePayload.wrap(new byte[bytes]), new FrameSummary(Map.of(), 1, 1, "sha256:x"));
    }

    @Test
    void batchesWaitForTheCheckpointThatCoversThem() throws Exception {
        SourceBuffer b = new SourceBuffer(1 << 20, false);
        b.open("s", "{\"c\":0}");
        b.add("s", batch(10));
        b.add("s", batch(10));
        assertTrue(b.drain(0).isEmpty(), "nothing is released before a checkpoint");
        b.checkpoint("s", "{\"c\":2}");
        List<Release> out = b.drain(0);
        assertEquals(1, out.size());
        Release.Events ev = (Release.Events) out.get(0);
        assertEquals(2, ev.events().size());
        assertEquals("{\"c\":0}", ev.priorCheckpoint());
        assertEquals("{\"c\":2}", ev.checkpoint());
        assertEquals("{\"c\":2}", b.checkpoint("s"));
        assertEquals(0, b.depth());
    }

    @Test
    void aFailedRunDropsItsUncoveredBatchesAndResumesFromTheLastCheckpoint() throws Exception {
        SourceBuffer b = new SourceBuffer(1 << 20, false);
        b.open("s", null);
        b.add("s", batch(5));
        b.checkpoint("s", "{\"c\":1}");
        b.add("s", batch(5));
        b.add("s", batch(5));
        assertEquals(2, b.endRun("s", false));
        List<Release> out = b.drain(0);
        assertEquals(1, out.size(), "only the covered group is delivered");
        assertEquals("{\"c\":1}", b.checkpoint("s"));
        assertEquals(0, b.depth());
    }

    @Test
    void aSuccessfulRunWithoutFinalCheckpointReleasesItsTailUncovered() throws Exception {
        SourceBuffer b = new SourceBuffer(1 << 20, false);
        b.open("s", "{\"c\":7}");
        b.add("s", batch(5));
        assertEquals(1, b.endRun("s", true));
        Release.Events ev = (Release.Events) b.drain(0).get(0);
        assertFalse(ev.covered());
        assertEquals("{\"c\":7}", ev.priorCheckpoint());
        assertEquals(1, b.uncoveredReleases());
    }

    @Test
    void strictModeRefusesToReleaseUncoveredBatches() throws Exception {
        SourceBuffer b = new SourceBuffer(1 << 20, true);
        b.open("s", null);
        b.add("s", batch(5));
        ConnectorException e = assertThrows(ConnectorException.class, () -> b.endRun("s", true));
        assertEquals("CHECKPOINT_MISSING", e.error().code());
    }

    @Test
    void aFullBufferWithNothingReleasableLetsHeldBatchesGoInsteadOfDeadlocking() throws Exception {
        SourceBuffer b = new SourceBuffer(1 << 20, false);
        b.open("s", null);
        b.add("s", batch(600_000));
        AtomicReference<Throwable> error = new AtomicReference<>();
        // The second batch does not fit and the first waits for a checkpoint the (blocked) connector
        // cannot send: the buffer releases the first uncovered, and the producer waits for poll.
        Thread producer = new Thread(() -> {
            try {
                b.add("s", batch(600_000));
            } catch (Throwable t) {
                error.set(t);
            }
        });
        producer.start();
        List<Release> out = b.drain(60_000);
        producer.join();
        assertNull(error.get());
        assertEquals(1, out.size());
        assertFalse(((Release.Events) out.get(0)).covered());
        assertEquals(1, ((Release.Events) out.get(0)).events().size());
        assertEquals(1, b.uncoveredReleases());
        assertEquals(1, b.depth(), "the second batch is held for its own checkpoint");
    }

    @Test
    void strictModeFailsTheTaskWhenTheConnectorOverflowsTheBufferWithoutCheckpoint() throws Exception {
        SourceBuffer b = new SourceBuffer(1 << 20, true);
        b.open("s", null);
        b.add("s", batch(600_000));
        ConnectorException e = assertThrows(ConnectorException.class, () -> b.add("s", batch(600_000)));
        assertEquals("CHECKPOINT_OVERDUE", e.error().code());
        assertThrows(ConnectorException.class, () -> b.drain(0), "poll fails the task with the reason");
    }

    @Test
    void aFullBufferBlocksTheProducerUntilPollTakesReleasedBatches() throws Exception {
        SourceBuffer b = new SourceBuffer(1 << 20, false);
        b.open("s", null);
        b.add("s", batch(700_000));
        b.checkpoint("s", "{\"c\":1}");
        CountDownLatch added = new CountDownLatch(1);
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                b.add("s", batch(700_000));
                added.countDown();
            } catch (Throwable t) {
                error.set(t);
            }
        });
        producer.start();
        // The producer cannot finish before the drain below frees room; drain returns the covered group.
        assertEquals(1, b.drain(0).size());
        producer.join();
        assertNull(error.get());
        assertEquals(0, added.getCount());
        assertEquals(1, b.depth());
    }

    @Test
    void stateChangesAreReleasedAtOnce() throws Exception {
        SourceBuffer b = new SourceBuffer(1 << 20, false);
        b.state("ns", "k", "v");
        assertEquals(List.of(new Release.StateChange("ns", "k", "v")), b.drain(0));
    }

    @Test
    void closeWakesEveryoneAndRefusesNewWork() throws Exception {
        SourceBuffer b = new SourceBuffer(1 << 20, false);
        b.open("s", null);
        b.close();
        assertTrue(b.drain(10_000).isEmpty(), "a closed buffer returns at once");
        assertThrows(ConnectorException.class, () -> b.add("s", batch(1)));
    }

    @Test
    void aFailureIsThrownAfterTheReleasedWorkIsTaken() throws Exception {
        SourceBuffer b = new SourceBuffer(1 << 20, false);
        b.open("s", null);
        b.add("s", batch(1));
        b.checkpoint("s", "{}");
        b.fail(new IllegalStateException("boom"));
        assertEquals(1, b.drain(0).size());
        assertThrows(IllegalStateException.class, () -> b.drain(0));
    }

    @Test
    void aFinishedStreamIsRecordedAfterItsLastGroupWithItsLastCheckpoint() throws Exception {
        SourceBuffer b = new SourceBuffer(1 << 20, false);
        b.open("s", "{\"c\":0}");
        b.open("t", null);
        b.add("s", batch(5));
        b.checkpoint("s", "{\"c\":1}");
        b.add("s", batch(5));
        b.add("t", batch(5));
        b.checkpoint("s", "{\"c\":2}");
        assertEquals(0, b.endRun("s", true));
        b.finish("s");
        List<Release> out = b.drain(0);
        assertEquals(3, out.size(), "t's batch waits for its own checkpoint");
        assertEquals("{\"c\":1}", ((Release.Events) out.get(0)).checkpoint());
        assertEquals("{\"c\":2}", ((Release.Events) out.get(1)).checkpoint());
        assertEquals(new Release.StreamFinished("s", "{\"c\":2}"), out.get(2));
    }

    @Test
    void aFinishedStreamFollowsItsUncoveredTailAndMayHaveNoCheckpoint() throws Exception {
        SourceBuffer b = new SourceBuffer(1 << 20, false);
        b.open("s", null);
        b.add("s", batch(5));
        assertEquals(1, b.endRun("s", true));
        b.finish("s");
        List<Release> out = b.drain(0);
        assertFalse(((Release.Events) out.get(0)).covered());
        assertEquals(new Release.StreamFinished("s", null), out.get(1));
    }

    @Test
    void finishIsRefusedOnceTheBufferIsClosedOrFailed() {
        SourceBuffer closed = new SourceBuffer(1 << 20, false);
        closed.open("s", null);
        closed.close();
        ConnectorException e = assertThrows(ConnectorException.class, () -> closed.finish("s"));
        assertEquals("CHANNEL_CLOSED", e.error().code());

        SourceBuffer failed = new SourceBuffer(1 << 20, false);
        failed.open("s", null);
        failed.fail(new IllegalStateException("another stream failed"));
        assertThrows(ConnectorException.class, () -> failed.finish("s"));
        assertThrows(IllegalStateException.class, () -> failed.drain(0), "no marker was queued");
    }

    @Test
    void aCheckpointCoveringNoEventIsReleasedOnItsOwnWhenItMovesThePosition() throws Exception {
        SourceBuffer b = new SourceBuffer(1 << 20, false);
        b.open("s", "{\"c\":0}");
        b.checkpoint("s", "{\"c\":0}");
        assertEquals(List.of(), b.drain(0), "the position did not move");
        b.checkpoint("s", "{\"c\":1}");
        b.add("s", batch(5));
        b.checkpoint("s", "{\"c\":2}");
        b.checkpoint("s", "{\"c\":3}");
        List<Release> out = b.drain(0);
        assertEquals(3, out.size(), out.toString());
        assertEquals(new Release.Checkpoint("s", "{\"c\":1}"), out.get(0));
        Release.Events ev = (Release.Events) out.get(1);
        assertEquals("{\"c\":1}", ev.priorCheckpoint());
        assertEquals("{\"c\":2}", ev.checkpoint());
        assertEquals(new Release.Checkpoint("s", "{\"c\":3}"), out.get(2));
        assertEquals("{\"c\":3}", b.checkpoint("s"));
    }
}
