package io.rapidbyte.host.lifecycle;

import io.rapidbyte.host.channels.OneBatchChannel;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.TransformSummary;
import java.util.Objects;

/**
 * A transform-world instance driven one batch per call, synchronously on the calling thread:
 * {@link #runTransform} calls the guest's {@code run-transform} with an input that yields one
 * batch and then end-of-input, and returns what the guest emitted (0..n batches) with its
 * summary. This is how a stage that is itself running (a source's {@code emit-batch}, a
 * destination's {@code next-batch}) pushes a batch through a transform without a thread or a
 * queue of its own. The guest keeps its state (e.g. a cached schema) across calls: one instance
 * serves a whole stream.
 *
 * <p>Copies, limits, timeouts and errors are those of any {@link ConnectorInstance}: the guest's
 * {@code frame-read} and {@code frame-write} are counted in the builder's copy counter, the input
 * counts against the frame limits once adopted, the call timeout applies to each call, and the
 * outputs of one call may hold at most the instance's total frame budget
 * ({@code FrameLimits#maxTotalBytes}) together.
 *
 * <p><b>Ownership.</b> The caller keeps the input payload: the guest gets its own frame over the
 * same bytes (no copy) and frees that frame itself (or the instance does at close); the bytes are
 * never written to or reused, so the caller may keep and re-offer them (a replay). The output
 * payloads are the caller's from the moment the call returns; outputs of a failed call are
 * dropped.
 *
 * <p><b>Threading.</b> Not thread-safe. Build, call and close it on one thread — the one the
 * guest runs on; it may be the thread of another guest call in progress (nested calls into a
 * different instance are fine: Chicory instances share nothing). Only {@link #cancel()} may be
 * called from other threads.
 *
 * <p><b>Failures.</b> A guest {@code err} is thrown as {@link ConnectorException} and the
 * transform stays usable; traps, timeouts, cancellation and ABI violations throw
 * {@link GuestCallException} and leave only {@link #close()} usable ({@link #isUsable()}).
 * Returning ok without having taken the input is an error too ({@code INPUT_NOT_READ}): the
 * batch would otherwise vanish unseen.
 */
public final class BatchTransform implements AutoCloseable {
    /** Code of the error a transform gets for returning without reading its input batch. */
    public static final String INPUT_NOT_READ = "INPUT_NOT_READ";

    private final ConnectorInstance instance;
    private final OneBatchChannel channel;

    private BatchTransform(ConnectorInstance instance, OneBatchChannel channel) {
        this.instance = instance;
        this.channel = channel;
    }

    /**
     * Builds the instance (runs its {@code _start}) on the calling thread, with this transform's
     * channel as its input and output (replacing any the builder had).
     *
     * @throws IllegalArgumentException if {@code builder} is not for {@link Role#TRANSFORM}
     * @throws InvalidModuleException   see {@link ConnectorInstance.Builder#build()}
     * @throws GuestCallException       see {@link ConnectorInstance.Builder#build()}
     */
    public static BatchTransform build(ConnectorInstance.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        if (builder.role() != Role.TRANSFORM) {
            throw new IllegalArgumentException("a BatchTransform needs a " + Role.TRANSFORM + " builder, not "
                    + builder.role());
        }
        OneBatchChannel channel = new OneBatchChannel(builder.frameLimits().maxTotalBytes());
        return new BatchTransform(builder.input(channel).output(channel).build(), channel);
    }

    /** {@code open(config-json)}. */
    public void open(String configJson) {
        instance.open(configJson);
    }

    /**
     * Runs {@code batch} through the guest: one {@code run-transform(ctxJson)} call during which
     * {@code next-batch} returns {@code batch} once and then none.
     *
     * @param ctxJson the run context ({@code StreamLimits#contextJson}); the same for every batch of
     *                a stream
     * @return the emitted batches and the guest's summary of this call
     * @throws ConnectorException the guest's {@code err}, or {@value #INPUT_NOT_READ}
     * @throws GuestCallException trap, timeout, cancellation or ABI violation
     */
    public TransformOutcome runTransform(String ctxJson, FramePayload batch) {
        Objects.requireNonNull(batch, "batch");
        channel.offer(batch);
        try {
            TransformSummary summary = instance.runTransform(ctxJson);
            if (!channel.taken()) {
                throw new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, INPUT_NOT_READ,
                        "connector '" + instance.name() + "' returned from run-transform without reading its input "
                                + "batch (next-batch)"));
            }
            return new TransformOutcome(channel.takeOutputs(), summary);
        } finally {
            channel.clear();
        }
    }

    public String name() {
        return instance.name();
    }

    /** The underlying instance, for its counters (memory, time in guest, live frames). */
    public ConnectorInstance instance() {
        return instance;
    }

    /** See {@link ConnectorInstance#isUsable()}. */
    public boolean isUsable() {
        return instance.isUsable();
    }

    /** See {@link ConnectorInstance#cancel()}; thread-safe. */
    public void cancel() {
        instance.cancel();
    }

    /** See {@link ConnectorInstance#close()}. */
    @Override
    public void close() {
        instance.close();
    }
}
