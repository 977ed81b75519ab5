package io.rapidbyte.dest.postgres.load;

import io.rapidbyte.dest.postgres.encode.TextRenderer;
import io.rapidbyte.postgres.guest.Database;
import io.rapidbyte.postgres.guest.PgErrors;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.sdk.arrow.Column;

/**
 * Loads rows with multi-row {@code INSERT ... VALUES} statements of at most {@code rowsPerStatement}
 * rows (and about 4 MiB of SQL). Every value is an untyped escape-string literal of its
 * PostgreSQL input text, so the server converts it with the column type's input function (enums,
 * inet, json and other types need no cast). Not thread-safe; one per run.
 */
final class InsertSink implements RowSink {
    private static final int MAX_SQL_CHARS = 4 << 20;

    private final int rowsPerStatement;
    private final StringBuilder value = new StringBuilder();

    InsertSink(int rowsPerStatement) {
        this.rowsPerStatement = rowsPerStatement;
    }

    @Override
    public void load(Database db, RowRejects rows, int from, int to, WriteTarget target)
            throws LoadException, PgException {
        Column[] cols = target.columnsOf(rows.batch());
        StringBuilder sql = new StringBuilder(target.insertPrefix);
        int inStatement = 0;
        for (int r = from; r < to; r++) {
            if (rows.isRejected(r)) {
                continue;
            }
            int mark = sql.length();
            sql.append(inStatement == 0 ? "(" : ", (");
            int k = 0;
            try {
                for (; k < cols.length; k++) {
                    if (k > 0) {
                        sql.append(", ");
                    }
                    if (cols[k] == null) {
                        sql.append(r);
                    } else if (cols[k].isNull(r)) {
                        sql.append("NULL");
                    } else {
                        value.setLength(0);
                        TextRenderer.append(value, cols[k], r);
                        db.appendLiteral(sql, value);
                    }
                }
            } catch (RuntimeException e) {
                sql.setLength(mark);
                rows.reject(r, "INVALID_VALUE", target.columns[k], "value of column \"" + target.columns[k]
                        + "\" cannot be rendered: " + e.getMessage());
                continue;
            }
            sql.append(')');
            inStatement++;
            if (inStatement >= rowsPerStatement || sql.length() >= MAX_SQL_CHARS) {
                execute(db, sql);
                sql.setLength(target.insertPrefix.length());
                inStatement = 0;
            }
        }
        if (inStatement > 0) {
            execute(db, sql);
        }
    }

    private static void execute(Database db, StringBuilder sql) throws LoadException, PgException {
        try {
            db.execute(sql.toString());
        } catch (PgException e) {
            if (!PgErrors.isRowError(e)) {
                throw e;
            }
            throw new LoadException(e, -1);
        }
    }
}
