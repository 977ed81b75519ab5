package io.rapidbyte.dest.postgres.load;

import io.rapidbyte.postgres.guest.Database;
import io.rapidbyte.postgres.wire.PgException;

/** Sends rows [from, to) of a batch (skipping rejected ones) into a {@link WriteTarget}: COPY or INSERT. */
interface RowSink {
    /**
     * @throws LoadException the server refused some row's data (the caller rolls back and isolates it)
     * @throws PgException   any other server or connection failure
     */
    void load(Database db, RowRejects rows, int from, int to, WriteTarget target) throws LoadException, PgException;
}
