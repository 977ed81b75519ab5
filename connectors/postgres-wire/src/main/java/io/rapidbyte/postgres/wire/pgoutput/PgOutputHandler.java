package io.rapidbyte.postgres.wire.pgoutput;

/**
 * Receives the decoded messages of the {@code pgoutput} plugin (protocol version 1, not
 * streamed), in WAL commit order: {@code begin}, the transaction's changes, {@code commit}.
 * Relation and Type messages come before the first change that needs them. LSNs are unsigned
 * longs; times are Unix epoch microseconds. The {@link TupleData} arguments are views into the
 * message, valid only during the call.
 */
public interface PgOutputHandler {

    /** @param finalLsn the LSN of the transaction's commit record */
    void begin(long finalLsn, long commitTimeMicros, int xid);

    /** @param endLsn the end of the commit record: a restart at this position skips the transaction */
    void commit(long commitLsn, long endLsn, long commitTimeMicros);

    void relation(Relation relation);

    void type(int oid, String namespace, String name);

    void insert(int relationId, TupleData newTuple);

    /**
     * @param oldKind  'K' when {@code oldTuple} holds the old key (the key changed), 'O' when it
     *                 holds the whole old row (REPLICA IDENTITY FULL), 0 when there is none
     * @param oldTuple null when {@code oldKind} is 0
     */
    void update(int relationId, char oldKind, TupleData oldTuple, TupleData newTuple);

    /** @param oldKind 'K' (key columns only, others null) or 'O' (the whole old row) */
    void delete(int relationId, char oldKind, TupleData oldTuple);

    void truncate(int[] relationIds, boolean cascade, boolean restartIdentity);
}
