package io.rapidbyte.host.imports;

import io.rapidbyte.host.types.StateScope;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Maps a WIT {@code state-scope} to a {@link io.rapidbyte.host.state.StateStore} namespace:
 * {@code pipeline/<p>}, {@code pipeline/<p>/stream/<s>}, {@code pipeline/<p>/connector/<c>}.
 * Components are URL-encoded, so no choice of ids makes two scopes share a namespace.
 * Immutable.
 *
 * @param pipelineId  the pipeline the instance belongs to
 * @param stream      the stream the instance runs
 * @param connectorId the connector instance within the pipeline (e.g. its stage name)
 */
public record StateNamespaces(String pipelineId, String stream, String connectorId) {
    public StateNamespaces {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(connectorId, "connectorId");
    }

    public String namespace(StateScope scope) {
        String pipeline = "pipeline/" + encode(pipelineId);
        return switch (scope) {
            case PIPELINE -> pipeline;
            case STREAM -> pipeline + "/stream/" + encode(stream);
            case CONNECTOR -> pipeline + "/connector/" + encode(connectorId);
        };
    }

    private static String encode(String component) {
        return URLEncoder.encode(component, StandardCharsets.UTF_8);
    }
}
