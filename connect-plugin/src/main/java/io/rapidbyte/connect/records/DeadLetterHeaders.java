package io.rapidbyte.connect.records;

/**
 * The headers that say why a record is in a dead-letter topic: the source's {@code dlq.topic}
 * and the sink's dead-letter queue (next to Connect's own {@code __connect.errors.*} context
 * headers when those are enabled). Stateless.
 */
public final class DeadLetterHeaders {
    public static final String STREAM = "rapidbyte.dlq.stream";
    public static final String CONNECTOR = "rapidbyte.dlq.connector";
    public static final String MESSAGE = "rapidbyte.dlq.error.message";
    public static final String CATEGORY = "rapidbyte.dlq.error.category";
    /** A refused row: the column the connector blamed (absent when it did not say). */
    public static final String COLUMN = "rapidbyte.dlq.error.column";
    /** A refused row: the connector's code, a SQLSTATE for rows the database refused. */
    public static final String CODE = "rapidbyte.dlq.error.code";
    /** A refused row: the SQLSTATE, when the code is one (five digits or capital letters). */
    public static final String SQLSTATE = "rapidbyte.dlq.error.sqlstate";

    private DeadLetterHeaders() {
    }

    /** Whether {@code code} has the shape of a SQLSTATE. */
    public static boolean isSqlState(String code) {
        if (code == null || code.length() != 5) {
            return false;
        }
        for (int i = 0; i < 5; i++) {
            char c = code.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }
}
