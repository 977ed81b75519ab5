package io.rapidbyte.source.postgres;

import io.rapidbyte.postgres.guest.Redactor;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.ErrorScope;

/**
 * The connector errors source-postgres raises itself (Postgres and host failures are mapped by the
 * shared {@link io.rapidbyte.postgres.guest.PgErrors}). Stateless.
 */
public final class Errors {
    private Errors() {
    }
    /** A value that cannot be represented: {@code data}, per record, not retryable. */
    public static ConnectorException data(String code, String message, Redactor redactor) {
        return ConnectorError.data(code, redactor.redact(message)).withScope(ErrorScope.PER_RECORD).toException();
    }

    /** A problem with what the config points at (a column that is not there, a cursor that cannot work). */
    public static ConnectorException config(String code, String message) {
        return ConnectorError.config(code, message).toException();
    }
}
