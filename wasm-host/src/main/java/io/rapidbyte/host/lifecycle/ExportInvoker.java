package io.rapidbyte.host.lifecycle;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExecutionCompletedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import io.rapidbyte.host.abi.ExportReturn;
import io.rapidbyte.host.abi.GuestSlice;
import io.rapidbyte.host.imports.GuestBinding;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Calls guest exports the canonical-ABI way (ABI.md section 4) under a wall-clock limit, and
 * turns everything that can go wrong into exceptions that name the connector and the export.
 *
 * <p>One call: lower the string argument through {@code cabi_realloc}, call the export, read
 * the return area completely, call {@code cabi_post_<export>} if the guest has it, then either
 * return the value or throw the guest's {@code err} as a {@link ConnectorException}. A trap,
 * timeout, cancellation or ABI violation throws {@link GuestCallException} and makes every later
 * call fail: the guest's state is unknown after it.
 *
 * <p>Confined to the instance's thread, except {@link #cancel()}.
 */
final class ExportInvoker {
    private final String connector;
    private final ConnectorModule module;
    private final Instance instance;
    private final GuestBinding guest;
    private final Duration timeout;
    private final Map<String, ExportFunction> functions = new HashMap<>();
    private long guestNanos;
    private GuestCallException failure;
    private volatile boolean cancelRequested;
    private volatile Watchdog.Guard current;

    ExportInvoker(String connector, ConnectorModule module, Instance instance, GuestBinding guest,
                  Duration timeout) {
        this.connector = connector;
        this.module = module;
        this.instance = instance;
        this.guest = guest;
        this.timeout = timeout;
    }

    /** Wall-clock time spent inside guest calls so far, host functions included. */
    long guestNanos() {
        return guestNanos;
    }

    /** The failure that made this instance unusable, or null. */
    GuestCallException failure() {
        return failure;
    }

    /**
     * Runs a reactor's {@code _initialize} once, if exported (C, Rust {@code cdylib} and TinyGo
     * guests set up their runtime there), then the WASI {@code _start} once, if exported (the
     * TeaVM runtime initialises its heap there); both under the watchdog, before any other export.
     * {@code proc_exit(0)} is a normal end.
     */
    void start() {
        if (module.hasExport("_initialize")) {
            invoke("_initialize", () -> {
                function("_initialize").apply();
                return null;
            });
        }
        if (!module.hasExport("_start")) {
            return;
        }
        invoke("_start", () -> {
            try {
                function("_start").apply();
            } catch (ExecutionCompletedException e) {
                // proc_exit(0) with throwOnExit0 disabled: a normal end.
            } catch (WasiExitException e) {
                if (e.exitCode() != 0) {
                    throw e;
                }
            }
            return null;
        });
    }

    /**
     * Calls {@code export} with an optional string argument ({@code null}: no parameters) and
     * reads the ok payload with {@code okReader}.
     *
     * @throws ConnectorException the guest's {@code err}, with every field as the guest set it
     * @throws GuestCallException trap, timeout, cancellation or ABI violation
     */
    <T> T call(String export, String argument, Function<ExportReturn, T> okReader) {
        ResultOrError<T> outcome = invoke(export, () -> {
            long[] args = new long[0];
            if (argument != null) {
                GuestSlice slice = guest.lowering().string(argument);
                args = new long[] {slice.ptr(), slice.len()};
            }
            int retptr = (int) function(export).apply(args)[0];
            ExportReturn ret = ExportReturn.at(guest.memory(), retptr);
            ResultOrError<T> result = ret.isOk()
                    ? new ResultOrError<>(okReader.apply(ret), null)
                    : new ResultOrError<>(null, ret.error());
            String post = "cabi_post_" + export;
            if (module.hasExport(post)) {
                function(post).apply(retptr);
            }
            return result;
        });
        if (outcome.error() != null) {
            throw new ConnectorException(outcome.error());
        }
        return outcome.value();
    }

