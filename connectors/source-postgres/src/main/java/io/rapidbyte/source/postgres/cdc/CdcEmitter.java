package io.rapidbyte.source.postgres.cdc;

import io.rapidbyte.postgres.guest.Redactor;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.arrow.IpcStreamWriter;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.source.postgres.Errors;
import io.rapidbyte.source.postgres.batch.BatchMetadata;

/**
 * Emits the batches of a cdc stream, snapshot and changes alike: one Arrow IPC stream per batch
 * with the stream's metadata ({@code rapidbyte.sync_mode = cdc}) and the next seq, then the
 * checkpoint of the {@link CdcPosition} the caller advanced to cover it. Not thread-safe.
 */
final class CdcEmitter {
    private final Context ctx;
    private final CdcPosition position;
    private final long maxBatchBytes;
    private final Redactor redactor;
    private long batches;
    private long rows;
    private long bytes;
    private String lastCheckpoint;

    CdcEmitter(Context ctx, CdcPosition position, long maxBatchBytes, Redactor redactor) {
        this.ctx = ctx;
        this.position = position;
        this.maxBatchBytes = maxBatchBytes;
        this.redactor = redactor;
    }

    /**
     * Emits {@code batch} (then resets it) and checkpoints the position, which the caller has
     * already moved past the batch's last row.
     */
    void emit(RecordBatchBuilder batch, BatchMetadata metadata) {
        long seq = position.nextSeq;
        IpcStreamWriter writer = new IpcStreamWriter(metadata.schema(seq),
                (int) Math.min(Integer.MAX_VALUE - 16, batch.estimatedBytes() + 4096));
        writer.writeBatch(batch);
        writer.finish();
        int length = writer.length();
        if (length > maxBatchBytes) {
            throw tooLarge(position.stream, seq, length, maxBatchBytes, redactor);
        }
        ctx.emitBatch(writer.array(), 0, length);
        position.nextSeq = seq + 1;
        lastCheckpoint = position.toJson();
        ctx.checkpoint(lastCheckpoint);
        rows += batch.rowCount();
        bytes += length;
        batches++;
        batch.reset();
    }

    // synchronized only so that TeaVM does not inline it (see LittleEndian.outOfRange); failure path.
    private static synchronized ConnectorException tooLarge(String stream, long seq, int length, long maxBatchBytes,
            Redactor redactor) {
        return Errors.data("BATCH_TOO_LARGE", "stream " + stream + ": batch " + seq + " encodes to " + length
                + " bytes, over max_batch_bytes " + maxBatchBytes, redactor);
    }

    /** Checkpoints the position without a batch (a phase change with nothing to send). */
    void checkpoint() {
        lastCheckpoint = position.toJson();
        ctx.checkpoint(lastCheckpoint);
    }

    long batches() {
        return batches;
    }

    long rows() {
        return rows;
    }

    long bytes() {
        return bytes;
    }
}
