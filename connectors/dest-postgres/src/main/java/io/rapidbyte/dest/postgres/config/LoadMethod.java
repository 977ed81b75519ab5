package io.rapidbyte.dest.postgres.config;

/** How rows travel to the server. */
public enum LoadMethod {
    /** {@code COPY ... FROM STDIN (FORMAT binary)}. */
    COPY,
    /** Multi-row {@code INSERT ... VALUES} statements with text literals. */
    INSERT
}
