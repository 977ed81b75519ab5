package io.rapidbyte.sdk;

/**
 * The metadata keys of a batch's Arrow IPC stream and the field names of a change batch, as
 * {@code connectors/BATCH-METADATA.md} defines them: the one place guests name them (sources write
 * them, destinations read them; the host side reads its few in {@code connect-plugin}'s
 * {@code FrameSummary}). Constants only.
 */
public final class BatchKeys {
    /** Schema level: the stream name, e.g. {@code public.orders}. */
    public static final String STREAM = "rapidbyte.stream";
    /** Schema level: the sync run the batch belongs to. */
    public static final String SYNC_RUN = "rapidbyte.sync_run";
    /** Schema level: the decimal batch number within the run, from 1. */
    public static final String SEQ = "rapidbyte.seq";
    /** Schema level: comma-separated primary-key column names in key order; empty when none. */
    public static final String PRIMARY_KEY = "rapidbyte.primary_key";
    /** Schema level: {@code full_refresh}, {@code incremental} or {@code cdc}. */
    public static final String SYNC_MODE = "rapidbyte.sync_mode";
    /** Schema level: the id of the range of the stream the batch belongs to; absent when the stream is read whole. */
    public static final String RANGE = "rapidbyte.range";
    /** Field level: the source column's type as Postgres' {@code format_type()} prints it. */
    public static final String PG_TYPE = "rapidbyte.pg_type";
    /** Field level: {@code max_min} where the type's maximum and minimum stand for {@code infinity} and {@code -infinity}. */
    public static final String INFINITY = "rapidbyte.infinity";
    /** Dead-letter rows: the sync run of the batch the row was refused from. */
    public static final String DLQ_SYNC_RUN = "rapidbyte.dlq.sync_run";
    /** Dead-letter rows: the seq of the batch the row was refused from. */
    public static final String DLQ_SEQ = "rapidbyte.dlq.seq";
    /** Dead-letter rows: the row's number (from 0) in that batch. */
    public static final String DLQ_ROW = "rapidbyte.dlq.row";

    /** Change batches: the four fields after the table's columns, in this order: the operation. */
    public static final String CHANGE_OP = "_rapidbyte_op";
    /** Change batches: the commit LSN of the row's transaction. */
    public static final String CHANGE_LSN = "_rapidbyte_lsn";
    /** Change batches: the commit time. */
    public static final String CHANGE_COMMIT_TS = "_rapidbyte_commit_ts";
    /** Change batches: {@code ,i,j,}, the table columns whose TOASTed value did not change and was not sent. */
    public static final String CHANGE_UNCHANGED = "_rapidbyte_unchanged";

    private BatchKeys() {
    }
}
