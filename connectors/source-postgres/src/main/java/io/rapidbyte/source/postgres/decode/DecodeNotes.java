package io.rapidbyte.source.postgres.decode;

/**
 * Receives remarks about values that were represented in a documented but notable way (an infinite
 * timestamp kept as Postgres' own sentinel).
 * Implementations log each distinct remark once per column and run.
 */
public interface DecodeNotes {
    void note(String column, String remark);
}
