package io.rapidbyte.dest.postgres;

import static io.rapidbyte.dest.postgres.FrameBuilder.BOOL;
import static io.rapidbyte.dest.postgres.FrameBuilder.INT64;
import static io.rapidbyte.dest.postgres.FrameBuilder.UTF8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.channels.StageChannel;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.StreamLimits;
import io.rapidbyte.postgres.testkit.TcpProxy;
import io.rapidbyte.postgres.testkit.TestPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connection to PostgreSQL is lost at a random moment of a run — the server crashes
 * ({@code pg_ctl stop -m immediate}, then restarts), a relay between connector and server resets
 * both sides, or the backend is terminated — while batches are being copied, merged or committed.
 * The run must end normally or with a retryable error (never a guest exception, never a
 * non-retryable one), and replaying the same batches, as the sink does, must leave every row in
 * the table exactly once, in append mode (watermark) and in upsert mode, on the direct COPY path
 * and the staged one (a {@code jsonb} column is cast from a staging table).
 *
 * <p>{@code -Drapidbyte.connectionLoss.iterations=N} runs more rounds (default 6, two of each
 * fault) and {@code -Drapidbyte.connectionLoss.seed=S} other moments; the seed is in every
 * failure message.
 */
class ConnectionLossTest {
    private static final int BATCHES = 8;
    private static final int ROWS = 400;
    /** Between two batches: the run lasts longer than the fault's random delay, so most faults hit it. */
    private static final int FEED_PAUSE_MS = 80;
    private static final Duration RESTART = Duration.ofMinutes(2);
    private static final StreamLimits COMMIT_EVERY_1000_ROWS = new StreamLimits(1_000_000, 10_000, 8, 0, 1_000, 0);

