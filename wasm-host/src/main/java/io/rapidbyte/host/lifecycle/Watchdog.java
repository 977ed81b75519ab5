package io.rapidbyte.host.lifecycle;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Wall-clock limit for guest calls. Chicory checks {@link Thread#isInterrupted()} at every call
 * and loop back-edge of compiled (and interpreted) code and then throws
 * {@code ChicoryInterruptedException}; blocking host functions see the interrupt too. So
 * enforcing a timeout means interrupting the guest's thread when it expires.
 *
 * <p>The same mechanism serves {@link ConnectorInstance#cancel()} from other threads.
 *
 * <p>One daemon timer thread serves the whole JVM; it only ever runs the tiny interrupt task.
 */
final class Watchdog {
    private static final ScheduledExecutorService TIMER = timer();

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "rapidbyte-guest-watchdog");
            t.setDaemon(true);
            return t;
        });
        // Almost every call finishes in time: drop its cancelled task at once instead of keeping
        // it queued until the (possibly hours away) deadline.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private Watchdog() {
    }

    /** Starts timing {@code thread}; {@code timeout} null or zero means no limit. */
    static Guard arm(Thread thread, Duration timeout) {
        Guard guard = new Guard(thread);
        if (timeout != null && !timeout.isZero()) {
            guard.task = TIMER.schedule(guard::fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        return guard;
    }

    /** How a guarded call ended. */
    enum Outcome { COMPLETED, TIMED_OUT, CANCELLED }

    /**
     * One armed call. The state machine under the guard's lock makes sure an interrupt (from the
     * timer or from {@link #cancel()}) is only delivered while the call is still running, never
     * to whatever the thread does next, and that {@link #disarm()} clears exactly the interrupt
     * the guard delivered.
     */
    static final class Guard {
        private final Thread thread;
        private ScheduledFuture<?> task;
        private Outcome interruptedBy;
        private boolean done;

        private Guard(Thread thread) {
            this.thread = thread;
        }

        private void fire() {
            interrupt(Outcome.TIMED_OUT);
        }

        /** Interrupts the guarded call if it is still running; callable from any thread. */
        void cancel() {
            interrupt(Outcome.CANCELLED);
        }

        private synchronized void interrupt(Outcome why) {
            if (!done && interruptedBy == null) {
                interruptedBy = why;
                thread.interrupt();
            }
        }

        /**
         * Ends the guarded call, on the guarded thread. If the guard interrupted it, that interrupt
         * is cleared (an interrupt from anyone else stays set).
         */
        synchronized Outcome disarm() {
            if (task != null) {
                task.cancel(false);
                task = null;
            }
            if (done) {
                return interruptedBy == null ? Outcome.COMPLETED : interruptedBy;
            }
            done = true;
            if (interruptedBy == null) {
                return Outcome.COMPLETED;
            }
            Thread.interrupted();
            return interruptedBy;
        }
    }
}
