package io.rapidbyte.dest.postgres.pg;

import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.PgServerMessage;
import io.rapidbyte.sdk.BackoffClass;
import io.rapidbyte.sdk.CommitState;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.ErrorScope;

/**
 * Turns {@link PgException}s into connector errors: the SQLSTATE is the code, the category is
 * the wire client's classification, and the message names the column involved when the server
 * says which one (field {@code c}, a {@code Key (col)=} detail, a COPY context or the
 * constraint). Stateless.
 */
public final class PgErrors {
    private PgErrors() {
    }

    /** {@code what} failed with {@code e}; nothing of the open transaction was committed. */
    public static ConnectorException of(String what, PgException e) {
        return of(what, e, CommitState.BEFORE_COMMIT);
    }

    public static ConnectorException of(String what, PgException e, CommitState commitState) {
        ErrorCategory category = ErrorCategory.fromWireName(e.categoryName());
        String code = e.sqlState() == null ? "PG_ERROR" : e.sqlState();
        String message = what + ": " + describe(e);
        ConnectorError error = new ConnectorError(category, scopeOf(category), code, message, e.retryable(), null,
                e.retryable() ? BackoffClass.NORMAL : BackoffClass.SLOW, e.retryable(), commitState, null);
        return new ConnectorException(error, e);
    }

    /** "SQLSTATE 23505 on column "id": duplicate key ... DETAIL: ..." (column part when known). */
    public static String describe(PgException e) {
        StringBuilder sb = new StringBuilder();
        sb.append("SQLSTATE ").append(e.sqlState());
        String column = column(e);
        if (column != null) {
            sb.append(" on column \"").append(column).append('"');
        } else if (e.serverMessage() != null && e.serverMessage().constraintName() != null) {
            sb.append(" on constraint \"").append(e.serverMessage().constraintName()).append('"');
        }
        sb.append(": ").append(e.getMessage());
        return sb.toString();
    }

    /** The column the server blamed, or null. */
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

    /**
     * The 1-based row number of a COPY context ({@code "COPY t, line 3, column c: ..."}), or -1.
     */
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

    private static ErrorScope scopeOf(ErrorCategory category) {
        return category == ErrorCategory.DATA ? ErrorScope.PER_RECORD : ErrorScope.PER_STREAM;
    }
}
