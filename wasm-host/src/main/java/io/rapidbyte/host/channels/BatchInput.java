package io.rapidbyte.host.channels;

import io.rapidbyte.host.frames.FramePayload;

/**
 * The consuming end of a stage-to-stage batch channel ({@code next-batch}). Used by exactly one
 * consumer thread.
 *
 * <p>A consumer that stops before the end of the stream must call {@link #abandon()}, otherwise
 * the producer may block on a full channel until it is interrupted.
 */
public interface BatchInput {
    /**
     * The next batch, blocking until one is available. Ownership of the payload passes to the
     * caller.
     *
     * @return the batch, or {@code null} at the end of the stream (and on every later call)
     * @throws InterruptedException if interrupted while waiting
     * @throws io.rapidbyte.host.types.ConnectorException once the queued batches are drained, if
     *         the producer failed: carrying the producer's own {@code ConnectorError} when the
     *         cause was a {@code ConnectorException}, else {@code CHANNEL_CLOSED}; the cause is
     *         attached in both cases
     */
    FramePayload next() throws InterruptedException;

    /**
     * The consumer stops early: queued batches are discarded, and a producer blocked in (or
     * later calling) {@link BatchOutput#emit} gets {@code CHANNEL_CLOSED}; {@link #next()}
     * returns {@code null} from then on. Idempotent.
     */
    void abandon();
}
