package io.rapidbyte.host.pipeline;

import io.rapidbyte.host.channels.BatchInput;
import io.rapidbyte.host.channels.BatchOutput;
import io.rapidbyte.host.frames.CopyCounter;
import io.rapidbyte.host.imports.HostListener;
import io.rapidbyte.host.imports.StateNamespaces;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.state.StateStore;
import io.rapidbyte.host.types.RunSummary;
import java.time.Duration;

/**
 * One stage of one run, executed on its own thread: build the instance there (so the guest
 * lives on the thread that uses it), open, run, close, and end its output stream. Whatever
 * happens, the instance is closed (freeing its frames and sockets), the output is finished or
 * failed and the input abandoned, so neighbours never wait forever.
 *
 * <p>Results are written by the stage thread and read by the runner after joining it.
 */
final class StageRun implements Runnable {
    /** Told about a stage's failure before the stage fails its output channel. */
    interface FailureSink {
        void stageFailed(StageRun stage, Throwable failure);
    }

    private final StageSpec spec;
    private final Role role;
    private final BatchInput input;
    private final BatchOutput output;
    private final String ctxJson;
    private final StateStore state;
    private final StateNamespaces namespaces;
    private final HostListener listener;
    private final FailureSink failures;
    private final CopyCounter copies = new CopyCounter();
    private volatile Thread thread;

    private RunSummary summary;
    private Throwable failure;
    private int leakedFrames;
    private int leakedSockets;
    private Duration timeInGuest = Duration.ZERO;
    private long allocatedBytes;

    StageRun(StageSpec spec, Role role, BatchInput input, BatchOutput output, String ctxJson, StateStore state,
             StateNamespaces namespaces, HostListener listener, FailureSink failures) {
        this.spec = spec;
        this.role = role;
        this.input = input;
        this.output = output;
        this.ctxJson = ctxJson;
        this.state = state;
        this.namespaces = namespaces;
        this.listener = listener;
        this.failures = failures;
    }

    String name() {
        return spec.name();
    }

    void attach(Thread stageThread) {
        this.thread = stageThread;
    }

    @Override
    public void run() {
        long allocatedAtStart = ThreadAllocation.currentThread();
        ConnectorInstance instance = null;
        try {
            instance = ConnectorInstance.builder(spec.module(), role)
                    .name(spec.name())
                    .limits(spec.limits())
                    .network(spec.acl(), spec.socketOptions())
                    .state(state, namespaces)
                    .listener(listener)
                    .copyCounter(copies)
                    .input(input)
                    .output(output)
                    .build();
            instance.open(spec.configJson());
            summary = switch (role) {
                case SOURCE -> instance.runRead(ctxJson);
                case TRANSFORM -> instance.runTransform(ctxJson);
                case DESTINATION -> instance.runWrite(ctxJson);
            };
            instance.close();
            if (output != null) {
                output.finish();
            }
        } catch (Throwable t) {
            failure = t;
            // Report first, so that the neighbour failing on our closed channel is not
            // mistaken for the root cause.
            failures.stageFailed(this, t);
            if (output != null) {
                output.fail(t);
            }
        } finally {
            if (instance != null) {
                closeQuietly(instance);
                leakedFrames = instance.leakedFrames();
                leakedSockets = instance.leakedSockets();
                timeInGuest = instance.timeInGuest();
            }
            allocatedBytes = ThreadAllocation.currentThread() - allocatedAtStart;
            if (input != null) {
                input.abandon();
            }
        }
    }

    private void closeQuietly(ConnectorInstance instance) {
        try {
            instance.close();
        } catch (RuntimeException e) {
            // Only reachable after a failure (the success path closed already).
            failure.addSuppressed(e);
        }
    }

    /** Stops this stage because another failed: channels first, then the thread. */
    void cancel(Throwable cause) {
        if (output != null) {
            output.fail(cause);
        }
        if (input != null) {
            input.abandon();
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    Throwable failure() {
        return failure;
    }

    StageReport report() {
        return new StageReport(spec.name(), role, summary, copies, leakedFrames, leakedSockets, timeInGuest,
                allocatedBytes);
    }
}
