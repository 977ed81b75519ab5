package io.rapidbyte.dest.postgres.load;

import io.rapidbyte.dest.postgres.encode.TupleEncoder;
import io.rapidbyte.dest.postgres.encode.ValueException;
import io.rapidbyte.postgres.guest.Database;
import io.rapidbyte.postgres.guest.PgErrors;
import io.rapidbyte.postgres.wire.CopyIn;
import io.rapidbyte.postgres.wire.PgException;

/**
 * Loads rows with {@code COPY ... FROM STDIN (FORMAT binary)}, encoding Arrow values straight
 * into binary tuples ({@link TupleEncoder}) and sending them in chunks of about
 * {@link CopyIn#CHUNK_SIZE}. A value the encoder refuses is dropped with its row (reported
 * through {@link RowRejects}) while the COPY goes on; a row the server refuses fails the whole
 * COPY, reported as a {@link LoadException} blaming the row of the server's {@code line N}.
 * Stateless; one per run.
 */
final class CopySink implements RowSink {
    @Override
    public void load(Database db, RowRejects rows, int from, int to, WriteTarget target)
            throws LoadException, PgException {
        TupleEncoder enc = target.encoder();
        enc.bind(rows.batch());
        enc.clear();
        enc.header();
        CopyIn copy = db.copyIn(target.copySql);
        try {
            for (int r = from; r < to; r++) {
                if (rows.isRejected(r)) {
                    continue;
                }
                try {
                    enc.row(r);
                } catch (ValueException e) {
                    rows.reject(r, "INVALID_VALUE", e.columnName(), e.getMessage());
                    continue;
                }
                if (enc.length() >= CopyIn.CHUNK_SIZE) {
                    copy.write(enc.buffer(), 0, enc.length());
                    enc.clear();
                }
            }
            enc.trailer();
            copy.write(enc.buffer(), 0, enc.length());
            enc.clear();
        } catch (RuntimeException e) {
            abort(copy);
            throw e;
        } catch (PgException e) {
            abort(copy);
            throw e;
        }
        try {
            copy.finish();
        } catch (PgException e) {
            if (!PgErrors.isRowError(e)) {
                throw e;
            }
            long line = PgErrors.copyLine(e);
            throw new LoadException(e, line > 0 ? rows.nthLive(from, to, line) : -1);
        }
    }

    /**
     * Ends the COPY so the session is usable again. If that fails too, the session is gone (a
     * broken session refuses the CopyFail) and {@code cause} already says why; the second failure is
     * dropped, not attached with {@code addSuppressed}, which throws a NullPointerException in
     * TeaVM 0.13.1 guests (its Throwable never initialises the suppressed list).
     */
    private static void abort(CopyIn copy) {
        if (copy.isEnded()) {
            return;
        }
        try {
            copy.fail("aborted by the connector");
        } catch (PgException | RuntimeException ignored) {
            // see above: the caller rethrows the first failure
        }
    }
}
