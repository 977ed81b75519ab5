package io.rapidbyte.host.lifecycle;

import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;

/**
 * A guest call that did not return normally: the guest trapped, ran past its wall-clock
 * timeout, was cancelled (its thread interrupted), or broke the canonical ABI in what it
 * returned. Distinct from a plain {@link ConnectorException}, which carries an {@code err}
 * the guest returned on purpose.
 *
 * <p>After any of these the instance is unusable: its guest state is unknown, so only
 * {@link ConnectorInstance#close()} (which then skips the guest's own {@code close}) remains.
 */
public final class GuestCallException extends ConnectorException {
    /** What went wrong; each kind has its own error code (category internal). */
    public enum Kind {
        TRAP("GUEST_TRAP", "trapped in"),
        TIMEOUT("GUEST_TIMEOUT", "timed out in"),
        CANCELLED("GUEST_CANCELLED", "was cancelled in"),
        ABI_VIOLATION("GUEST_ABI_VIOLATION", "broke the ABI in");

        private final String code;
        private final String verb;

        Kind(String code, String verb) {
            this.code = code;
            this.verb = verb;
        }

        public String code() {
            return code;
        }
    }

    private final Kind kind;
    private final String connector;
    private final String export;

    public GuestCallException(Kind kind, String connector, String export, String detail, Throwable cause) {
        super(ConnectorError.of(ErrorCategory.INTERNAL, kind.code,
                "connector '" + connector + "' " + kind.verb + " " + export + ": " + detail), cause);
        this.kind = kind;
        this.connector = connector;
        this.export = export;
    }

    public Kind kind() {
        return kind;
    }

    public String connector() {
        return connector;
    }

    /** The core export (or {@code _start}) that was running. */
    public String export() {
        return export;
    }
}
