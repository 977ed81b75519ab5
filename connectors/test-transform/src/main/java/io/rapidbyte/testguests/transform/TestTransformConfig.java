package io.rapidbyte.testguests.transform;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.json.JsonException;
import io.rapidbyte.sdk.json.JsonObject;
import java.util.Arrays;
import java.util.List;

/** The test transform's {@code open} config (schema in {@code src/main/wasm/manifest.json}). Immutable. */
final class TestTransformConfig {
    private static final List<String> KEYS = Arrays.asList("drop_every", "trap_after_batches", "fail_after_batches",
            "fail_retryable");

    final long dropEvery;
    final long trapAfterBatches;
    final long failAfterBatches;
    final boolean failRetryable;

    private TestTransformConfig(long dropEvery, long trapAfterBatches, long failAfterBatches, boolean failRetryable) {
        this.dropEvery = dropEvery;
        this.trapAfterBatches = trapAfterBatches;
        this.failAfterBatches = failAfterBatches;
        this.failRetryable = failRetryable;
    }

    /** @throws ConnectorException category config, code {@code INVALID_CONFIG}, naming the bad member */
    static TestTransformConfig parse(JsonObject config) {
        try {
            for (String key : config.keySet()) {
                if (!KEYS.contains(key)) {
                    throw invalid("unknown member \"" + key + "\"; allowed: " + KEYS);
                }
            }
            return new TestTransformConfig(count(config, "drop_every"), count(config, "trap_after_batches"),
                    count(config, "fail_after_batches"), config.optBoolean("fail_retryable", false));
        } catch (JsonException e) {
            throw invalid(e.getMessage());
        }
    }

    private static long count(JsonObject config, String key) {
        long n = config.optLong(key, 0);
        if (n < 0) {
            throw invalid(key + " must not be negative, got " + n);
        }
        return n;
    }

    private static ConnectorException invalid(String message) {
        return ConnectorError.config("INVALID_CONFIG", "test-transform config: " + message).toException();
    }
}
