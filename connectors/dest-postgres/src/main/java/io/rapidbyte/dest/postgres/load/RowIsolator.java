package io.rapidbyte.dest.postgres.load;

import io.rapidbyte.dest.postgres.config.OnDataError;
import io.rapidbyte.postgres.guest.Database;
import io.rapidbyte.postgres.guest.PgErrors;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.sdk.arrow.RecordBatch;

/**
 * Writes a record batch and deals with rows the database refuses.
 *
 * <p>With {@code fail}, the first refused row is reported to the {@link RowErrorHandler}, which
 * throws; the caller rolls the transaction back. With {@code dlq}, each attempt runs under a
 * savepoint; when it fails, the savepoint is rolled back and the offending row is found: a COPY
 * error names its line, so that row goes to the dead-letter queue and the rows around it are
 * retried; otherwise (INSERT, staged merges) the range is halved until single rows remain. So k
 * bad rows in n cost O(k) COPYs with line numbers and O(k log n) without, and every good row is
 * written exactly once. Not thread-safe.
 */
public final class RowIsolator {
    private static final String SAVEPOINT = "rapidbyte_rows";

    private final Database db;
    private final OnDataError onDataError;
    private final RowErrorHandler handler;

    public RowIsolator(Database db, OnDataError onDataError, RowErrorHandler handler) {
        this.db = db;
        this.onDataError = onDataError;
        this.handler = handler;
    }

    /**
     * Loads every row of {@code batch}; returns how many were rejected (dead-lettered).
     *
     * @throws PgException a failure that is not about one row's data (the transaction is unusable)
     */
    public int write(TableWriter writer, RecordBatch batch) throws PgException {
        RowRejects rows = new RowRejects(batch, handler);
        writer.prepare();
        int n = batch.rowCount();
        if (onDataError == OnDataError.FAIL) {
            try {
                writer.load(rows, 0, n);
            } catch (LoadException e) {
                handler.rowRejected(batch, e.row, e.cause.sqlState(), PgErrors.column(e.cause),
                        PgErrors.describe(e.cause));
                throw new IllegalStateException("the row error handler must throw in fail mode");
            }
            return rows.count();
        }
        isolate(writer, rows, 0, n);
        return rows.count();
    }

    private void isolate(TableWriter writer, RowRejects rows, int from, int to) throws PgException {
        while (from < to) {
            int live = rows.live(from, to);
            if (live == 0) {
                return;
            }
            db.execute("SAVEPOINT " + SAVEPOINT);
            LoadException failure;
            try {
                writer.load(rows, from, to);
                db.execute("RELEASE SAVEPOINT " + SAVEPOINT);
                return;
            } catch (LoadException e) {
                failure = e;
            }
            db.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT + "; RELEASE SAVEPOINT " + SAVEPOINT);
            int bad = failure.row;
            if (live == 1) {
                bad = rows.nthLive(from, to, 1);
            }
            if (bad >= from && bad < to) {
                rows.reject(bad, failure.cause.sqlState(), PgErrors.column(failure.cause),
                        PgErrors.describe(failure.cause));
                isolate(writer, rows, from, bad);
                from = bad + 1;
            } else {
                int mid = from + (to - from) / 2;
                isolate(writer, rows, from, mid);
                from = mid;
            }
        }
    }
}
