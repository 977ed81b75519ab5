package io.rapidbyte.dest.postgres.config;

/** What a truncate event of a change stream (sync mode cdc) does to the target table. */
public enum TruncatePolicy {
    /** TRUNCATE the target table too, in the same transaction, in its place among the changes. */
    TRUNCATE,
    /** Leave the target's rows (the event is logged). */
    IGNORE
}
