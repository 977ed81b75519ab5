package io.rapidbyte.connect.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Hands records to Connect's {@link ErrantRecordReporter} (the sink dead-letter queue). Stream
 * threads only queue their reports; the task thread sends them in {@code put()} and
 * {@code preCommit()} and waits for them before offsets that cover them are committed, because
 * the worker's reporter is meant to be used from the task thread. Thread-safe.
 */
final class DeadLetters {
    private final ErrantRecordReporter reporter;
    private final List<Report> queued = new ArrayList<>();
    private final List<Future<Void>> inFlight = new ArrayList<>();

    private record Report(SinkRecord record, Throwable reason) {
    }

    /** @param reporter the task context's reporter, or null when no DLQ is configured */
    DeadLetters(ErrantRecordReporter reporter) {
        this.reporter = reporter;
    }

    boolean enabled() {
        return reporter != null;
    }

    /** Queues a report from any thread. */
    synchronized void queue(SinkRecord record, Throwable reason) {
        queued.add(new Report(record, reason));
    }

    /** Task thread: sends a report now. */
    void report(SinkRecord record, Throwable reason) {
        Future<Void> f = reporter.report(record, reason);
        synchronized (this) {
            inFlight.add(f);
        }
    }

    /** Task thread: sends every queued report. */
    void sendQueued() {
        List<Report> now;
        synchronized (this) {
            now = new ArrayList<>(queued);
            queued.clear();
        }
        now.forEach(r -> report(r.record(), r.reason()));
    }

    /** Task thread: sends queued reports and waits until every report so far is written. */
    void flush() {
        sendQueued();
        List<Future<Void>> wait;
        synchronized (this) {
            wait = new ArrayList<>(inFlight);
            inFlight.clear();
        }
        for (Future<Void> f : wait) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("interrupted while writing to the dead-letter queue", e);
            } catch (ExecutionException e) {
                throw new ConnectException("writing to the dead-letter queue failed", e.getCause());
            }
        }
    }
}
