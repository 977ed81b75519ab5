package io.rapidbyte.dest.postgres.load;

import io.rapidbyte.sdk.arrow.RecordBatch;

/**
 * Receives a row that was rejected (by an encoder or the database). With on_data_error=dlq it
 * sends the row to the dead-letter queue and returns; with fail it throws the run's error.
 */
public interface RowErrorHandler {
    /**
     * @param row     the row in {@code batch}, or -1 when the server did not say which row (fail mode only)
     * @param code    SQLSTATE, or INVALID_VALUE for a value the encoder refused
     * @param column  the column blamed, or null
     * @param message why, for humans
     */
    void rowRejected(RecordBatch batch, int row, String code, String column, String message);
}
