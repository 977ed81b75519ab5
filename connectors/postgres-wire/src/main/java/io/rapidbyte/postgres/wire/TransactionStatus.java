package io.rapidbyte.postgres.wire;

/** The backend's transaction state as last reported by ReadyForQuery. */
public enum TransactionStatus {
    /** Not in a transaction block ('I'). */
    IDLE,
    /** Inside a transaction block ('T'). */
    IN_TRANSACTION,
    /** Inside a failed transaction block ('E'): queries fail until ROLLBACK. */
    FAILED,
    /** No ReadyForQuery seen yet, or the connection is closed. */
    UNKNOWN;

    static TransactionStatus fromIndicator(int b) {
        switch (b) {
            case 'I':
                return IDLE;
            case 'T':
                return IN_TRANSACTION;
            case 'E':
                return FAILED;
            default:
                return UNKNOWN;
        }
    }
}
