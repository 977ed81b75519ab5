/**
 * Decoder of the {@code pgoutput} logical decoding plugin's messages (protocol version 1): Begin,
 * Commit, Relation, Type, Insert, Update (with the old key or old row), Delete, Truncate, and the
 * unchanged-TOAST marker of a tuple column. Binary column values are the types' send formats,
 * the same bytes binary COPY carries, so {@link io.rapidbyte.postgres.wire.binary} decodes them.
 */
package io.rapidbyte.postgres.wire.pgoutput;
