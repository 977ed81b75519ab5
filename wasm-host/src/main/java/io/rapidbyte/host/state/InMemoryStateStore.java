package io.rapidbyte.host.state;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link StateStore} in a concurrent map: state lives as long as the object (tests, the
 * in-process pipeline runner). Thread-safe; compare-and-set is atomic per key.
 */
public final class InMemoryStateStore implements StateStore {
    /** Namespace and key as one map key, so the two can never be confused by concatenation. */
    private record Key(String namespace, String key) {
    }

    private final ConcurrentHashMap<Key, String> values = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String namespace, String key) {
        return Optional.ofNullable(values.get(key(namespace, key)));
    }

    @Override
    public void put(String namespace, String key, String value) {
        values.put(key(namespace, key), Objects.requireNonNull(value, "value"));
    }

    @Override
    public boolean compareAndSet(String namespace, String key, String expectedOrNull, String newValue) {
        Objects.requireNonNull(newValue, "newValue");
        Key k = key(namespace, key);
        if (expectedOrNull == null) {
            return values.putIfAbsent(k, newValue) == null;
        }
        return values.replace(k, expectedOrNull, newValue);
    }

    /** A snapshot of one namespace (for tests and diagnostics). */
    public Map<String, String> snapshot(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        Map<String, String> out = new java.util.TreeMap<>();
        values.forEach((k, v) -> {
            if (k.namespace().equals(namespace)) {
                out.put(k.key(), v);
            }
        });
        return out;
    }

    private static Key key(String namespace, String key) {
        return new Key(Objects.requireNonNull(namespace, "namespace"), Objects.requireNonNull(key, "key"));
    }
}
