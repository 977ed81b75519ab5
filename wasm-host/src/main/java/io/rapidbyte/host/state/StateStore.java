package io.rapidbyte.host.state;

import java.util.Optional;

/**
 * Durable key/value state for connectors ({@code state-get}, {@code state-put},
 * {@code state-cas}). Keys live in namespaces; the host derives the namespace from the WIT
 * {@code state-scope} (pipeline, stream, connector) so that scopes never see each other's keys.
 *
 * <p><b>Thread-safety.</b> Implementations must be thread-safe: one store is shared by every
 * instance of a pipeline, each calling from its own thread. {@link #compareAndSet} must be
 * atomic with respect to all other operations on the same key.
 *
 * <p><b>Failures.</b> Implementations report storage failures as
 * {@link io.rapidbyte.host.types.ConnectorException} with code {@code STATE_FAILED}.
 * Arguments are never null.
 */
public interface StateStore {
    /** The value of {@code key} in {@code namespace}, if any. */
    Optional<String> get(String namespace, String key);

    /** Sets {@code key} to {@code value}, replacing any previous value. */
    void put(String namespace, String key, String value);

    /**
     * Sets {@code key} to {@code newValue} only if its current value equals
     * {@code expectedOrNull}, where {@code null} means "absent".
     *
     * @return whether the value was written
     */
    boolean compareAndSet(String namespace, String key, String expectedOrNull, String newValue);
}
