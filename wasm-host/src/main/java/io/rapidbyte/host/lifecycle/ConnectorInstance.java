package io.rapidbyte.host.lifecycle;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiPreview1;
import io.rapidbyte.host.abi.CanonicalEnums;
import io.rapidbyte.host.abi.ExportReturn;
import io.rapidbyte.host.channels.BatchInput;
import io.rapidbyte.host.channels.BatchOutput;
import io.rapidbyte.host.frames.CopyCounter;
import io.rapidbyte.host.frames.FrameLimits;
import io.rapidbyte.host.frames.FrameTable;
import io.rapidbyte.host.imports.GuestBinding;
import io.rapidbyte.host.imports.HostContext;
import io.rapidbyte.host.imports.HostListener;
import io.rapidbyte.host.imports.StateNamespaces;
import io.rapidbyte.host.sockets.NetworkAcl;
import io.rapidbyte.host.sockets.SocketOptions;
import io.rapidbyte.host.sockets.SocketTable;
import io.rapidbyte.host.state.InMemoryStateStore;
import io.rapidbyte.host.state.StateStore;
import io.rapidbyte.host.timing.GuestClock;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCodes;
import io.rapidbyte.host.types.LogLevel;
import io.rapidbyte.host.types.ReadSummary;
import io.rapidbyte.host.types.TransformSummary;
import io.rapidbyte.host.types.ValidationResult;
import io.rapidbyte.host.types.ValidationStatus;
import io.rapidbyte.host.types.WriteSummary;
import java.time.Duration;
import java.util.Objects;

/**
 * One run of a wasm connector: a Chicory instance of a {@link ConnectorModule} with its own
 * frame table, socket table, capped memory and WASI sandbox, and methods mirroring the WIT
 * exports of its {@link Role}.
 *
 * <p><b>Threading.</b> Not thread-safe. Build it, call its methods and close it from one
 * thread: the guest runs on the calling thread, and the wall-clock timeout and cancellation
 * work by interrupting that thread. Only {@link #cancel()} may be called from other threads;
 * interrupting the owning thread also cancels the current call
 * ({@link GuestCallException.Kind#CANCELLED}).
 *
 * <p><b>Ownership.</b> The instance owns its frames and sockets and frees them in
 * {@link #close()}; batches it emits belong to the {@link BatchOutput} from then on, batches it
 * receives become frames it owns. The state store, listener, channels and copy counter are the
 * caller's and are only used. The guest's linear memory is built from 64 KiB pages of a JVM-wide
 * pool (zeroed when taken, so no guest ever sees another's bytes) and {@link #close()} gives them
 * back for the next instance; the pool keeps at most 64 MiB unless the system property
 * {@code rapidbyte.wasm.memory.pool.mb} says otherwise (0: every instance allocates its own).
 *
 * <p><b>Failures.</b> An {@code err} returned by the guest is thrown as
 * {@link ConnectorException} carrying the guest's error unchanged; the instance stays usable.
 * Traps, timeouts, cancellation and ABI violations throw {@link GuestCallException} and leave
 * only {@link #close()} usable.
 */
public final class ConnectorInstance implements AutoCloseable {
    private final String name;
    private final Role role;
    private final ConnectorModule module;
    private final HostListener listener;
    private final CopyCounter copies;
    private final GuestClock clock;
    private final FrameTable frames;
    private final SocketTable sockets;
    private final WasiPreview1 wasi;
    private final LineLogStream stdout;
    private final LineLogStream stderr;
    private final ExportInvoker invoker;
    private final GuestBinding binding;
    private final PooledMemoryFactory memories;
    private boolean opened;
    private boolean closed;
    private int leakedFrames;
    private int leakedSockets;

    private ConnectorInstance(Builder b) {
        this.memories = new PooledMemoryFactory(MemoryPagePool.shared());
        this.name = b.name;
        this.role = b.role;
        this.module = b.module;
        this.listener = b.listener;
        this.copies = b.copies;
        this.clock = b.clock;
        this.frames = new FrameTable(b.limits.frames(), copies);
        this.sockets = new SocketTable(b.acl, b.socketOptions, copies, frames.buffers());
        this.stdout = new LineLogStream(name, LogLevel.INFO, listener);
        this.stderr = new LineLogStream(name, LogLevel.WARN, listener);
        this.wasi = GuestInstantiator.wasi(name, stdout, stderr);
        HostContext ctx = new HostContext(name, frames, sockets, copies, b.state, b.namespaces, listener,
                b.input, b.output);
        this.binding = new GuestBinding();
        try {
            Instance instance = GuestInstantiator.instantiate(module, b.limits.maxMemoryPages(), memories, wasi, ctx,
                    binding, clock);
            binding.ensureBound(instance);
            this.invoker = new ExportInvoker(name, module, instance, binding, b.limits.callTimeout(), clock);
            invoker.start();
        } catch (RuntimeException | Error e) {
            teardown();
            throw e;
        }
    }

