package io.rapidbyte.postgres.wire;

/**
 * A failure talking to PostgreSQL: either an ErrorResponse from the server (all
 * its fields in {@link #serverMessage()}) or a client-side failure (network,
 * protocol violation, authentication the client refused), which carries a
 * client-chosen SQLSTATE in the same classes the server would use.
 *
 * <p>Messages never contain the connection password: the client never puts it
 * into any string, and server messages do not echo it. Immutable.
 */
public class PgException extends Exception {

    private static final long serialVersionUID = 1L;

    /** SQLSTATE used for transport failures and unexpected end of stream. */
    public static final String CONNECTION_FAILURE = "08006";
    /** SQLSTATE used when the server sends something the protocol does not allow. */
    public static final String PROTOCOL_VIOLATION = "08P01";
    /** SQLSTATE used when the client refuses the server's authentication. */
    public static final String AUTH_FAILURE = "28000";

    private final transient PgServerMessage serverMessage;
    private final String sqlState;
    private final PgErrorCategory category;
    private final boolean connectionBroken;

    private PgException(String message, String sqlState, PgErrorCategory category,
                        PgServerMessage serverMessage, boolean connectionBroken, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
        this.category = category;
        this.serverMessage = serverMessage;
        this.connectionBroken = connectionBroken;
    }

    /** Wraps an ErrorResponse. FATAL and PANIC errors end the session. */
    public static PgException fromServer(PgServerMessage m) {
        String sev = m.effectiveSeverity();
        boolean fatal = "FATAL".equals(sev) || "PANIC".equals(sev);
        return new PgException(m.toString(), m.sqlState(), SqlStateClassifier.classify(m.sqlState()),
                m, fatal, null);
    }

    /** The transport failed or the server closed the stream; the session is gone. */
    public static PgException connectionFailure(String message, Throwable cause) {
        return new PgException(message, CONNECTION_FAILURE, PgErrorCategory.TRANSIENT_NETWORK,
                null, true, cause);
    }

    /** The server broke the protocol; the session cannot be trusted any more. */
    public static PgException protocolViolation(String message) {
        return new PgException(message, PROTOCOL_VIOLATION, PgErrorCategory.INTERNAL, null, true, null);
    }

    /** The client refused the server's authentication exchange. */
    public static PgException authFailure(String message) {
        return new PgException(message, AUTH_FAILURE, PgErrorCategory.AUTH, null, true, null);
    }

    /** The ErrorResponse, or null for client-side failures. */
    public PgServerMessage serverMessage() {
        return serverMessage;
    }

    /** True when this came from an ErrorResponse. */
    public boolean isServerError() {
        return serverMessage != null;
    }

    public String sqlState() {
        return sqlState;
    }

    public PgErrorCategory category() {
        return category;
    }

    /** The WIT error-category case name, e.g. {@code "auth"}. */
    public String categoryName() {
        return category.witName();
    }

    /** Whether the same operation may succeed if retried later (on a new connection if broken). */
    public boolean retryable() {
        return category.retryable();
    }

    /** True when the connection can no longer be used and must be closed. */
    public boolean connectionBroken() {
        return connectionBroken;
    }

    @Override
    public String toString() {
        return "PgException[" + category.witName() + (sqlState == null ? "" : ", " + sqlState) + "]: " + getMessage();
    }
}
