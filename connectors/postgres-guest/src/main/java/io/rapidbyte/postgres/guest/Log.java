package io.rapidbyte.postgres.guest;

import io.rapidbyte.sdk.LogLevel;
import io.rapidbyte.sdk.Rapidbyte;

/**
 * Where the connector's log lines go. {@link #host(Redactor)} sends them to the host's {@code log}
 * import after redaction; tests plug in their own. Implementations are used from the guest's single
 * thread.
 */
public interface Log {
    void log(LogLevel level, String message);

    default void info(String message) {
        log(LogLevel.INFO, message);
    }

    default void warn(String message) {
        log(LogLevel.WARN, message);
    }

    default void debug(String message) {
        log(LogLevel.DEBUG, message);
    }

    /** The host's {@code log} import; every line passes through {@code redactor} first. */
    static Log host(Redactor redactor) {
        return (level, message) -> Rapidbyte.log(level, redactor.redact(message));
    }
}
