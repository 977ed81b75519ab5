package io.rapidbyte.testguests.transform;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.TransformConnector;
import io.rapidbyte.sdk.TransformSummary;
import io.rapidbyte.sdk.abi.Traps;
import io.rapidbyte.sdk.json.JsonObject;

/**
 * Passes every input batch through unchanged: reads it whole ({@code frame-read}) and emits the
 * same bytes as a new frame ({@code frame-write}), as a transform that looks at its input does.
 * Failure injection ({@link TestTransformConfig}) counts batches over the instance's life, so a
 * host that runs one batch per {@code run-transform} call sees the same behaviour as one that
 * streams them all through one call. Called on the guest's only thread.
 */
final class TestTransform implements TransformConnector {
    private TestTransformConfig config;
    private long seen;

    @Override
    public void open(JsonObject configJson) {
        config = TestTransformConfig.parse(configJson);
        seen = 0;
    }

    @Override
    public TransformSummary transform(Context ctx) {
        if (config == null) {
            throw ConnectorError.internal("NOT_OPEN", "test-transform: open() has not succeeded").toException();
        }
        long in = 0;
        long out = 0;
        for (byte[] batch = ctx.nextBatch(); batch != null; batch = ctx.nextBatch()) {
            in++;
            seen++;
            injectFailure();
            if (config.dropEvery > 0 && seen % config.dropEvery == 0) {
                continue;
            }
            ctx.emitBatch(batch);
            out++;
        }
        // Batches, not rows: this transform never looks inside them.
        return TransformSummary.of(ctx, in, out);
    }

    private void injectFailure() {
        if (config.trapAfterBatches > 0 && seen > config.trapAfterBatches) {
            throw Traps.trap("test-transform: trap_after_batches=" + config.trapAfterBatches + " reached");
        }
        if (config.failAfterBatches > 0 && seen > config.failAfterBatches) {
            ConnectorError e = config.failRetryable
                    ? ConnectorError.transientNetwork("INJECTED_FAILURE", "test-transform: fail_after_batches="
                            + config.failAfterBatches + " reached")
                    : ConnectorError.data("INJECTED_FAILURE", "test-transform: fail_after_batches="
                            + config.failAfterBatches + " reached");
            throw e.toException();
        }
    }
}
