package io.rapidbyte.connect.state;

import io.rapidbyte.connect.source.SourceOffsets;
import io.rapidbyte.host.state.StateStore;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * A source task's connector state, kept in Connect's source offsets: each key is its own source
 * partition ({@link SourceOffsets#statePartition}), its value the offset. A write goes out as a
 * small record on the state topic whose offset Connect commits with the task's other offsets —
 * in the same transaction when exactly-once is enabled — so state survives task restarts,
 * rebalances and worker loss with the same guarantees as stream positions, and needs no
 * configuration. Reads see this task's own writes at once (a write-through cache) and fall back
 * to the offset store for keys not seen yet.
 *
 * <p><b>Guarantees.</b> A write is durable at the next offset commit after it (like a source
 * record). Compare-and-set is atomic among the streams of one task. Different tasks share the
 * pipeline and connector scopes through the offset store but do not coordinate their writes:
 * the last commit wins, so connectors should write shared keys from one stream only (stream
 * scope keys are only ever written by the task that owns the stream).
 *
 * <p><b>Threading.</b> Thread-safe; called on stream threads.
 */
public final class OffsetStateStore implements StateStore {
    /** Where writes go: the task's buffer, which releases them as records. */
    public interface Sink {
        void write(String namespace, String key, String value);
    }

    private record Key(String namespace, String key) {
    }

    private final OffsetStorageReader reader;
    private final Sink sink;
    /** Known values; an empty Optional caches "absent in the offset store". */
    private final ConcurrentHashMap<Key, Optional<String>> cache = new ConcurrentHashMap<>();

    public OffsetStateStore(OffsetStorageReader reader, Sink sink) {
        this.reader = reader;
        this.sink = sink;
    }

    @Override
    public Optional<String> get(String namespace, String key) {
        return cache.computeIfAbsent(new Key(namespace, key), this::load);
    }

    @Override
    public void put(String namespace, String key, String value) {
        Key k = new Key(namespace, key);
        // compute() serialises writers of one key, so the buffer sees writes in cache order.
        cache.compute(k, (kk, old) -> {
            sink.write(namespace, key, value);
            return Optional.of(value);
        });
    }

    @Override
    public boolean compareAndSet(String namespace, String key, String expectedOrNull, String newValue) {
        Key k = new Key(namespace, key);
        boolean[] written = {false};
        cache.compute(k, (kk, old) -> {
            Optional<String> current = old != null ? old : load(kk);
            if (!current.equals(Optional.ofNullable(expectedOrNull))) {
                return current;
            }
            sink.write(namespace, key, newValue);
            written[0] = true;
            return Optional.of(newValue);
        });
        return written[0];
    }

    private Optional<String> load(Key k) {
        Map<String, Object> offset;
        try {
            offset = reader.offset(SourceOffsets.statePartition(k.namespace(), k.key()));
        } catch (RuntimeException e) {
            throw new ConnectorException(ConnectorError.retryable(ErrorCategory.INTERNAL, ErrorCodes.STATE_FAILED,
                    "cannot read state from the offset store: " + e.getMessage()), e);
        }
        if (offset == null || !(offset.get(SourceOffsets.STATE_VALUE) instanceof String value)) {
            return Optional.empty();
        }
        return Optional.of(value);
    }
}
