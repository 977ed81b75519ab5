package io.rapidbyte.sdk;

/**
 * Mirror of WIT {@code types.connector-error}: the one error type guests return to the host and the
 * host returns to guests. {@code code} is a stable upper-case identifier (a frame error code, a
 * SQLSTATE, ...); {@code message} is for humans and must never contain secrets.
 *
 * <p>Build one with {@link #of(ErrorCategory, String, String)} or the category shortcuts, then
 * refine it with the {@code with...} methods, which return copies. Immutable and thread-safe.
 */
public final class ConnectorError {
    private final ErrorCategory category;
    private final ErrorScope scope;
    private final String code;
    private final String message;
    private final boolean retryable;
    private final Long retryAfterMs;
    private final BackoffClass backoffClass;
    private final boolean safeToRetry;
    private final CommitState commitState;
    private final String detailsJson;

    /** Every field, in WIT order. {@code retryAfterMs}, {@code commitState} and {@code detailsJson} may be null. */
    public ConnectorError(ErrorCategory category, ErrorScope scope, String code, String message, boolean retryable,
            Long retryAfterMs, BackoffClass backoffClass, boolean safeToRetry, CommitState commitState,
            String detailsJson) {
        this.category = requireNonNull(category, "category");
        this.scope = requireNonNull(scope, "scope");
        this.code = requireNonNull(code, "code");
        this.message = message == null ? "" : message;
        this.retryable = retryable;
        this.retryAfterMs = retryAfterMs;
        this.backoffClass = requireNonNull(backoffClass, "backoffClass");
        this.safeToRetry = safeToRetry;
        this.commitState = commitState;
        this.detailsJson = detailsJson;
    }

    /** A non-retryable per-stream error with normal backoff; refine with the {@code with...} methods. */
    public static ConnectorError of(ErrorCategory category, String code, String message) {
        return new ConnectorError(category, ErrorScope.PER_STREAM, code, message, false, null, BackoffClass.NORMAL,
                false, null, null);
    }

    public static ConnectorError config(String code, String message) {
        return of(ErrorCategory.CONFIG, code, message);
    }

    public static ConnectorError internal(String code, String message) {
        return of(ErrorCategory.INTERNAL, code, message);
    }

    public static ConnectorError data(String code, String message) {
        return of(ErrorCategory.DATA, code, message);
    }

    /** A retryable, safe-to-retry network error with normal backoff. */
    public static ConnectorError transientNetwork(String code, String message) {
        return of(ErrorCategory.TRANSIENT_NETWORK, code, message).withRetryable(true).withSafeToRetry(true);
    }

    /** A retryable, safe-to-retry database error with normal backoff. */
    public static ConnectorError transientDb(String code, String message) {
        return of(ErrorCategory.TRANSIENT_DB, code, message).withRetryable(true).withSafeToRetry(true);
    }

    public ConnectorError withScope(ErrorScope newScope) {
        return new ConnectorError(category, newScope, code, message, retryable, retryAfterMs, backoffClass,
                safeToRetry, commitState, detailsJson);
    }

    public ConnectorError withRetryable(boolean value) {
        return new ConnectorError(category, scope, code, message, value, retryAfterMs, backoffClass, safeToRetry,
                commitState, detailsJson);
    }

    /** Sets {@code retry-after-ms}; null clears it. */
    public ConnectorError withRetryAfterMs(Long value) {
        return new ConnectorError(category, scope, code, message, retryable, value, backoffClass, safeToRetry,
                commitState, detailsJson);
    }

    public ConnectorError withBackoff(BackoffClass value) {
        return new ConnectorError(category, scope, code, message, retryable, retryAfterMs, value, safeToRetry,
                commitState, detailsJson);
    }

    public ConnectorError withSafeToRetry(boolean value) {
        return new ConnectorError(category, scope, code, message, retryable, retryAfterMs, backoffClass, value,
                commitState, detailsJson);
    }

    /** Sets {@code commit-state}; null clears it. */
    public ConnectorError withCommitState(CommitState value) {
        return new ConnectorError(category, scope, code, message, retryable, retryAfterMs, backoffClass, safeToRetry,
                value, detailsJson);
    }

    /** Sets {@code details-json} (JSON text); null clears it. */
    public ConnectorError withDetailsJson(String value) {
        return new ConnectorError(category, scope, code, message, retryable, retryAfterMs, backoffClass, safeToRetry,
                commitState, value);
    }

    public ErrorCategory category() {
        return category;
    }

    public ErrorScope scope() {
        return scope;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    public boolean retryable() {
        return retryable;
    }

    /** {@code retry-after-ms}, or null when absent. */
    public Long retryAfterMs() {
        return retryAfterMs;
    }

    public BackoffClass backoffClass() {
        return backoffClass;
    }

    public boolean safeToRetry() {
        return safeToRetry;
    }

    /** {@code commit-state}, or null when absent. */
    public CommitState commitState() {
        return commitState;
    }

    /** {@code details-json}, or null when absent. */
    public String detailsJson() {
        return detailsJson;
    }

    /** This error as an exception, ready to throw. */
    public ConnectorException toException() {
        return new ConnectorException(this);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConnectorError)) {
            return false;
        }
        ConnectorError e = (ConnectorError) o;
        return category == e.category && scope == e.scope && code.equals(e.code) && message.equals(e.message)
                && retryable == e.retryable && equal(retryAfterMs, e.retryAfterMs) && backoffClass == e.backoffClass
                && safeToRetry == e.safeToRetry && commitState == e.commitState && equal(detailsJson, e.detailsJson);
    }

    @Override
    public int hashCode() {
        return (category.ordinal() * 31 + code.hashCode()) * 31 + message.hashCode();
    }

    @Override
    public String toString() {
        return category.wireName() + "/" + code + ": " + message;
    }

    private static boolean equal(Object a, Object b) {
        return a == null ? b == null : a.equals(b);
    }

    private static <T> T requireNonNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name);
        }
        return value;
    }
}
