/**
 * The streaming replication protocol for logical decoding: a replication connection
 * ({@code replication=database} at startup), {@code IDENTIFY_SYSTEM}, slot creation with an
 * exported snapshot, {@code START_REPLICATION ... LOGICAL} over CopyBoth with XLogData, primary
 * keepalives and standby status updates. What the slot produces is decoded by
 * {@link io.rapidbyte.postgres.wire.pgoutput}.
 *
 * <pre>{@code
 * PgConnection repl = PgConnection.connect(transport,
 *         ReplicationCommands.replicationMode(PgConnectOptions.builder(user)).build());
 * CreatedSlot slot = ReplicationCommands.createLogicalSlot(repl, "s1", "pgoutput", true);
 * // another connection: BEGIN ISOLATION LEVEL REPEATABLE READ; SET TRANSACTION SNAPSHOT '<name>'; COPY ...
 * ReplicationStream s = ReplicationCommands.startLogical(repl, "s1", 0, options);
 * while (...) { if (s.poll() == ReplicationStream.XLOG_DATA) decoder.decode(s.buffer(), s.dataOffset(), s.dataLength(), h); }
 * }</pre>
 */
package io.rapidbyte.postgres.wire.replication;
