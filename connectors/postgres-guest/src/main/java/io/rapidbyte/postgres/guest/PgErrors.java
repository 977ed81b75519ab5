package io.rapidbyte.postgres.guest;

import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.PgServerMessage;
import io.rapidbyte.sdk.BackoffClass;
import io.rapidbyte.sdk.CommitState;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.ErrorScope;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonObject;

/**
 * The one mapping from Postgres failures to the {@code connector-error}s both Postgres connectors
 * return.
 *
 * <ul>
 *   <li>A server or client-side {@link PgException} keeps its SQLSTATE as {@code code}; category
 *       and {@code retryable} come from {@code postgres-wire}'s classification (auth 28xxx, config
 *       for missing objects, permission 42501, transient-db for serialization/lock/cancel,
 *       transient-network for lost connections, data for 22xxx/23xxx, schema for other 42xxx).
 *       Data errors are per record, all others per stream. The message is the context, the
 *       SQLSTATE, the column the server blamed (when it says) and the server's text; the server's
 *       detail, hint and schema/table/column go to {@code details-json}.</li>
 *   <li>A host error underneath (the socket timed out, the allow-list refused, the TLS handshake
 *       failed) keeps the host's code and category, with the context in front of its message.</li>
 * </ul>
 *
 * Every message passes through the {@link Redactor}. Stateless.
 */
public final class PgErrors {
    static final String CANNOT_CONNECT_NOW = "57P03";
    static final Long CANNOT_CONNECT_NOW_RETRY_MS = 500L;

    private PgErrors() {
    }

    /** {@code e} while doing {@code context}; no commit state (reads, connects, catalog lookups). */
    public static ConnectorException of(String context, PgException e, Redactor redactor) {
        return of(context, e, null, redactor);
    }

    /** {@code e} while doing {@code context}, with the state of the transaction it hit. */
    public static ConnectorException of(String context, PgException e, CommitState commitState, Redactor redactor) {
        ConnectorError host = hostCause(e);
        if (host != null) {
            return fromHost(context, host, redactor);
        }
        ErrorCategory category = ErrorCategory.fromWireName(e.categoryName());
        String code = e.sqlState() != null ? e.sqlState() : PgException.CONNECTION_FAILURE;
        ConnectorError error = new ConnectorError(category,
                category == ErrorCategory.DATA ? ErrorScope.PER_RECORD : ErrorScope.PER_STREAM, code,
                redactor.redact(context + ": " + describe(e)), e.retryable(), retryAfterMs(code),
                category == ErrorCategory.TRANSIENT_DB ? BackoffClass.SLOW : BackoffClass.NORMAL, e.retryable(),
                commitState, details(code, e.serverMessage(), redactor));
        return new ConnectorException(error, e);
    }

    /**
     * How soon to try again when the server said when: 57P03 (cannot_connect_now) comes from a
     * server that is starting up or replaying its WAL after a crash, and it accepts connections
     * within moments; the slow class's growing backoff would idle for many seconds past that. A
     * retry costs one refused startup packet. Null (the backoff class decides) otherwise.
     */
    static Long retryAfterMs(String sqlState) {
        return CANNOT_CONNECT_NOW.equals(sqlState) ? CANNOT_CONNECT_NOW_RETRY_MS : null;
    }

    /** A host error (socket, allow-list, TLS) with {@code context} in front of its message. */
    public static ConnectorException fromHost(String context, ConnectorError e, Redactor redactor) {
        return new ConnectorError(e.category(), e.scope(), e.code(), redactor.redact(context + ": " + e.message()),
                e.retryable(), e.retryAfterMs(), e.backoffClass(), e.safeToRetry(), e.commitState(),
                e.detailsJson()).toException();
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

    /**
     * The line a failed {@code validate} reports for {@code e}, raised while connecting: {@code
     * <setting>: cannot connect (<category>[, <code>]): <message>}. It starts with the top-level
     * config setting at fault when the error proves which one it is (the host reports the line on
     * that setting's field, see connect-plugin's README), and states the code only when the
     * message does not already.
     */
    public static String connectFailure(ConnectorError e) {
        String setting = settingAtFault(e);
        return (setting == null ? "" : setting + ": ") + "cannot connect (" + e.category().wireName()
                + (e.message().contains(e.code()) ? "" : ", " + e.code()) + "): " + e.message();
    }

    /**
     * The setting a connect failure blames, or null: {@code password} for 28P01 (invalid_password;
     * the server says nothing more precise about a wrong user), {@code database} for 3D000.
     */
    static String settingAtFault(ConnectorError e) {
        if ("28P01".equals(e.code())) {
            return "password";
        }
        if ("3D000".equals(e.code())) {
            return "database";
        }
        return null;
    }

    /** {@code SQLSTATE 23505 on column "id": duplicate key ...} (the column part when known). */
    public static String describe(PgException e) {
        StringBuilder sb = new StringBuilder();
        sb.append("SQLSTATE ").append(e.sqlState());
        String column = column(e);
        if (column != null) {
            sb.append(" on column \"").append(column).append('"');
        } else if (e.serverMessage() != null && e.serverMessage().constraintName() != null) {
            sb.append(" on constraint \"").append(e.serverMessage().constraintName()).append('"');
        }
        // The server's text without its own "(SQLSTATE ...)": the code is stated once, in front.
        sb.append(": ").append(e.isServerError() ? e.serverMessage().textWithoutCode() : e.getMessage());
        return sb.toString();
    }

    /** The column the server blamed (field {@code c}, a {@code Key (col)=} detail, a COPY context), or null. */
    public static String column(PgException e) {
        PgServerMessage m = e.serverMessage();
        if (m == null) {
            return null;
        }
        if (m.columnName() != null) {
            return m.columnName();
        }
        String detail = m.detail();
        if (detail != null && detail.startsWith("Key (")) {
            int end = detail.indexOf(")=(");
            if (end > 5) {
                return detail.substring(5, end);
            }
        }
        String where = m.where();
        if (where != null) {
            int at = where.indexOf(", column ");
            if (at >= 0) {
                int start = at + 9;
                int end = where.indexOf(':', start);
                return end > start ? where.substring(start, end) : where.substring(start);
            }
        }
        return null;
    }

    /** The 1-based row number of a COPY context ({@code "COPY t, line 3, column c: ..."}), or -1. */
    public static long copyLine(PgException e) {
        PgServerMessage m = e.serverMessage();
        String where = m == null ? null : m.where();
        if (where == null || !where.startsWith("COPY ")) {
            return -1;
        }
        int at = where.indexOf(", line ");
        if (at < 0) {
            return -1;
        }
        long n = 0;
        int digits = 0;
        for (int i = at + 7; i < where.length() && digits < 12; i++, digits++) {
            char c = where.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            n = n * 10 + (c - '0');
        }
        return digits == 0 ? -1 : n;
    }

    /** Whether {@code e} is about one row's data (the rest of the work may still succeed). */
    public static boolean isRowError(PgException e) {
        return !e.connectionBroken() && "data".equals(e.categoryName());
    }

    private static String details(String code, PgServerMessage m, Redactor redactor) {
        if (m == null) {
            return null;
        }
        JsonObject details = Json.object().with("sqlstate", code);
        putIfSet(details, "severity", m.effectiveSeverity());
        putIfSet(details, "detail", redactor.redact(m.detail()));
        putIfSet(details, "hint", redactor.redact(m.hint()));
        putIfSet(details, "schema", m.schemaName());
        putIfSet(details, "table", m.tableName());
        putIfSet(details, "column", m.columnName());
        return details.toJson();
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
