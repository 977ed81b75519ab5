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

    private DeadLetterHeaders() {
    }
}
