package io.rapidbyte.connect.state;

import io.rapidbyte.host.state.StateStore;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import java.util.Optional;

/**
 * The state store of a sink task without a configured state topic: every call fails with
 * {@code STATE_FAILED} and says how to configure one, because state kept only in memory would
 * silently vanish at the next restart or rebalance. Stateless.
 */
final class UnconfiguredStateStore implements StateStore {
    private final String hint;

    UnconfiguredStateStore(String hint) {
        this.hint = hint;
    }

    @Override
    public Optional<String> get(String namespace, String key) {
        throw unavailable();
    }

    @Override
    public void put(String namespace, String key, String value) {
        throw unavailable();
    }

    @Override
    public boolean compareAndSet(String namespace, String key, String expectedOrNull, String newValue) {
        throw unavailable();
    }

    private ConnectorException unavailable() {
        return new ConnectorException(ConnectorError.of(ErrorCategory.CONFIG, ErrorCodes.STATE_FAILED,
                "connector state is not configured for this sink: " + hint));
    }
}
