package io.rapidbyte.source.postgres.catalog;

/**
 * How one value arrives in the binary COPY stream and which Arrow type it becomes. See
 * {@link TypeMapper} for which Postgres types map to which kind.
 */
public enum ValueKind {
    INT16,
    INT32,
    INT64,
    /** oid: unsigned 32-bit, widened to int64. */
    OID,
    FLOAT32,
    FLOAT64,
    BOOL,
    /** numeric(p,s) with p at most 38: decimal128(p,s). */
    DECIMAL,
    /** UTF-8 text as sent (text, varchar, char(n), name, json, and every {@code ::text} cast). */
    TEXT,
    /** jsonb: a version byte, then the JSON text. */
    JSONB,
    BYTEA,
    DATE,
    TIME,
    TIMESTAMP,
    TIMESTAMPTZ,
    INTERVAL,
    UUID,
    /** inet and cidr, rendered as the server prints them. */
    INET,
    /** macaddr and macaddr8, rendered as the server prints them. */
    MACADDR,
    /** A one-dimensional array (multi-dimensional values are flattened, see the decoder). */
    LIST
}
