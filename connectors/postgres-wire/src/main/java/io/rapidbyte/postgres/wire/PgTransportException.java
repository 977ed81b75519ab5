package io.rapidbyte.postgres.wire;

/**
 * Unchecked failure of a {@link PgTransport} (connection refused, reset, timed
 * out). The connection wraps it into a {@link PgException} of category
 * {@code transient-network}; its message must not contain secrets.
 */
public class PgTransportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PgTransportException(String message) {
        super(message);
    }

    public PgTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
