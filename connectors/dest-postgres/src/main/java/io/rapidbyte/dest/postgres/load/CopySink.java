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
            abort(copy, e);
            throw e;
        } catch (PgException e) {
            abort(copy, e);
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

    private static void abort(CopyIn copy, Exception cause) {
        if (copy.isEnded()) {
            return;
        }
        try {
            copy.fail("aborted by the connector");
        } catch (PgException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
