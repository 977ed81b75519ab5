package io.rapidbyte.host.channels;

import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Both ends of a transform's channels when the host drives it one batch per call
 * ({@link io.rapidbyte.host.lifecycle.BatchTransform}): {@link #next()} yields the one batch
 * {@link #offer offered} for the call, then end-of-input; {@link #emit} collects what the guest
 * emits, up to a byte budget, until the caller {@link #takeOutputs takes} it. Nothing blocks.
 *
 * <p>{@link #finish()} and {@link #fail} do nothing: the exchange ends with each call, not with
 * the stream. {@link #abandon()} drops an offered batch that was not taken.
 *
 * <p><b>Thread-safety.</b> Not thread-safe: confined to the thread that calls the transform
 * (the guest calls {@code next-batch} and {@code emit-batch} on that same thread).
 */
public final class OneBatchChannel implements BatchInput, BatchOutput {
    private final long maxOutputBytes;
    private final List<FramePayload> outputs = new ArrayList<>();
    private FramePayload offered;
    private boolean taken;
    private long outputBytes;

    /** @param maxOutputBytes most bytes the guest may emit for one offered batch */
    public OneBatchChannel(long maxOutputBytes) {
        if (maxOutputBytes <= 0) {
            throw new IllegalArgumentException("maxOutputBytes must be positive, got " + maxOutputBytes);
        }
        this.maxOutputBytes = maxOutputBytes;
    }

    /** Starts a call: {@code batch} is what the next {@link #next()} returns; earlier outputs are dropped. */
    public void offer(FramePayload batch) {
        offered = Objects.requireNonNull(batch, "batch");
        taken = false;
        outputs.clear();
        outputBytes = 0;
    }

    /** Whether the guest took the offered batch with {@code next-batch}. */
    public boolean taken() {
        return taken;
    }

    /** What the guest emitted since the last {@link #offer}, in order; the list is the caller's. */
    public List<FramePayload> takeOutputs() {
        List<FramePayload> out = List.copyOf(outputs);
        outputs.clear();
        outputBytes = 0;
        return out;
    }

    /** Ends a call: anything not taken is dropped. */
    public void clear() {
        offered = null;
        outputs.clear();
        outputBytes = 0;
    }

    @Override
    public FramePayload next() {
        FramePayload batch = offered;
        offered = null;
        if (batch != null) {
            taken = true;
        }
        return batch;
    }

    @Override
    public void abandon() {
        offered = null;
    }

    /**
     * @throws ConnectorException {@code FRAME_LIMIT_EXCEEDED} (category frame) when the outputs of
     *         one call would exceed the byte budget; the batch is dropped
     */
    @Override
    public void emit(FramePayload batch) {
        Objects.requireNonNull(batch, "batch");
        if (outputBytes + batch.length() > maxOutputBytes) {
            throw new ConnectorException(ConnectorError.frame(ErrorCodes.FRAME_LIMIT_EXCEEDED, "emit-batch: the "
                    + "batches emitted for one input batch would hold " + (outputBytes + batch.length())
                    + " bytes, more than the instance's frame budget of " + maxOutputBytes + " bytes"));
        }
        outputs.add(batch);
        outputBytes += batch.length();
    }

    @Override
    public void finish() {
    }

    @Override
    public void fail(Throwable cause) {
    }
}
