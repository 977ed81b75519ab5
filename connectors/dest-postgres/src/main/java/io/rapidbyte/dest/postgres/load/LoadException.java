package io.rapidbyte.dest.postgres.load;

import io.rapidbyte.postgres.wire.PgException;

/**
 * The server rejected rows of a load because of their data (SQLSTATE class 22/23/...), with the
 * batch row it blamed when it said ({@code COPY ..., line N}), else -1. The connection is usable;
 * the transaction (or savepoint) must be rolled back.
 */
final class LoadException extends Exception {
    private static final long serialVersionUID = 1L;

    final PgException cause;
    final int row;

    LoadException(PgException cause, int row) {
        super(cause.getMessage(), cause);
        this.cause = cause;
        this.row = row;
    }
}
