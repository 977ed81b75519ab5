package io.rapidbyte.sdk;

import io.rapidbyte.sdk.json.JsonObject;

/**
 * What every connector role shares: {@code open}, {@code validate} and {@code close}. Implement
 * {@link SourceConnector}, {@link DestinationConnector} or {@link TransformConnector} and register
 * the instance from {@code main} with {@link Rapidbyte}.
 *
 * <p>The host calls one export at a time on one thread; implementations need no synchronisation.
 * Throw {@link ConnectorException} to return a specific {@link ConnectorError}; any other
 * exception becomes an {@code internal/GUEST_EXCEPTION} error.
 */
public interface Connector {
    /** Receives the connector's config object (its JSON Schema is in the module's manifest). */
    void open(JsonObject config);

    /** Checks the config and connectivity; the default reports success. */
    default ValidationResult validate() {
        return ValidationResult.success("ok");
    }

    /** Releases resources; the default does nothing. */
    default void close() {
    }
}
