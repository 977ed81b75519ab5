package io.rapidbyte.connect.records;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

/**
 * The Kafka record headers that say what a record's bytes are (DESIGN.md, Kafka mapping), and
 * reading them back whatever header converter the worker uses. Values are written as strings:
 * with Connect's default {@code SimpleHeaderConverter} a sink may get them back as numbers,
 * with {@code ByteArrayConverter} as bytes; {@link #text} turns each into the original text.
 * Stateless and thread-safe.
 */
public final class FrameHeaders {
    public static final String FORMAT = "rapidbyte.format";
    public static final String TRANSPORT_VERSION = "rapidbyte.transport.version";
    public static final String STREAM = "rapidbyte.stream";
    public static final String ROWS = "rapidbyte.rows";
    public static final String SCHEMA_FINGERPRINT = "rapidbyte.schema.fingerprint";
    public static final String SYNC_RUN = "rapidbyte.sync_run";
    public static final String SEQ = "rapidbyte.seq";
    /** The range of the stream a batch belongs to (see connect's RangePlans); absent for a whole stream. */
    public static final String RANGE = "rapidbyte.range";
    /**
     * The media type header any Kafka consumer can go by (DESIGN.md, "Records any Arrow reader can
     * use"); the name follows the HTTP header most Kafka tools already look for.
     */
    public static final String CONTENT_TYPE = "content-type";
    /** IANA media type of an Arrow IPC stream: what every batch record's value is. */
    public static final String ARROW_STREAM_MEDIA_TYPE = "application/vnd.apache.arrow.stream";
    /** Media type of a dead letter whose value is the connector's record JSON. */
    public static final String JSON_MEDIA_TYPE = "application/json";

    public static final String FORMAT_ARROW_IPC_STREAM = "arrow-ipc-stream";
    public static final String TRANSPORT_V3 = "3";

    private FrameHeaders() {
    }

    /** Adds the headers of one batch of {@code stream}. */
    public static void addBatchHeaders(Headers headers, String stream, FrameSummary summary) {
        headers.addString(CONTENT_TYPE, ARROW_STREAM_MEDIA_TYPE);
        headers.addString(FORMAT, FORMAT_ARROW_IPC_STREAM);
        headers.addString(TRANSPORT_VERSION, TRANSPORT_V3);
        headers.addString(STREAM, stream);
        headers.addString(ROWS, Long.toString(summary.rows()));
        headers.addString(SCHEMA_FINGERPRINT, summary.fingerprint());
        if (summary.syncRun() != null) {
            headers.addString(SYNC_RUN, summary.syncRun());
        }
        if (summary.seq() != null) {
            headers.addString(SEQ, summary.seq());
        }
    }

    /**
     * Replaces the headers {@link #addBatchHeaders} writes with those of a changed batch (e.g. after
     * a transform), so none of them describes the old bytes; every other header is kept.
     */
    public static void replaceBatchHeaders(Headers headers, String stream, FrameSummary summary) {
        for (String key : new String[] {CONTENT_TYPE, FORMAT, TRANSPORT_VERSION, STREAM, ROWS, SCHEMA_FINGERPRINT,
                SYNC_RUN, SEQ}) {
            headers.remove(key);
        }
        addBatchHeaders(headers, stream, summary);
    }

    /**
     * Checks that the headers declare a V3 Arrow frame.
     *
     * @throws InvalidFrameException naming the missing or wrong header
     */
    public static void requireV3ArrowFrame(Headers headers) {
        String format = text(headers, FORMAT);
        if (!FORMAT_ARROW_IPC_STREAM.equals(format)) {
            throw new InvalidFrameException("not a Rapidbyte frame: header " + FORMAT + " is "
                    + (format == null ? "missing" : "'" + format + "'") + ", expected '" + FORMAT_ARROW_IPC_STREAM + "'");
        }
        String version = text(headers, TRANSPORT_VERSION);
        if (!TRANSPORT_V3.equals(version)) {
            throw new InvalidFrameException("unsupported Rapidbyte transport: header " + TRANSPORT_VERSION + " is "
                    + (version == null ? "missing" : "'" + version + "'") + ", this plugin reads version " + TRANSPORT_V3);
        }
    }

    /** The last header named {@code key} as text, or null when absent (or a null value). */
    public static String text(Headers headers, String key) {
        if (headers == null) {
            return null;
        }
        Header header = headers.lastWithName(key);
        if (header == null || header.value() == null) {
            return null;
        }
        Object value = header.value();
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof String s) {
            return s;
        }
        return Values.convertToString(header.schema(), value);
    }
}
