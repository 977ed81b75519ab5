package io.rapidbyte.host.pipeline;

/**
 * A pipeline run failed. {@link #stage()} names the stage that failed first; the cause is its
 * exception (a {@link io.rapidbyte.host.types.ConnectorException} when the guest returned an
 * error, a {@link io.rapidbyte.host.lifecycle.GuestCallException} for traps and timeouts).
 * Failures of other stages caused by the cancellation are attached as suppressed exceptions.
 */
public final class PipelineException extends RuntimeException {
    private final String stage;

    public PipelineException(String pipeline, String stream, String stage, Throwable cause) {
        super("pipeline '" + pipeline + "' stream '" + stream + "' failed in stage '" + stage + "': "
                + cause.getMessage(), cause);
        this.stage = stage;
    }

    /** The stage whose failure ended the run. */
    public String stage() {
        return stage;
    }
}
