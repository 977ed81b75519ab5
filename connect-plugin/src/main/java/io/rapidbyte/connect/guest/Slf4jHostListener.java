package io.rapidbyte.connect.guest;

import io.rapidbyte.host.imports.DlqRecord;
import io.rapidbyte.host.imports.HostListener;
import io.rapidbyte.host.imports.LogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link HostListener} that sends guest logs (and stdout/stderr lines) to the worker's log
 * through SLF4J, logger {@code io.rapidbyte.connect.guest}, and otherwise keeps the host's
 * defaults. Tasks extend it to consume checkpoints, metrics and dead-letter records.
 * Thread-safe (stateless).
 */
public class Slf4jHostListener implements HostListener {
    private static final Logger GUEST = LoggerFactory.getLogger("io.rapidbyte.connect.guest");

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
        if (leakedFrames > 0 || leakedSockets > 0) {
            GUEST.warn("[{}] freed {} leaked frame(s) and {} leaked socket(s)", connector, leakedFrames, leakedSockets);
        }
    }
}
