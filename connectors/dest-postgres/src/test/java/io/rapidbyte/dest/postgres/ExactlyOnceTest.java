package io.rapidbyte.dest.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.channels.StageChannel;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.GuestCallException;
import io.rapidbyte.host.types.StreamLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The watermark table makes replays idempotent: kill a run between commits, replay, count. */
class ExactlyOnceTest {
    private static final int ROWS = 50;
    private final DestHarness h = new DestHarness("exactly_once");

    static List<byte[]> frames(String run, int count) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(AppendModeTest.people(run, i + 1, (long) i * ROWS + 1, ROWS));
        }
        return out;
    }

    @Test
    void aRunKilledBetweenCommitsThenReplayedHasNoPartialBatchAndNoDuplicate() throws Exception {
        List<byte[]> input = frames("r1", 10);
        // commit every 100 rows = every 2 batches
        StreamLimits limits = new StreamLimits(1_000_000, 10_000, 8, 0, 100, 0);
        StageChannel channel = new StageChannel(16);
        DestHarness.Run run = new DestHarness.Run();
        AtomicReference<ConnectorInstance> instance = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try (ConnectorInstance dest = h.instance(channel, run)) {
                instance.set(dest);
                dest.open(h.config());
                run.summary = dest.runWrite(limits.contextJson("public.people", null));
            } catch (io.rapidbyte.host.types.ConnectorException e) {
                run.error = e;
            }
        }, "dest-under-test");
        worker.start();
        for (int i = 0; i < 5; i++) {
            channel.emit(FramePayload.wrap(input.get(i)));
        }
        // batches 1-4 are committed (two commits); batch 5 sits in the open transaction once its
        // COPY is done and the guest waits for batch 6
        awaitCheckpoints(run, 2);
        awaitIdleAfterCopy();
        assertEquals(2, run.checkpoints.size(), run.checkpoints.toString());
        instance.get().cancel();
        worker.join();
        assertInstanceOf(GuestCallException.class, run.error);
        assertEquals(GuestCallException.Kind.CANCELLED, ((GuestCallException) run.error).kind());

        // no partial batch: exactly the 4 committed batches, which the last checkpoint names
        assertEquals(4L * ROWS, h.count("public.people"));
        assertTrue(run.checkpoints.get(1).contains("\"seq\":4"), run.checkpoints.get(1));
        assertEquals(List.of(List.of("r1", "4")), h.rows("SELECT sync_run, seq FROM public._rapidbyte_watermarks"));

        // replay everything from the start: 1-4 are skipped, 5-10 loaded once
        DestHarness.Run replay = h.run(h.config(), "public.people", input, limits);
        assertEquals(6L * ROWS, replay.ok().recordsWritten());
        assertEquals(6, replay.summary.batchesWritten());
        assertEquals(List.of(List.of("500", "500", "1", "500")),
                h.rows("SELECT count(*), count(DISTINCT id), min(id), max(id) FROM public.people"));
        assertEquals(List.of(List.of("r1", "10", "500")),
                h.rows("SELECT sync_run, seq, rows_total FROM public._rapidbyte_watermarks"));

        // and a replay of a fully committed run changes nothing
        DestHarness.Run again = h.run(h.config(), "public.people", input, limits);
        assertEquals(0, again.ok().recordsWritten());
        assertEquals(1, again.checkpoints.size(), "the skipped batches are still confirmed");
        assertEquals(500, h.count("public.people"));
    }

    @Test
    void aNewSyncRunIsNewData() {
        h.sql("CREATE TABLE public.people (id bigint, name text, flag boolean)"); // no key: duplicates allowed
        h.run(h.config(), "public.people", frames("r1", 2)).ok();
        assertEquals(100, h.count("public.people"));
        // same seq numbers, another run (a full refresh restarted): loaded again
        h.run(h.config(), "public.people", frames("r2", 2)).ok();
        assertEquals(200, h.count("public.people"));
        assertEquals(List.of(List.of("r2", "2")), h.rows("SELECT sync_run, seq FROM public._rapidbyte_watermarks"));
    }

    /** Waits (bounded) until the run has reported {@code n} checkpoints. */
    private static void awaitCheckpoints(DestHarness.Run run, int n) throws InterruptedException {
        for (int i = 0; i < 6000 && run.checkpoints.size() < n && run.error == null; i++) {
            Thread.sleep(10);
        }
        if (run.checkpoints.size() < n) {
            throw new AssertionError("expected " + n + " checkpoints, got " + run.checkpoints + "; error " + run.error);
        }
    }

    /**
     * Waits (bounded) until the connector's session is idle inside a transaction after a COPY:
     * after the second commit that is batch 5's transaction.
     */
    private void awaitIdleAfterCopy() throws InterruptedException {
        String q = "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + h.database + "' AND application_name = "
                + "'rapidbyte-dest-postgres' AND state = 'idle in transaction' AND query LIKE 'COPY %'";
        for (int i = 0; i < 6000; i++) {
            if ("1".equals(h.value(q))) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the connector never reached batch 5's open transaction");
    }
}
