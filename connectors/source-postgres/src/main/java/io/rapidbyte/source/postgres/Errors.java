package io.rapidbyte.source.postgres;

import io.rapidbyte.postgres.guest.Redactor;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.PgServerMessage;
import io.rapidbyte.sdk.BackoffClass;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.ErrorScope;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonObject;

/**
 * Maps failures to the {@code connector-error}s this connector returns.
 *
 * <ul>
 *   <li>A server error keeps its SQLSTATE as {@code code}; the category and {@code retryable} come
 *       from {@code postgres-wire}'s classification (auth 28xxx, config for missing objects,
 *       permission 42501, transient-db for serialization/lock/cancel, transient-network for lost
 *       connections, data for 22xxx/23xxx, schema for other 42xxx). Server fields that help
 *       (severity, detail, hint, schema/table/column) go to {@code details-json}.</li>
 *   <li>A host error underneath (the socket timed out, the host refused the connection) keeps the
 *       host's code and category, with this connector's context in front of the message.</li>
 * </ul>
 *
 * Every message passes through the {@link Redactor}; retryable errors are also safe to retry
 * because a source only reads. Stateless.
 */
public final class Errors {
    private Errors() {
    }

    /** A PgException as a connector error, {@code context} saying what was being done. */
    public static ConnectorException fromPg(String context, PgException e, Redactor redactor) {
        ConnectorError host = hostCause(e);
        if (host != null) {
            return fromHost(context, host, redactor);
        }
        ErrorCategory category = ErrorCategory.fromWireName(e.categoryName());
        String code = e.sqlState() != null ? e.sqlState() : PgException.CONNECTION_FAILURE;
        ConnectorError error = ConnectorError.of(category, code, redactor.redact(context + ": " + e.getMessage()))
                .withRetryable(e.retryable())
                .withSafeToRetry(e.retryable())
                .withBackoff(category == ErrorCategory.TRANSIENT_DB ? BackoffClass.SLOW : BackoffClass.NORMAL);
        PgServerMessage m = e.serverMessage();
        if (m != null) {
            JsonObject details = Json.object().with("sqlstate", code);
            putIfSet(details, "severity", m.effectiveSeverity());
            putIfSet(details, "detail", redactor.redact(m.detail()));
            putIfSet(details, "hint", redactor.redact(m.hint()));
            putIfSet(details, "schema", m.schemaName());
            putIfSet(details, "table", m.tableName());
            putIfSet(details, "column", m.columnName());
            error = error.withDetailsJson(details.toJson());
        }
        return error.toException();
    }

    /** A host error (socket, allow-list) with this connector's context in front of its message. */
    public static ConnectorException fromHost(String context, ConnectorError e, Redactor redactor) {
        return new ConnectorError(e.category(), e.scope(), e.code(), redactor.redact(context + ": " + e.message()),
                e.retryable(), e.retryAfterMs(), e.backoffClass(), e.safeToRetry(), e.commitState(),
                e.detailsJson()).toException();
    }

    /** A value that cannot be represented: {@code data}, per record, not retryable. */
    public static ConnectorException data(String code, String message, Redactor redactor) {
        return ConnectorError.data(code, redactor.redact(message)).withScope(ErrorScope.PER_RECORD).toException();
    }

    /** A problem with what the config points at (a column that is not there, a cursor that cannot work). */
    public static ConnectorException config(String code, String message) {
        return ConnectorError.config(code, message).toException();
    }

    /** {@code e} with its message redacted (the other fields unchanged). */
    public static ConnectorException redacted(ConnectorException e, Redactor redactor) {
        ConnectorError x = e.error();
        String message = redactor.redact(x.message());
        if (message.equals(x.message())) {
            return e;
        }
        return new ConnectorError(x.category(), x.scope(), x.code(), message, x.retryable(), x.retryAfterMs(),
                x.backoffClass(), x.safeToRetry(), x.commitState(), x.detailsJson()).toException();
    }

    private static ConnectorError hostCause(Throwable t) {
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            if (t instanceof ConnectorException) {
                return ((ConnectorException) t).error();
            }
        }
        return null;
    }

    private static void putIfSet(JsonObject o, String key, String value) {
        if (value != null && !value.isEmpty()) {
            o.put(key, value);
        }
    }
}
