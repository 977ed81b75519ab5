package io.rapidbyte.connect.guest;

import io.rapidbyte.connect.config.ConnectorSetup;
import io.rapidbyte.connect.config.TransformSetup;
import io.rapidbyte.connect.metrics.TaskMetrics;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.imports.StateNamespaces;
import io.rapidbyte.host.lifecycle.BatchTransform;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.sockets.SocketOptions;
import io.rapidbyte.host.state.StateStore;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code wasm.transforms} chain of one stream: one {@link BatchTransform} instance per
 * transform, opened together with the stream's connector instance and closed with it. Each batch
 * is pushed through the transforms in order, synchronously, on the calling thread (the stream's
 * thread, inside the connector's own {@code emit-batch} or {@code next-batch}); every output of
 * transform k is one {@code run-transform} call of transform k+1, in order. A transform may drop a
 * batch (no output) or split it.
 *
 * <p><b>Failures.</b> A transform's error or trap is thrown as a {@link ConnectorException} whose
 * message names the transform ({@code transform 'mask' failed: ...}); it keeps the transform's
 * category, code and retryability (a trap, timeout or ABI violation is never retryable), and is
 * also kept as {@link #takeFailure()}: the connector that called us may wrap the error it got
 * from the host in its own, and the task should report the transform's.
 *
 * <p><b>Threading.</b> Build, use and close it on the stream's thread; {@link #cancel()} from any.
 */
public final class TransformChain implements AutoCloseable {
    private final List<BatchTransform> transforms;
    private final List<String> names;
    private final String ctxJson;
    private ConnectorException failure;

    private TransformChain(List<BatchTransform> transforms, List<String> names, String ctxJson) {
        this.transforms = transforms;
        this.names = names;
        this.ctxJson = ctxJson;
    }

    /**
     * Builds and opens every transform of {@code setup}'s chain on the calling thread; closes those
     * already built if one fails. Null when the chain is empty.
     *
     * @param instanceName the stream's connector instance name; transform {@code t} is named
     *                     {@code <instanceName>/t}
     * @param connector    the connector's state namespaces; a transform gets its own connector id
     * @throws ConnectorException a transform failed to build or open, naming it
     */
    public static TransformChain open(ConnectorSetup setup, String stream, String instanceName, StateStore state,
                                      StateNamespaces connector, TaskMetrics metrics) {
        if (setup.transforms().isEmpty()) {
            return null;
        }
        List<BatchTransform> built = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (TransformSetup t : setup.transforms()) {
                String name = instanceName + "/" + t.name();
                BatchTransform transform;
                try {
                    transform = BatchTransform.build(ConnectorInstance.builder(t.module(), Role.TRANSFORM)
                            .name(name)
                            .limits(setup.instanceLimits())
                            .network(t.acl(), SocketOptions.DEFAULT)
                            .state(state, new StateNamespaces(connector.pipelineId(), connector.stream(),
                                    connector.connectorId() + "/" + t.name()))
                            .listener(new Slf4jHostListener(metrics))
                            .copyCounter(metrics.copies()));
                    built.add(transform);
                    names.add(t.name());
                    transform.open(t.configJson());
                } catch (RuntimeException e) {
                    throw named(t.name(), "could not be opened", e);
                }
            }
        } catch (RuntimeException e) {
            built.forEach(TransformChain::closeQuietly);
            throw e;
        }
        return new TransformChain(List.copyOf(built), List.copyOf(names),
                setup.streamLimits(1).contextJson(stream, null));
    }

    /**
     * The batches {@code batch} becomes after every transform, in order; empty when one dropped it.
     * The caller keeps {@code batch} (it is never written to) and owns the outputs.
     *
     * @throws ConnectorException naming the transform that failed (see class doc); after a failure
     *         every call fails the same way until {@link #takeFailure()}
     */
    public List<FramePayload> apply(FramePayload batch) {
        if (failure != null) {
            throw failure;
        }
        List<FramePayload> current = List.of(batch);
        for (int i = 0; i < transforms.size() && !current.isEmpty(); i++) {
            BatchTransform t = transforms.get(i);
            List<FramePayload> next = new ArrayList<>(current.size());
            for (FramePayload in : current) {
                try {
                    next.addAll(t.runTransform(ctxJson, in).outputs());
                } catch (RuntimeException e) {
                    failure = named(names.get(i), "failed", e);
                    throw failure;
                }
            }
            current = next;
        }
        return current;
    }

    /**
     * A batch the chain's last transform emitted is unusable (e.g. not one Arrow IPC stream): the
     * failure, naming that transform, to throw (also kept as {@link #takeFailure()}).
     */
    public ConnectorException rejectOutput(ConnectorError why) {
        failure = new ConnectorException(ConnectorError.of(why.category(), why.code(), "transform '"
                + names.get(names.size() - 1) + "' emitted an unusable batch: " + why.message()));
        return failure;
    }

    /** The failure of a transform since the last call, or null; clears it (a retried run starts afresh). */
    public ConnectorException takeFailure() {
        ConnectorException f = failure;
        failure = null;
        return f;
    }

    /** False once any transform trapped, timed out, was cancelled or broke the ABI. */
    public boolean isUsable() {
        return transforms.stream().allMatch(BatchTransform::isUsable);
    }

    /** Stops the transforms' guest calls; thread-safe. */
    public void cancel() {
        transforms.forEach(BatchTransform::cancel);
    }

    /** Closes every transform (freeing its frames); failures are logged, not thrown. */
    @Override
    public void close() {
        transforms.forEach(TransformChain::closeQuietly);
    }

    /** Most linear memory any transform instance uses (a metric). */
    public long memoryBytes() {
        return transforms.stream().mapToLong(t -> t.instance().memoryBytes()).max().orElse(0);
    }

    private static void closeQuietly(BatchTransform t) {
        try {
            t.close();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(TransformChain.class).warn("closing transform {} failed: {}", t.name(),
                    GuestFailures.describe(null, e));
        }
    }

    /** {@code e} as an error naming transform {@code name}, retryable only if the transform said so. */
    static ConnectorException named(String name, String what, RuntimeException e) {
        ConnectorError base = e instanceof ConnectorException ce && ce.error() != null ? ce.error()
                : ConnectorError.of(ErrorCategory.INTERNAL, "TRANSFORM_FAILED", String.valueOf(e));
        boolean retryable = RetryPolicy.isRetryable(e);
        String message = "transform '" + name + "' " + what + ": " + base.message();
        ConnectorError error = new ConnectorError(base.category(), base.scope(), base.code(), message, retryable,
                base.retryAfterMs(), base.backoffClass(), retryable && base.safeToRetry(), base.commitState(),
                base.detailsJson());
        return new ConnectorException(error, e);
    }
}
