package io.rapidbyte.connect.guest;

import io.rapidbyte.connect.metrics.TaskMetrics;
import io.rapidbyte.host.imports.DlqRecord;
import io.rapidbyte.host.imports.HostListener;
import io.rapidbyte.host.types.LogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link HostListener} that sends guest logs (and stdout/stderr lines) to the worker's log
 * through SLF4J, logger {@code io.rapidbyte.connect.guest}, and otherwise keeps the host's
 * defaults; with a task's {@link TaskMetrics}, guest {@code metric} reports and teardown leaks
 * become plugin metrics. Tasks extend it to consume checkpoints and dead-letter records.
 * Thread-safe.
 */
public class Slf4jHostListener implements HostListener {
    private static final Logger GUEST = LoggerFactory.getLogger("io.rapidbyte.connect.guest");

    private final TaskMetrics metrics;

    /** A listener that only logs (one-shot calls such as validation). */
    public Slf4jHostListener() {
        this(null);
    }

    /** @param metrics where guest metrics and teardown leaks go, or null */
    public Slf4jHostListener(TaskMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onMetric(String connector, String payloadJson) {
        if (metrics != null) {
            metrics.guest().record(payloadJson);
        }
        GUEST.debug("[{}] metric {}", connector, payloadJson);
    }

    @Override
    public void onLog(String connector, LogLevel level, String message) {
        switch (level) {
            case ERROR -> GUEST.error("[{}] {}", connector, message);
            case WARN -> GUEST.warn("[{}] {}", connector, message);
            case INFO -> GUEST.info("[{}] {}", connector, message);
            case DEBUG -> GUEST.debug("[{}] {}", connector, message);
            case TRACE -> GUEST.trace("[{}] {}", connector, message);
        }
    }

    @Override
    public void onDlqRecord(String connector, DlqRecord record) {
        GUEST.warn("[{}] dead-letter record on {} ({}): {}", connector, record.stream(), record.errorCategory(),
                record.errorMessage());
    }

    @Override
    public void onTeardown(String connector, int leakedFrames, int leakedSockets) {
        if (metrics != null) {
            metrics.teardown(leakedFrames, leakedSockets);
        }
        if (leakedFrames > 0 || leakedSockets > 0) {
            GUEST.warn("[{}] freed {} leaked frame(s) and {} leaked socket(s)", connector, leakedFrames, leakedSockets);
        }
    }
}
