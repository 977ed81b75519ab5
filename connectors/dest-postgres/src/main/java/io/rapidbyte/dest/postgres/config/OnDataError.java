package io.rapidbyte.dest.postgres.config;

/** What happens to a row that the encoder or the database rejects. */
public enum OnDataError {
    /** Roll the transaction back and fail the run, naming the SQLSTATE and the column. */
    FAIL,
    /** Send the row to {@code emit-dlq-record} and write the rest of the batch. */
    DLQ
}
