package io.rapidbyte.examples.pipeline;

import io.rapidbyte.host.channels.BatchOutput;
import io.rapidbyte.host.frames.FramePayload;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link BatchOutput} that keeps every emitted frame, for running a source alone and looking at
 * exactly the bytes it produced. Used by one producer thread; read after the run.
 */
final class CapturingOutput implements BatchOutput {
    final List<FramePayload> frames = new ArrayList<>();
    boolean finished;
    Throwable failure;

    @Override
    public void emit(FramePayload batch) {
        frames.add(batch);
    }

    @Override
    public void finish() {
        finished = true;
    }

    @Override
    public void fail(Throwable cause) {
        failure = cause;
    }
}
