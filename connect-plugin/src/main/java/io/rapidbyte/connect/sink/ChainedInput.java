package io.rapidbyte.connect.sink;

import io.rapidbyte.connect.guest.TransformChain;
import io.rapidbyte.host.channels.BatchInput;
import io.rapidbyte.host.frames.FramePayload;
import java.util.ArrayDeque;

/**
 * The destination's {@code next-batch} input when the sink has {@code wasm.transforms}: each batch
 * of the {@link FrameLog} goes through the {@link TransformChain} synchronously, inside the
 * destination's {@code next-batch} call, and the destination gets the outputs in order.
 *
 * <p><b>Confirmation stays exact.</b> A dest checkpoint confirms the log entries handed out before
 * it. An entry the chain dropped (no output) counts as handed out, so the next checkpoint, or the
 * end of the run, confirms it — its Kafka offset commits with the next written batch, or on the
 * flush. An entry that became several batches is held back from confirmation
 * ({@link FrameLog#holdLastDelivered}) until the destination has taken all of them; a replay
 * transforms it again.
 *
 * <p><b>Threading.</b> The stream thread only (the destination's guest calls {@link #next()}).
 */
final class ChainedInput implements BatchInput {
    private final FrameLog log;
    private final TransformChain chain;
    private final ArrayDeque<FramePayload> pending = new ArrayDeque<>();

    ChainedInput(FrameLog log, TransformChain chain) {
        this.log = log;
        this.chain = chain;
    }

    @Override
    public FramePayload next() throws InterruptedException {
        while (pending.isEmpty()) {
            FramePayload entry = log.next();
            if (entry == null) {
                return null;
            }
            pending.addAll(chain.apply(entry));
        }
        FramePayload out = pending.poll();
        log.holdLastDelivered(!pending.isEmpty());
        return out;
    }

    @Override
    public void abandon() {
        log.abandon();
    }

    /** A run starts from the log's first unconfirmed entry: outputs of an earlier run are gone. */
    void beginRun() {
        pending.clear();
    }
}
