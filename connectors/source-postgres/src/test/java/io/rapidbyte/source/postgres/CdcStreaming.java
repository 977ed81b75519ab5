package io.rapidbyte.source.postgres;

import io.rapidbyte.host.channels.BatchOutput;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.imports.HostListener;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.sockets.NetworkAcl;
import io.rapidbyte.host.sockets.SocketOptions;
import io.rapidbyte.host.types.CheckpointKind;
import io.rapidbyte.host.types.LogLevel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * One long cdc {@code run-read} of the real source-postgres.wasm on its own thread, with a durable
 * position the test controls ({@link #durable}) and an optional pause after each emitted batch
 * ({@link #emitDelayMs}, the host's backpressure, to catch a snapshot midway). Frame i is followed
 * by checkpoint i. Thread-safe for one test thread beside the run.
 */
final class CdcStreaming implements AutoCloseable {
    final List<byte[]> frames = Collections.synchronizedList(new ArrayList<>());
    final List<String> checkpoints = Collections.synchronizedList(new ArrayList<>());
    final List<String> logs = Collections.synchronizedList(new ArrayList<>());
    final AtomicReference<String> durable = new AtomicReference<>();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final AtomicLong emitDelayMs = new AtomicLong();
    private final List<Map<String, Object>> decoded = new ArrayList<>();
    private int decodedFrames;
    private final Thread thread;
    private volatile ConnectorInstance instance;

    CdcStreaming(String config, String stream, String resume) {
        this(config, stream, resume, 0);
    }

    CdcStreaming(String config, String stream, String resume, long emitDelayMs) {
        this(config, stream, resume, emitDelayMs, List.of("127.0.0.1:" + Pg.port()));
    }

    /** {@code acl}: the host's network allow-list (default: the shared test server only). */
    CdcStreaming(String config, String stream, String resume, long emitDelayMs, List<String> acl) {
        this(config, stream, resume, emitDelayMs, acl, "");
    }

    /** {@code ctxMembers}: more ctx-json members, each with its leading comma (e.g. ranged_snapshot). */
    CdcStreaming(String config, String stream, String resume, long emitDelayMs, List<String> acl, String ctxMembers) {
        durable.set(resume);
        this.emitDelayMs.set(emitDelayMs);
        thread = new Thread(() -> run(config, stream, resume, acl, ctxMembers), "cdc-test");
        thread.start();
    }

    /** Whether the run-read returned (or failed). */
    boolean ended() {
        return !thread.isAlive();
    }

    private void run(String config, String stream, String resume, List<String> acl, String ctxMembers) {
        HostListener listener = new HostListener() {
            @Override
            public void onLog(String connector, LogLevel level, String message) {
                logs.add(level + " " + message);
            }

            @Override
            public void onCheckpoint(String connector, CheckpointKind kind, String s, String payloadJson) {
                checkpoints.add(payloadJson);
            }

            @Override
            public Optional<String> durableCheckpoint(String connector, String s) {
                return Optional.ofNullable(durable.get());
            }
        };
        BatchOutput output = new BatchOutput() {
            @Override
            public void emit(FramePayload batch) {
                frames.add(batch.toByteArray());
                long delay = emitDelayMs.get();
                if (delay > 0) {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void finish() {
            }

            @Override
            public void fail(Throwable cause) {
            }
        };
        try (ConnectorInstance i = ConnectorInstance.builder(SourceRun.module(), Role.SOURCE).name("cdc-test")
                .network(NetworkAcl.of(acl), SocketOptions.DEFAULT)
                .listener(listener).output(output).build()) {
            instance = i;
            i.open(config);
            i.runRead("{\"stream\":\"" + stream + "\",\"limits\":{\"max_batch_rows\":1000},\"resume\":"
                    + (resume == null ? "null" : resume) + ctxMembers + "}");
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    /** Every row emitted so far, in order (frames are decoded once each). */
    synchronized List<Map<String, Object>> rows() {
        List<byte[]> fresh;
        synchronized (frames) {
            fresh = new ArrayList<>(frames.subList(decodedFrames, frames.size()));
        }
        decoded.addAll(ArrowFrames.rows(fresh));
        decodedFrames += fresh.size();
        return new ArrayList<>(decoded);
    }

    String lastCheckpoint() {
        synchronized (checkpoints) {
            return checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
        }
    }

    void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!condition.getAsBoolean()) {
            if (failure.get() != null) {
                throw new AssertionError("the run failed while waiting for " + what + ": " + failure.get()
                        + "\n" + String.join("\n", logs), failure.get());
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; " + frames.size() + " frames\n"
                        + String.join("\n", logs));
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws InterruptedException {
        ConnectorInstance i = instance;
        if (i != null) {
            i.cancel();
        }
        thread.interrupt();
        thread.join(30_000);
    }
}
