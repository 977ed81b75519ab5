package io.rapidbyte.host.types;

/**
 * Carries a {@link ConnectorError}: thrown by host functions (and turned into an
 * {@code err} result for the guest), and thrown to embedders when a guest export returns
 * {@code err}.
 */
public class ConnectorException extends RuntimeException {
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
}
