package io.rapidbyte.connect.source;

import java.util.List;

/** What {@link SourceBuffer} hands to {@code poll()}, in the order it must be produced. Immutable. */
public sealed interface Release {
    /**
     * Consecutive events of one stream, released together. Every record carries the stream's
     * previous checkpoint as its offset, except the last, which carries {@code checkpoint} (the
     * checkpoint that came right after the events and covers them all). An uncovered release has
     * no checkpoint: the buffer had to let the events go before the connector checkpointed.
     *
     * @param priorCheckpoint the stream's checkpoint before these events, or null for none yet
     * @param checkpoint      the checkpoint covering the events, or null when uncovered
     */
    record Events(String stream, List<SourceEvent> events, String priorCheckpoint, String checkpoint)
            implements Release {
        public Events {
            events = List.copyOf(events);
        }

        public boolean covered() {
            return checkpoint != null;
        }
    }

    /**
     * A source checkpoint that covers no event: every batch since the previous checkpoint was
     * dropped (by a transform), or the connector checkpointed without emitting. Its offset must
     * still be committed — a CDC source confirms its replication slot only up to a durable
     * checkpoint, so without it the server would retain WAL for as long as everything is filtered
     * out — and Connect has no offset-only records, so it travels on a small state-topic record.
     *
     * @param checkpoint the new checkpoint (never null)
     */
    record Checkpoint(String stream, String checkpoint) implements Release {
    }

    /** A state change to persist ({@link io.rapidbyte.connect.state.OffsetStateStore}). */
    record StateChange(String namespace, String key, String value) implements Release {
    }

    /**
     * A full-refresh stream finished: its run-read returned and every record of it was released
     * before this. Committed with the stream's own source partition, it tells a restarted task not
     * to read the stream again.
     *
     * @param checkpoint the stream's last checkpoint, or null when the connector never checkpointed
     */
    record StreamFinished(String stream, String checkpoint) implements Release {
    }
}
