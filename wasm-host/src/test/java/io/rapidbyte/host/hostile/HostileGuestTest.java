package io.rapidbyte.host.hostile;

import static io.rapidbyte.host.testing.ProbeDriver.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.dylibso.chicory.wasm.ChicoryException;
import io.rapidbyte.host.channels.BatchOutput;
import io.rapidbyte.host.channels.StageChannel;
import io.rapidbyte.host.frames.FrameLimits;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.GuestCallException;
import io.rapidbyte.host.lifecycle.InstanceLimits;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.sockets.NetworkAcl;
import io.rapidbyte.host.sockets.SocketOptions;
import io.rapidbyte.host.testing.ProbeDriver;
import io.rapidbyte.host.testing.RecordingListener;
import io.rapidbyte.host.types.ConnectorException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile guest: the probe runs random sequences of host calls with random arguments
 * ({@link RandomScripts}), one fresh instance per script, while a well-behaved pipeline of two
 * other instances moves batches on another thread. Whatever the guest does, the host answers
 * with the guest's own failure (a connector error, a wasm trap, an ABI violation) and never with
 * a failure of its own (a Java exception escaping a host function, {@code HOST_INTERNAL_ERROR}, a
 * hang); every instance's frames are freed and counted at teardown, its sockets are closed (the
 * peer sees them end), and the pipeline next to it delivers every batch intact. The call timeout
 * only catches a hung host: no script op blocks longer than the 20 ms socket poll.
 */
class HostileGuestTest {
    private static final int SCRIPTS = 120;
    private static final FrameLimits TIGHT = new FrameLimits(12, 2L << 20, 6L << 20);
    private static final InstanceLimits LIMITS = InstanceLimits.DEFAULT.withMaxMemoryPages(1161)
            .withCallTimeout(Duration.ofSeconds(60)).withFrames(TIGHT);
    private static final SocketOptions SOCKETS =
            new SocketOptions(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(20), 4);