    /** A builder for an instance of {@code module} in {@code role}; checks the role's exports. */
    public static Builder builder(ConnectorModule module, Role role) {
        return new Builder(module, role);
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public ConnectorModule module() {
        return module;
    }

    /** {@code open(config-json)}. */
    public void open(String configJson) {
        Objects.requireNonNull(configJson, "configJson");
        invoker.call(export("open"), configJson, ret -> null);
        opened = true;
    }

    /** {@code discover()}: the catalog JSON. Source connectors only. */
    public String discover() {
        requireRole(Role.SOURCE, "discover");
        return invoker.call(export("discover"), null, ret -> ret.string(ExportReturn.PAYLOAD));
    }

    /** {@code validate()}. */
    public ValidationResult validate() {
        return invoker.call(export("validate"), null, ret -> new ValidationResult(
                CanonicalEnums.decode(ValidationStatus.values(), ret.u8(8), "validation-status"),
                ret.string(12)));
    }

    /** {@code run-read(ctx-json)}. Source connectors only. */
    public ReadSummary runRead(String ctxJson) {
        requireRole(Role.SOURCE, "run-read");
        return nothingLost("run-read", invoker.call(export("run-read"), Objects.requireNonNull(ctxJson, "ctxJson"),
                r -> new ReadSummary(r.u64(8), r.u64(16), r.u64(24), r.u64(32), r.u64(40))));
    }

    /** {@code run-write(ctx-json)}. Destination connectors only. */
    public WriteSummary runWrite(String ctxJson) {
        requireRole(Role.DESTINATION, "run-write");
        return nothingLost("run-write", invoker.call(export("run-write"), Objects.requireNonNull(ctxJson, "ctxJson"),
                r -> new WriteSummary(r.u64(8), r.u64(16), r.u64(24), r.u64(32), r.u64(40))));
    }

    /** {@code run-transform(ctx-json)}. Transform connectors only. */
    public TransformSummary runTransform(String ctxJson) {
        requireRole(Role.TRANSFORM, "run-transform");
        return nothingLost("run-transform", invoker.call(export("run-transform"), Objects.requireNonNull(ctxJson, "ctxJson"),
                r -> new TransformSummary(r.u64(8), r.u64(16), r.u64(24), r.u64(32), r.u64(40))));
    }

    /**
     * A run that returned ok after an incoming frame was refused for the frame limits still
     * fails: that batch or socket read is gone, so the run's outcome cannot be confirmed.
     */
    private <T> T nothingLost(String export, T summary) {
        String lost = frames.lostIncoming();
        if (lost != null) {
            throw new ConnectorException(ConnectorError.frame(ErrorCodes.FRAME_LIMIT_EXCEEDED, "connector '" + name
                    + "' ended " + export + " ok after an incoming frame was lost: " + lost));
        }
        return summary;
    }

    /**
     * Calls the guest's {@code close} (only if {@code open} succeeded and the guest is still
     * usable), then frees every frame and socket the guest still holds, reports the counts to
     * {@link HostListener#onTeardown}, releases WASI and gives the guest's memory pages back to the
 * pool ({@link #memoryBytes()} stays readable). Idempotent.
     *
     * @throws ConnectorException the guest's {@code close} error, after teardown completed
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        RuntimeException closeFailure = null;
        if (opened && isUsable()) {
            try {
                invoker.call(export("close"), null, ret -> null);
            } catch (RuntimeException e) {
                closeFailure = e;
            }
        }
        teardown();
        if (closeFailure != null) {
            throw closeFailure;
        }
    }

    private void teardown() {
        closed = true;
        leakedFrames = frames.close();
        leakedSockets = sockets.close();
        wasi.close();
        stdout.close();
        stderr.close();
        // Last: nothing runs in the guest any more (close is called on the owning thread, after
        // its guest calls returned), so its memory pages may go to the next instance.
        memories.releaseAll();
        listener.onTeardown(name, leakedFrames, leakedSockets);
    }

    /** False once a call trapped, timed out, was cancelled or broke the ABI, or after close. */
    public boolean isUsable() {
        return !closed && invoker.failure() == null && !invoker.isCancelled();
    }

    /**
     * Stops the guest from another thread (e.g. a Connect task's {@code stop()} while its
     * {@code poll()} runs the guest): the running call, and every later one, ends with
     * {@link GuestCallException.Kind#CANCELLED}. The owning thread must still call
     * {@link #close()}, which then skips the guest's own {@code close}. Thread-safe; idempotent;
     * never interrupts the owning thread outside a guest call.
     */
    public void cancel() {
        invoker.cancel();
    }

    /** Payload bytes copied across this instance's boundary (possibly shared with others). */
    public CopyCounter copies() {
        return copies;
    }

    /** Where this instance's guest calls spend their time (possibly shared with others). */
    public GuestClock clock() {
        return clock;
    }

    /**
     * Bytes of host buffers this instance reused instead of allocating (socket receive buffers,
     * socket-written frames; see {@code FrameLimits#reusableBytes}). Read it on the owning thread.
     */
    public long reusedBufferBytes() {
        return frames.buffers().reusedBytes();
    }

    /** Frames the guest holds right now. */
    public int liveFrames() {
        return frames.liveFrames();
    }

    /** Frames still live at teardown (0 before {@link #close()}). */
    public int leakedFrames() {
        return leakedFrames;
    }

    /** Sockets still open at teardown (0 before {@link #close()}). */
    public int leakedSockets() {
        return leakedSockets;
    }

    /**
     * Bytes of the guest's linear memory. Wasm memory never shrinks, so this is the instance's
     * high-water mark so far (what it counts against {@code wasm.memory.max.mb}); still readable
     * after {@link #close()}. Read it on the owning thread.
     */
    public long memoryBytes() {
        return binding.memory().size();
    }

    /** Wall-clock time spent in guest calls, including host functions they called. */
    public Duration timeInGuest() {
        return Duration.ofNanos(invoker.guestNanos());
    }

    private String export(String function) {
        if (closed) {
            throw new IllegalStateException("connector '" + name + "' is closed");
        }
        return role.exportName(function);
    }

    private void requireRole(Role required, String function) {
        if (role != required) {
            throw new IllegalStateException("connector '" + name + "' is a " + role + ", " + function
                    + " needs a " + required);
        }
    }

    /**
     * Configures and creates a {@link ConnectorInstance}. Everything but the module and role is
     * optional: no network, default limits, a private in-memory state store, a logging listener,
     * no channels. Not thread-safe.
     */
    public static final class Builder {
        private final ConnectorModule module;
        private final Role role;
        private String name;
        private InstanceLimits limits = InstanceLimits.DEFAULT;
        private NetworkAcl acl = NetworkAcl.denyAll();
        private SocketOptions socketOptions = SocketOptions.DEFAULT;
        private StateStore state;
        private StateNamespaces namespaces;
        private HostListener listener = HostListener.logging();
        private CopyCounter copies;
        private GuestClock clock;
        private BatchInput input;
        private BatchOutput output;

        private Builder(ConnectorModule module, Role role) {
            this.module = Objects.requireNonNull(module, "module");
            this.role = Objects.requireNonNull(role, "role");
        }

        /** The role this builder builds an instance for. */
        Role role() {
            return role;
        }

        /** The frame limits the instance will get. */
        FrameLimits frameLimits() {
            return limits.frames();
        }

        /** Name in logs, errors and listener calls; also WASI argv[0]. Default: the role. */
        public Builder name(String connectorName) {
            this.name = Objects.requireNonNull(connectorName, "name");
            return this;
        }

        public Builder limits(InstanceLimits instanceLimits) {
            this.limits = Objects.requireNonNull(instanceLimits, "limits");
            return this;
        }

        /** Who {@code connect-tcp} may reach, and socket timeouts. Default: deny all. */
        public Builder network(NetworkAcl networkAcl, SocketOptions options) {
            this.acl = Objects.requireNonNull(networkAcl, "acl");
            this.socketOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** State store and the ids its scopes map to. Default: private store, ids "local"/"default"/name. */
        public Builder state(StateStore store, StateNamespaces ids) {
            this.state = Objects.requireNonNull(store, "store");
            this.namespaces = Objects.requireNonNull(ids, "ids");
            return this;
        }

        public Builder listener(HostListener hostListener) {
            this.listener = Objects.requireNonNull(hostListener, "listener");
            return this;
        }

        /** Counter to add this instance's copies to (e.g. one per pipeline). Default: its own. */
        public Builder copyCounter(CopyCounter counter) {
            this.copies = Objects.requireNonNull(counter, "counter");
            return this;
        }

        /** Clock to book this instance's guest and host-function time on (e.g. one per task). Default: its own. */
        public Builder clock(GuestClock guestClock) {
            this.clock = Objects.requireNonNull(guestClock, "clock");
            return this;
        }

        /** Upstream batches for {@code next-batch}; without one it returns {@code NO_CHANNEL}. */
        public Builder input(BatchInput batchInput) {
            this.input = batchInput;
            return this;
        }

        /** Downstream for {@code emit-batch}; without one it returns {@code NO_CHANNEL}. */
        public Builder output(BatchOutput batchOutput) {
            this.output = batchOutput;
            return this;
        }

        /**
         * Instantiates the module and runs its {@code _start}, on the calling thread (which
         * should be the thread that will use the instance).
         *
         * @throws InvalidModuleException the module lacks an export of the role, or cannot be
         *         instantiated within the limits
         * @throws GuestCallException {@code _start} trapped or timed out
         */
        public ConnectorInstance build() {
            module.requireRole(role);
            if (name == null) {
                name = role.name().toLowerCase(java.util.Locale.ROOT);
            }
            if (state == null) {
                state = new InMemoryStateStore();
                namespaces = new StateNamespaces("local", "default", name);
            }
            if (copies == null) {
                copies = new CopyCounter();
            }
            if (clock == null) {
                clock = new GuestClock();
            }
            return new ConnectorInstance(this);
        }
    }
}
