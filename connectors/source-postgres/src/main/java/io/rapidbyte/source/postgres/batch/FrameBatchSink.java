package io.rapidbyte.source.postgres.batch;

import io.rapidbyte.postgres.guest.Redactor;
import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.arrow.IpcStreamWriter;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.source.postgres.Errors;
import io.rapidbyte.source.postgres.checkpoint.SyncState;
import java.util.List;

/**
 * Encodes each batch as one Arrow IPC stream (schema with this batch's {@code rapidbyte.seq}, the
 * record batch, end-of-stream), emits it with one {@code frame-new} / {@code frame-write} /
 * {@code frame-seal} / {@code emit-batch}, then checkpoints the stream's {@link SyncState}, which now
 * covers that batch. Not thread-safe.
 */
public final class FrameBatchSink implements BatchSink {
    /** Called after each delivered batch (metrics). */
    public interface Listener {
        void batchDelivered(long batches, long rows, long bytes);
    }

    private final Context ctx;
    private final SyncState state;
    private final BatchMetadata metadata;
    private final long maxBatchBytes;
    private final Redactor redactor;
    private final Listener listener;
    private long rows;
    private long bytes;
    private long batches;

    public FrameBatchSink(Context ctx, SyncState state, BatchMetadata metadata, long maxBatchBytes, Redactor redactor,
            Listener listener) {
        this.ctx = ctx;
        this.state = state;
        this.metadata = metadata;
        this.maxBatchBytes = maxBatchBytes;
        this.redactor = redactor;
        this.listener = listener;
    }

    @Override
    public void emit(RecordBatchBuilder batch, List<String> position, boolean last) {
        long seq = state.nextSeq();
        IpcStreamWriter writer = encode(batch, seq);
        int length = writer.length();
        if (length > maxBatchBytes) {
            throw tooLarge(seq, length);
        }
        ctx.emitBatch(writer.array(), 0, length);
        delivered(position, last, batch.rowCount(), length);
    }

    /* After the emit: checkpoint and counters; out of emit() for its size, as encode(). */
    private void delivered(List<String> position, boolean last, int batchRows, int length) {
        state.advance(position, last);
        ctx.checkpoint(state.toJson());
        rows += batchRows;
        bytes += length;
        batches++;
        if (listener != null) {
            listener.batchDelivered(batches, rows, bytes);
        }
    }

    /*
     * The batch as one Arrow IPC stream; out of emit() so that it stays under HotSpot's JIT size
     * limit once Chicory compiles the guest (wasm-build's GuestMethodSizes).
     */
    private IpcStreamWriter encode(RecordBatchBuilder batch, long seq) {
        IpcStreamWriter writer = new IpcStreamWriter(metadata.schema(seq),
                (int) Math.min(Integer.MAX_VALUE - 16, batch.estimatedBytes() + 4096));
        writer.writeBatch(batch);
        writer.finish();
        return writer;
    }

    /** BatchAssembler keeps batches under budget; reaching this means the estimate was wrong. */
    private RuntimeException tooLarge(long seq, int length) {
        return Errors.data("BATCH_TOO_LARGE", "stream " + state.stream() + ": batch " + seq + " encodes to "
                + length + " bytes, over max_batch_bytes " + maxBatchBytes, redactor);
    }

    public long rows() {
        return rows;
    }

    public long bytes() {
        return bytes;
    }

    public long batches() {
        return batches;
    }
}
