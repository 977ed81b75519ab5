package io.rapidbyte.connect.source;

import io.rapidbyte.connect.guest.TransformChain;
import io.rapidbyte.connect.records.ArrowStreamInspector;
import io.rapidbyte.connect.records.FrameSummary;
import io.rapidbyte.connect.records.InvalidFrameException;
import io.rapidbyte.host.channels.BatchOutput;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one stream's {@code emit-batch} calls land: each sealed frame goes through the stream's
 * {@link TransformChain} (if any), synchronously, then every resulting frame is checked to be one
 * Arrow IPC stream for this stream (so a connector bug is reported to the connector, as the error
 * of its {@code emit-batch}, instead of reaching Kafka — or, for a transform's output, as that
 * transform's failure) and handed to the {@link SourceBuffer} without copying. A batch the chain
 * drops adds nothing; the next checkpoint then covers it. Called on the stream's thread only.
 */
final class StreamOutput implements BatchOutput {
    private final String stream;
    private final String lane;
    private final SourceBuffer buffer;
    private final TransformChain chain;

    /**
     * @param lane  the buffer lane: the stream, or the range of it the run reads
     * @param chain the stream's transforms, or null for none
     */
    StreamOutput(String stream, String lane, SourceBuffer buffer, TransformChain chain) {
        this.stream = stream;
        this.lane = lane;
        this.buffer = buffer;
        this.chain = chain;
    }

    @Override
    public void emit(FramePayload batch) throws InterruptedException {
        if (chain == null) {
            buffer.add(lane, new SourceEvent.Batch(batch, inspect(batch)));
            return;
        }
        List<FramePayload> outputs = chain.apply(batch);
        List<SourceEvent> events = new ArrayList<>(outputs.size());
        for (FramePayload out : outputs) {
            try {
                events.add(new SourceEvent.Batch(out, inspect(out)));
            } catch (ConnectorException e) {
                throw chain.rejectOutput(e.error());
            }
        }
        for (SourceEvent e : events) {
            buffer.add(lane, e);
        }
    }

    private FrameSummary inspect(FramePayload batch) {
        FrameSummary summary;
        try {
            summary = ArrowStreamInspector.inspect(batch);
        } catch (InvalidFrameException e) {
            throw new ConnectorException(ConnectorError.of(ErrorCategory.DATA, "INVALID_BATCH",
                    "emit-batch needs one Arrow IPC stream per frame: " + e.getMessage()));
        }
        if (summary.stream() != null && !summary.stream().equals(stream)) {
            throw new ConnectorException(ConnectorError.of(ErrorCategory.DATA, "WRONG_STREAM",
                    "batch metadata names stream '" + summary.stream() + "' but the run reads '" + stream + "'"));
        }
        return summary;
    }

    @Override
    public void finish() {
        // The run's end is reported to the buffer by the stream's reader (SourceBuffer.endRun).
    }

    @Override
    public void fail(Throwable cause) {
        // Likewise.
    }
}