    private ServerSocket server;
    private Thread acceptor;
    private final AtomicInteger openPeers = new AtomicInteger();
    private final List<Socket> peers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "hostile-echo-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void close() throws Exception {
        server.close();
        acceptor.join(10_000);
        for (Socket s : peers) {
            s.close();
        }
    }

    /** Echoes every connection until the guest's side closes it. */
    private void accept() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            peers.add(s);
            openPeers.incrementAndGet();
            Thread echo = new Thread(() -> {
                try (InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    byte[] buf = new byte[4096];
                    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                        out.write(buf, 0, n);
                    }
                } catch (IOException e) {
                    // reset by the host closing it: also an end
                } finally {
                    openPeers.decrementAndGet();
                }
            }, "hostile-echo");
            echo.setDaemon(true);
            echo.start();
        }
    }

    @Test
    void randomHostCallsNeverBreakTheHostLeakOrStopOtherConnectors() throws Exception {
        AtomicBoolean chaosDone = new AtomicBoolean();
        Steady steady = new Steady(chaosDone);
        Thread neighbour = new Thread(steady, "hostile-neighbour");
        neighbour.start();

        Map<String, Integer> outcomes = new TreeMap<>();
        Set<String> called = new TreeSet<>();
        long reports = 0;
        long leakedSockets = 0;
        for (int seed = 0; seed < SCRIPTS; seed++) {
            List<Map<String, Object>> script = new RandomScripts(seed, server.getLocalPort()).script(40);
            RecordingListener listener = new RecordingListener();
            String outcome = runOne(script, listener, seed);
            outcomes.merge(outcome, 1, Integer::sum);
            List<ProbeDriver.Report> steps = ProbeDriver.reports(listener, "hostile");
            // A trap ends the script in the step after the last report: that call was made too.
            int made = Math.min(script.size(), steps.size() + ("ok".equals(outcome) ? 0 : 1));
            script.subList(0, made).forEach(op -> called.add(RandomScripts.call(op)));
            for (ProbeDriver.Report r : steps) {
                reports++;
                if (!r.ok()) {
                    String code = r.code();
                    assertTrue(!"HOST_INTERNAL_ERROR".equals(code), "seed " + seed + ", step " + r.step() + " ("
                            + r.op() + "): the host failed itself: " + r.error() + "\nscript: " + ProbeDriver.script(
                            script.toArray(new Map[0])));
                }
            }
            assertEquals(1, listener.teardowns.size(), "seed " + seed + ": one teardown per instance");
            leakedSockets += listener.teardowns.get(0).leakedSockets();
            awaitPeersClosed("seed " + seed);
        }
        int neighbourRunsDuringChaos = steady.runs.get();
        chaosDone.set(true);
        neighbour.join(120_000);

        System.out.println("hostile guest: outcomes " + outcomes + ", host calls reported " + reports
                + ", sockets accepted " + peers.size() + " (closed by teardown " + leakedSockets + "), neighbour runs "
                + neighbourRunsDuringChaos + " during, " + steady.runs.get() + " in all");
        awaitPeersClosed("after every script");
        List<String> missing = new ArrayList<>(RandomScripts.calls());
        missing.removeAll(called);
        assertEquals(List.of(), missing, "every kind of host call was made at least once");
        assertTrue(leakedSockets > 0, "some scripts left sockets open for the teardown to close");
        assertTrue(outcomes.getOrDefault("ok", 0) > 0 && outcomes.getOrDefault("GUEST_TRAP", 0) > 0,
                "the scripts should both complete and trap: " + outcomes);
        assertTrue(reports > SCRIPTS * 5L, "the guest got to make its calls: " + reports + " reports");
        assertEquals(null, steady.failure, () -> "the neighbouring pipeline failed: " + steady.failure);
        assertTrue(neighbourRunsDuringChaos > 0, "the neighbouring pipeline moved data while the hostile guest ran");
        assertEquals(steady.runs.get() * Steady.BATCHES * ProbeDriver.patternSum(Steady.BYTES), steady.checksum.get(),
                "every batch of the neighbouring pipeline arrived intact");

        // And a fresh instance afterwards works as on the first day.
        RecordingListener after = new RecordingListener();
        assertEquals("ok", runOne(List.of(op("frame-new", "as", "x"), op("frame-write", "frame", "x", "text", "hi"),
                op("frame-seal", "frame", "x"), op("frame-len", "frame", "x"), op("frame-drop", "frame", "x")),
                after, -1));
        assertEquals(2L, ProbeDriver.reports(after, "hostile").get(3).value());
        assertEquals(new RecordingListener.Teardown("hostile", 0, 0), after.teardowns.get(0));
    }

    /**
     * One script in a fresh instance with input batches, an output, the echo server allowed and
     * tight frame limits. Returns "ok" or the guest failure's code; any other outcome fails.
     */
    private String runOne(List<Map<String, Object>> script, RecordingListener listener, long seed) throws Exception {
        StageChannel input = new StageChannel(8);
        for (int i = 0; i < 3; i++) {
            input.emit(FramePayload.wrap(new byte[1000 * (i + 1)]));
        }
        input.finish();
        String outcome;
        ConnectorInstance instance = null;
        int live = -1;
        try {
            instance = ConnectorInstance.builder(ProbeDriver.module(), Role.DESTINATION)
                    .name("hostile").listener(listener).limits(LIMITS)
                    .network(NetworkAcl.of(List.of("127.0.0.1:" + server.getLocalPort())), SOCKETS)
                    .input(input).output(new Discard())
                    .build();
            instance.open(ProbeDriver.script(script.toArray(new Map[0])));
            try {
                instance.runWrite("{\"stream\":\"hostile\",\"limits\":{},\"resume\":null}");
                outcome = "ok";
            } catch (GuestCallException e) {
                outcome = guestFailure(e, script, seed);
            } catch (ConnectorException e) {
                outcome = "error:" + e.error().code();
            }
            live = instance.liveFrames();
        } catch (RuntimeException e) {
            fail("seed " + seed + ": the host failed with " + e + "\nscript: " + ProbeDriver.script(script.toArray(new Map[0])), e);
            return null;
        } finally {
            if (instance != null) {
                try {
                    instance.close();
                } catch (ConnectorException e) {
                    // the guest's close export may fail; teardown still ran
                }
            }
        }
        RecordingListener.Teardown t = listener.teardowns.get(0);
        assertEquals(live, t.leakedFrames(), "seed " + seed + ": every frame still live was freed and counted");
        assertEquals(0, instance.liveFrames(), "seed " + seed + ": no frame survives teardown");
        return outcome;
    }

    /**
     * The guest's own failure: a trap must be a wasm trap (Chicory's, or the host's ABI trap),
     * never a Java exception escaping a host function, and nothing may hang or be cancelled.
     */
    private static String guestFailure(GuestCallException e, List<Map<String, Object>> script, long seed) {
        String where = "seed " + seed + ": " + e.getMessage() + "\nscript: " + ProbeDriver.script(script.toArray(new Map[0]));
        switch (e.kind()) {
            case TRAP:
                assertTrue(e.getCause() instanceof ChicoryException, "a host function failed with "
                        + e.getCause() + " instead of trapping the guest; " + where);
                return e.kind().code();
            case ABI_VIOLATION:
                return e.kind().code();
            default:
                return fail("the host hung or was cancelled: " + where, e);
        }
    }

    private void awaitPeersClosed(String when) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (openPeers.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, openPeers.get(), when + ": every socket a guest opened was closed by the host at teardown");
    }

    /** An output that takes every batch. */
    private static final class Discard implements BatchOutput {
        @Override
        public void emit(FramePayload batch) {
        }

        @Override
        public void finish() {
        }

        @Override
        public void fail(Throwable cause) {
        }
    }

    /** A probe source emitting patterned batches into a probe destination that checksums them, over and over. */
    private static final class Steady implements Runnable {
        static final int BATCHES = 20;
        static final int BYTES = 64 * 1024;
        final AtomicBoolean stop;
        final AtomicInteger runs = new AtomicInteger();
        final AtomicLong checksum = new AtomicLong();
        volatile Throwable failure;

        Steady(AtomicBoolean stop) {
            this.stop = stop;
        }

        @Override
        public void run() {
            try {
                while (!stop.get() || runs.get() == 0) {
                    StageChannel channel = new StageChannel(4);
                    RecordingListener listener = new RecordingListener();
                    Thread producer = new Thread(() -> {
                        try (ConnectorInstance src = ConnectorInstance.builder(ProbeDriver.module(), Role.SOURCE)
                                .name("steady-src").output(channel).build()) {
                            src.open(ProbeDriver.script(op("generate", "batches", BATCHES, "size", BYTES)));
                            src.runRead("{\"stream\":\"steady\",\"limits\":{},\"resume\":null}");
                            channel.finish();
                        } catch (RuntimeException e) {
                            channel.fail(e);
                        }
                    }, "steady-src");
                    producer.start();
                    try (ConnectorInstance dst = ConnectorInstance.builder(ProbeDriver.module(), Role.DESTINATION)
                            .name("steady-dst").listener(listener).input(channel).build()) {
                        dst.open(ProbeDriver.script(op("drain")));
                        dst.runWrite("{\"stream\":\"steady\",\"limits\":{},\"resume\":null}");
                    }
                    producer.join();
                    ProbeDriver.Report drained = ProbeDriver.reports(listener, "steady-dst").get(0);
                    if (drained.field("batches") != BATCHES) {
                        throw new AssertionError("drained " + drained.map());
                    }
                    checksum.addAndGet(drained.field("sum"));
                    runs.incrementAndGet();
                }
            } catch (Throwable t) {
                failure = t;
            }
        }
    }
}
