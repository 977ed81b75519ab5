package io.rapidbyte.source.postgres.batch;

import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import java.util.List;

/** Where finished batches go: encoded, emitted and checkpointed (see {@link FrameBatchSink}). */
public interface BatchSink {
    /**
     * Takes the rows of {@code batch} (the caller resets it afterwards).
     *
     * @param position the key of the batch's last row as text, one entry per key column; null when
     *                 the stream has no key (or, for an empty batch, when no position exists yet)
     * @param last     no rows follow in this run
     */
    void emit(RecordBatchBuilder batch, List<String> position, boolean last);
}
