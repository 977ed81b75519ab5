package io.rapidbyte.dest.postgres.config;

/** How a run's rows meet the rows already in the target table. */
public enum WriteMode {
    /** Insert every row. */
    APPEND,
    /** Load into a staging table; at the end of the run it atomically replaces the target. */
    REPLACE,
    /** Insert, or update the existing row with the same primary key. */
    UPSERT
}
