package io.rapidbyte.connect.source;

import io.rapidbyte.connect.records.ArrowStreamInspector;
import io.rapidbyte.connect.records.FrameSummary;
import io.rapidbyte.connect.records.InvalidFrameException;
import io.rapidbyte.host.channels.BatchOutput;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;

/**
 * Where one stream's {@code emit-batch} calls land: each sealed frame is checked to be one Arrow
 * IPC stream for this stream (so a connector bug is reported to the connector, as the error of
 * its {@code emit-batch}, instead of reaching Kafka) and handed to the {@link SourceBuffer}
 * without copying. Called on the stream's thread only.
 */
final class StreamOutput implements BatchOutput {
    private final String stream;
    private final String lane;
    private final SourceBuffer buffer;

    /** @param lane the buffer lane: the stream, or the range of it the run reads */
    StreamOutput(String stream, String lane, SourceBuffer buffer) {
        this.stream = stream;
        this.lane = lane;
        this.buffer = buffer;
    }

    @Override
    public void emit(FramePayload batch) throws InterruptedException {
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
        buffer.add(lane, new SourceEvent.Batch(batch, summary));
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
