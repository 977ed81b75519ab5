package io.rapidbyte.connect.sink;

import io.rapidbyte.connect.records.FrameHeaders;
import io.rapidbyte.connect.records.InvalidFrameException;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Finds the stream a sink record belongs to: its {@code rapidbyte.stream} header (what the
 * source task writes), or — with {@code stream.routing=topic} — the topic's entry in
 * {@code topic.streams}, the topic's own name when it has none. Immutable.
 */
final class StreamRouter {
    private final boolean byTopic;
    private final Map<String, String> topicStreams;

    StreamRouter(boolean byTopic, Map<String, String> topicStreams) {
        this.byTopic = byTopic;
        this.topicStreams = Map.copyOf(topicStreams);
    }

    /** @throws InvalidFrameException when header routing finds no stream header */
    String streamOf(SinkRecord record) {
        if (byTopic) {
            return topicStreams.getOrDefault(record.topic(), record.topic());
        }
        String stream = FrameHeaders.text(record.headers(), FrameHeaders.STREAM);
        if (stream == null || stream.isEmpty()) {
            throw new InvalidFrameException("record has no " + FrameHeaders.STREAM
                    + " header (use stream.routing=topic for topics without it)");
        }
        return stream;
    }
}
