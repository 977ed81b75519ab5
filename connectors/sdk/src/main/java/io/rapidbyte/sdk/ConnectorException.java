package io.rapidbyte.sdk;

/**
 * Carries a {@link ConnectorError} through Java code. The SDK throws it when a host call returns an
 * error; connectors throw it to make an export return that error. Unchecked, because nearly every
 * host call can fail and the export dispatch catches it anyway. Immutable.
 */
public final class ConnectorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ConnectorError error;

    public ConnectorException(ConnectorError error) {
        super(error.toString());
        this.error = error;
    }

    public ConnectorException(ConnectorError error, Throwable cause) {
        super(error.toString(), cause);
        this.error = error;
    }

    public ConnectorError error() {
        return error;
    }

    /** The error a Throwable maps to: a ConnectorException's own, else internal {@code GUEST_EXCEPTION}. */
    public static ConnectorError errorOf(Throwable t) {
        if (t instanceof ConnectorException) {
            return ((ConnectorException) t).error;
        }
        String message = t.getMessage();
        return ConnectorError.internal("GUEST_EXCEPTION",
                t.getClass().getName() + (message == null ? "" : ": " + message));
    }
}
