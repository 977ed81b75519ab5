package io.rapidbyte.host.channels;

import io.rapidbyte.host.frames.FramePayload;

/**
 * The producing end of a stage-to-stage batch channel ({@code emit-batch}). Used by exactly one
 * producer thread.
 *
 * <p>The producer must end the stream with {@link #finish()} or {@link #fail(Throwable)} (in a
 * {@code finally}), otherwise the consumer waits for more batches until it is interrupted.
 */
public interface BatchOutput {
    /**
     * Hands {@code batch} to the next stage, blocking while the channel is full (backpressure).
     * Ownership of the payload passes to the consumer.
     *
     * @throws InterruptedException if interrupted while waiting; the batch was not enqueued
     * @throws io.rapidbyte.host.types.ConnectorException {@code CHANNEL_CLOSED} (category
     *         internal) when the consumer has gone away ({@link BatchInput#abandon()})
     * @throws IllegalStateException if called after {@link #finish()} or {@link #fail}
     */
    void emit(FramePayload batch) throws InterruptedException;

    /** End of stream: the consumer receives the queued batches, then {@code null}. Idempotent. */
    void finish();

    /**
     * The producer failed: the consumer receives the queued batches, then an exception carrying
     * {@code cause}. Ignored if the stream already ended (the first of finish/fail wins).
     */
    void fail(Throwable cause);
}
