package io.rapidbyte.host.types;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * WIT {@code types.connector-error}: the one error value that crosses the boundary in
 * both directions. Immutable and thread-safe.
 *
 * @param retryAfterMs  {@code option<u64>}; empty when absent
 * @param commitState   {@code option<commit-state>}; null when absent
 * @param detailsJson   {@code option<string>}; null when absent
 */
public record ConnectorError(
        ErrorCategory category,
        ErrorScope scope,
        String code,
        String message,
        boolean retryable,
        OptionalLong retryAfterMs,
        BackoffClass backoffClass,
        boolean safeToRetry,
        CommitState commitState,
        String detailsJson) {

    public ConnectorError {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(retryAfterMs, "retryAfterMs");
        Objects.requireNonNull(backoffClass, "backoffClass");
    }

    /** A frame-transport violation (seed section 7): per-batch, not retryable. */
    public static ConnectorError frame(String code, String message) {
        return new ConnectorError(ErrorCategory.FRAME, ErrorScope.PER_BATCH, code, message, false,
                OptionalLong.empty(), BackoffClass.FAST, false, null, null);
    }

    /** A non-retryable error of the given category, scoped to the stream. */
    public static ConnectorError of(ErrorCategory category, String code, String message) {
        return new ConnectorError(category, ErrorScope.PER_STREAM, code, message, false,
                OptionalLong.empty(), BackoffClass.NORMAL, false, null, null);
    }

    /** A retryable error of the given category, scoped to the stream. */
    public static ConnectorError retryable(ErrorCategory category, String code, String message) {
        return new ConnectorError(category, ErrorScope.PER_STREAM, code, message, true,
                OptionalLong.empty(), BackoffClass.NORMAL, true, null, null);
    }

    @Override
    public String toString() {
        return category.witName() + "/" + code + ": " + message + (retryable ? " (retryable)" : "");
    }
}