    private static TestPostgres pg;
    private static TcpProxy relay;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        pg = TestPostgres.start(Files.createTempDirectory("dest-loss").resolve("pgdata"), port);
        relay = new TcpProxy("dest-loss", 0, pg.port());
    }

    @AfterAll
    static void stop() {
        relay.close();
        pg.close();
    }

    private enum Fault { CRASH, CUT, TERMINATE }

    @Test
    void aConnectionLostAtAnyMomentIsRetryableAndTheReplayLoadsEveryRowOnce() throws Exception {
        int iterations = Integer.getInteger("rapidbyte.connectionLoss.iterations", 6);
        long seed = Long.getLong("rapidbyte.connectionLoss.seed", 20261207L);
        Random random = new Random(seed);
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            Fault fault = Fault.values()[i % Fault.values().length];
            String mode = i % 2 == 0 ? "append" : "upsert";
            outcomes.add(fault + "/" + mode + ": "
                    + round("round " + i + " (seed " + seed + ", " + fault + ", " + mode + ")", fault, mode, random));
        }
        assertTrue(outcomes.stream().anyMatch(o -> !o.endsWith(": ok")),
                "some fault must have hit a run (else nothing was tested): " + outcomes);
    }

    /**
     * The server goes away while COPY data is still being sent, so it is a socket write that fails
     * (most losses surface on a read instead): the COPY is aborted on a broken session, whose
     * secondary failure must not be attached with {@code Throwable.addSuppressed}, which throws a
     * NullPointerException in TeaVM 0.13.1 guests (the run then ended with a non-retryable
     * GUEST_EXCEPTION, found by the chaos runner's PostgreSQL crashes). Retryable, and the replay
     * loads every row once.
     */
    @Test
    void aConnectionLostWhileCopyDataIsBeingSentIsRetryable() throws Exception {
        DestHarness h = new DestHarness(pg, "loss_write");
        int rows = 20_000;
        List<Object> ids = new ArrayList<>();
        List<Object> notes = new ArrayList<>();
        for (int r = 1; r <= rows; r++) {
            ids.add((long) r);
            notes.add("note " + r + " " + "x".repeat(200));
        }
        List<byte[]> input = List.of(FrameBuilder.batch("public.orders", "w1", 1).primaryKey("id")
                .col(FrameBuilder.field("id", INT64, false, "bigint"), ids)
                .col("note", UTF8, "text", notes)
                .build());
        relay.cutAfterUpstream(1 << 20); // about a quarter of the COPY data: the rest is still to be written
        DestHarness.Run first = h.runVia(h.config("port", relay.port(), "write_mode", "append"), "public.orders",
                input, COMMIT_EVERY_1000_ROWS, relay.port());
        assertTrue(first.error != null, "the cut must end the run");
        assertTrue(first.error.error().retryable(), "a lost connection must be retryable, got " + first.error.error()
                + "\nlogs: " + first.logs);
        assertTrue(first.error.error().message().contains("socket-write-frame"),
                "the loss must have hit a socket write: " + first.error.error());

        h.run(h.config("write_mode", "append"), "public.orders", input, COMMIT_EVERY_1000_ROWS).ok();
        assertEquals(List.of(List.of(Long.toString(rows), Long.toString(rows))),
                h.rows("SELECT count(*), count(DISTINCT id) FROM public.orders"), "every row exactly once");
    }

    /** One round; returns how its first run ended ({@code ok} or the error's category/code). */
    private String round(String what, Fault fault, String mode, Random random) throws Exception {
        DestHarness h = new DestHarness(pg, "loss");
        String config = h.config("port", relay.port(), "write_mode", mode);
        List<byte[]> input = orders("r1");
        if (random.nextBoolean()) {
            // Some rounds start with part of the stream committed, as after an earlier run.
            h.run(h.config("write_mode", mode), "public.orders", input.subList(0, 2), COMMIT_EVERY_1000_ROWS).ok();
        }

        DestHarness.Run first = new DestHarness.Run();
        StageChannel channel = new StageChannel(BATCHES);
        Thread writer = new Thread(() -> runWrite(h, config, channel, first), "dest-under-test");
        writer.start();
        Thread feeder = new Thread(() -> feed(channel, input), "feeder");
        feeder.start();
        Thread.sleep(random.nextInt(BATCHES * FEED_PAUSE_MS));
        switch (fault) {
            case CRASH -> pg.restartImmediately(RESTART);
            case CUT -> relay.cutAll();
            case TERMINATE -> h.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                    + h.database + "' AND application_name = 'rapidbyte-dest-postgres'");
        }
        feeder.join();
        writer.join();
        if (first.error != null) {
            assertTrue(first.error.error().retryable(), what + ": a lost connection must be retryable, got "
                    + first.error.error() + "\nlogs: " + first.logs);
        }

        // The sink replays every batch that was not confirmed; replaying them all is the hardest case.
        h.run(h.config("write_mode", mode), "public.orders", input, COMMIT_EVERY_1000_ROWS).ok();
        long rows = (long) BATCHES * ROWS;
        assertEquals(List.of(List.of(Long.toString(rows), Long.toString(rows), Long.toString(rows * (rows + 1) / 2))),
                h.rows("SELECT count(*), count(DISTINCT id), sum(id) FROM public.orders"),
                what + ": every row exactly once (count, distinct ids, sum of ids); first run: "
                        + (first.error == null ? "ok" : first.error.error()));
        assertEquals("0", h.value("SELECT count(*) FROM public.orders WHERE attrs->>'id' <> id::text"),
                what + ": each row's values belong to it");
        return first.error == null ? "ok" : first.error.error().category() + "/" + first.error.error().code();
    }

    private static void runWrite(DestHarness h, String config, StageChannel input, DestHarness.Run run) {
        try (ConnectorInstance dest = h.instanceVia(input, run, relay.port())) {
            dest.open(config);
            run.summary = dest.runWrite(COMMIT_EVERY_1000_ROWS.contextJson("public.orders", null));
        } catch (ConnectorException e) {
            run.error = e;
        }
    }

    /** Emits the batches a little apart, so the fault can land between, inside or at the end of them. */
    private static void feed(StageChannel channel, List<byte[]> input) {
        try {
            for (byte[] frame : input) {
                channel.emit(FramePayload.wrap(frame));
                Thread.sleep(FEED_PAUSE_MS);
            }
            channel.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The run ended early (failed) and closed its input: the replay sends everything again.
        }
    }

    private static List<byte[]> orders(String run) {
        List<byte[]> out = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            List<Object> ids = new ArrayList<>();
            List<Object> notes = new ArrayList<>();
            List<Object> flags = new ArrayList<>();
            List<Object> attrs = new ArrayList<>();
            for (int r = 0; r < ROWS; r++) {
                long id = (long) b * ROWS + r + 1;
                ids.add(id);
                notes.add(id % 5 == 0 ? null : "note " + id + " \u00fc\u00efc\u00f8d\u00e9");
                flags.add(id % 3 == 0);
                attrs.add("{\"id\": " + id + ", \"channel\": \"web\"}");
            }
            out.add(FrameBuilder.batch("public.orders", run, b + 1).primaryKey("id")
                    .col(FrameBuilder.field("id", INT64, false, "bigint"), ids)
                    .col("note", UTF8, "text", notes)
                    .col("flag", BOOL, flags)
                    .col("attrs", UTF8, "jsonb", attrs)
                    .build());
        }
        return out;
    }
}