    private record ResultOrError<T>(T value, ConnectorError error) {
    }

    @FunctionalInterface
    private interface GuestWork<T> {
        T run();
    }

    private <T> T invoke(String export, GuestWork<T> work) {
        if (failure != null) {
            throw new IllegalStateException("connector '" + connector + "' is unusable after an earlier failure: "
                    + failure.getMessage(), failure);
        }
        if (cancelRequested) {
            failure = new GuestCallException(GuestCallException.Kind.CANCELLED, connector, export,
                    "the instance was cancelled", null);
            throw failure;
        }
        Watchdog.Guard guard = Watchdog.arm(Thread.currentThread(), timeout);
        current = guard;
        // cancel() sets the flag before reading `current`; we publish `current` before reading the
        // flag: one of the two sides always sees the other, so no cancellation is lost.
        if (cancelRequested) {
            guard.cancel();
        }
        long start = System.nanoTime();
        RuntimeException problem;
        Watchdog.Outcome outcome;
        try {
            return work.run();
        } catch (RuntimeException e) {
            problem = e;
        } finally {
            current = null;
            outcome = guard.disarm();
            guestNanos += System.nanoTime() - start;
        }
        failure = classify(export, problem, outcome);
        throw failure;
    }

    /**
     * Stops the running call (if any) and every later one; callable from any thread. The call
     * ends with {@link GuestCallException.Kind#CANCELLED}.
     */
    void cancel() {
        cancelRequested = true;
        Watchdog.Guard guard = current;
        if (guard != null) {
            guard.cancel();
        }
    }

    boolean isCancelled() {
        return cancelRequested;
    }

    private GuestCallException classify(String export, RuntimeException e, Watchdog.Outcome outcome) {
        if (outcome == Watchdog.Outcome.TIMED_OUT) {
            return new GuestCallException(GuestCallException.Kind.TIMEOUT, connector, export,
                    "no result within " + timeout, e);
        }
        if (outcome == Watchdog.Outcome.CANCELLED) {
            return new GuestCallException(GuestCallException.Kind.CANCELLED, connector, export,
                    "the instance was cancelled", e);
        }
        if (e instanceof ChicoryInterruptedException || Thread.currentThread().isInterrupted()) {
            // The interrupt is not ours: leave the flag set for whoever cancelled us.
            return new GuestCallException(GuestCallException.Kind.CANCELLED, connector, export,
                    "thread interrupted", e);
        }
        if (e instanceof ConnectorException ce) {
            return new GuestCallException(GuestCallException.Kind.ABI_VIOLATION, connector, export,
                    ce.error().code() + ": " + ce.error().message(), e);
        }
        if (e instanceof WasiExitException exit) {
            return new GuestCallException(GuestCallException.Kind.TRAP, connector, export,
                    "guest called proc_exit(" + exit.exitCode() + ")", e);
        }
        return new GuestCallException(GuestCallException.Kind.TRAP, connector, export,
                e.getMessage() + memoryHint(e), e);
    }

    /**
     * Guests built with TeaVM do not check {@code memory.grow}: when the host's cap refuses to
     * grow memory they carry on and trap out of bounds. Point at the cap in that case.
     */
    private String memoryHint(RuntimeException trap) {
        com.dylibso.chicory.runtime.Memory memory = guest.memory().raw();
        int declaredMax = module.declaredMemory().map(l -> l.maximumPages()).orElse(Integer.MAX_VALUE);
        boolean outOfBounds = String.valueOf(trap.getMessage()).contains("out of bounds memory access");
        return outOfBounds && memory.maximumPages() < declaredMax
                ? " (guest memory is capped at " + memory.maximumPages() + " pages, " + memory.pages()
                        + " in use; a refused memory.grow ends the guest like this)"
                : "";
    }

    private ExportFunction function(String name) {
        return functions.computeIfAbsent(name, instance::export);
    }
}
