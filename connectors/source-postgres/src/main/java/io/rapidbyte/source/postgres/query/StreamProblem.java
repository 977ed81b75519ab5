package io.rapidbyte.source.postgres.query;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ErrorCategory;

/** One reason a configured stream cannot be read as configured, with the error it becomes. Immutable. */
public final class StreamProblem {
    /** SQLSTATE undefined_column. */
    public static final String UNDEFINED_COLUMN = "42703";
    /** SQLSTATE insufficient_privilege. */
    public static final String NO_PRIVILEGE = "42501";
    public static final String TIE_BREAKER_NULLABLE = "TIE_BREAKER_NULLABLE";

    private final String code;
    private final String message;

    public StreamProblem(String code, String message) {
        this.code = code;
        this.message = message;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    /** Permission for a missing privilege, config for everything else; never retryable. */
    public ErrorCategory category() {
        return NO_PRIVILEGE.equals(code) ? ErrorCategory.PERMISSION : ErrorCategory.CONFIG;
    }

    /** The error for a stream whose first problem is this one; {@code all} is every problem's message. */
    public ConnectorError toError(String stream, String all) {
        return ConnectorError.of(category(), code, "stream " + stream + ": " + all);
    }

    @Override
    public String toString() {
        return message;
    }
}
