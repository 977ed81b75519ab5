package io.rapidbyte.host.pipeline;

import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import java.util.ArrayList;
import java.util.List;

/**
 * The threads and failure bookkeeping of one {@link PipelineRunner#run}. The first failure wins;
 * it cancels every other stage. Stage threads report through {@link #stageFailed}; the
 * runner's thread starts and joins them in {@link #execute}.
 */
final class PipelineRun implements StageRun.FailureSink {
    /** Code of the failure other stages see when a run is cancelled. */
    static final String PIPELINE_CANCELLED = "PIPELINE_CANCELLED";
    /** Stage name reported when the caller of {@code run} was interrupted. */
    static final String RUNNER = "runner";

    private final String pipelineId;
    private final String stream;
    private final List<StageRun> stages = new ArrayList<>();
    private String failedStage;
    private Throwable firstFailure;

    PipelineRun(String pipelineId, String stream) {
        this.pipelineId = pipelineId;
        this.stream = stream;
    }

    void add(StageRun stage) {
        stages.add(stage);
    }

    @Override
    public void stageFailed(StageRun stage, Throwable failure) {
        fail(stage.name(), failure);
    }

    private synchronized void fail(String stage, Throwable failure) {
        if (firstFailure != null) {
            return;
        }
        failedStage = stage;
        firstFailure = failure;
        ConnectorException cancellation = new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL,
                PIPELINE_CANCELLED, "stage '" + stage + "' failed: " + failure.getMessage()), failure);
        for (StageRun other : stages) {
            if (!other.name().equals(stage)) {
                other.cancel(cancellation);
            }
        }
    }

    PipelineResult execute() {
        List<Thread> threads = new ArrayList<>();
        for (StageRun stage : stages) {
            Thread t = new Thread(stage, "rapidbyte-" + pipelineId + "-" + stage.name());
            t.setDaemon(true);
            stage.attach(t);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    // Keep joining: returning early would leak stage threads and their frames.
                    interrupted = true;
                    fail(RUNNER, new InterruptedException("pipeline run interrupted"));
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (firstFailure != null) {
                PipelineException e = new PipelineException(pipelineId, stream, failedStage, firstFailure);
                for (StageRun stage : stages) {
                    if (stage.failure() != null && stage.failure() != firstFailure) {
                        e.addSuppressed(stage.failure());
                    }
                }
                throw e;
            }
        }
        return new PipelineResult(stream, stages.stream().map(StageRun::report).toList());
    }
}
