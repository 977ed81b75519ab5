package io.rapidbyte.source.postgres.cdc;

import io.rapidbyte.postgres.guest.Log;
import io.rapidbyte.postgres.guest.PgErrors;
import io.rapidbyte.postgres.guest.PgSessions;
import io.rapidbyte.postgres.guest.Redactor;
import io.rapidbyte.postgres.guest.Sql;
import io.rapidbyte.postgres.guest.net.Entropy;
import io.rapidbyte.postgres.wire.PgConnection;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.QueryResult;
import io.rapidbyte.postgres.wire.pgoutput.PgOutputDecoder;
import io.rapidbyte.postgres.wire.replication.CreatedSlot;
import io.rapidbyte.postgres.wire.replication.Lsn;
import io.rapidbyte.postgres.wire.replication.ReplicationCommands;
import io.rapidbyte.postgres.wire.replication.ReplicationStream;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.ReadSummary;
import io.rapidbyte.sdk.StreamLimits;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonObject;
import io.rapidbyte.source.postgres.Errors;
import io.rapidbyte.source.postgres.catalog.CatalogReader;
import io.rapidbyte.source.postgres.catalog.SourceTable;
import io.rapidbyte.source.postgres.checkpoint.SyncRunIds;
import io.rapidbyte.source.postgres.config.PostgresSourceConfig;
import io.rapidbyte.source.postgres.config.StreamConfig;
import io.rapidbyte.source.postgres.query.StreamProblem;
import io.rapidbyte.source.postgres.run.ReadRun;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code run-read} of a cdc stream, which lasts until the host cancels it: checks, the
 * publication (created when missing), the slot (created with an exported snapshot when the stream
 * starts from scratch), the snapshot through that snapshot, then the replication stream.
 *
 * <p>Durability: the slot is confirmed only up to the {@code confirmed_lsn} of the newest
 * checkpoint the host reports durable ({@code durable-checkpoint}), never on emit. When every
 * emitted batch is durable and nothing is half read, the last keepalive's WAL end is confirmed
 * as well (heartbeat): a quiet table in a busy database then still lets the server recycle WAL.
 * Every {@code heartbeat_interval_ms} the status update asks the server for a keepalive, which
 * also keeps the host socket from timing out on a quiet stream. Single use.
 */
public final class CdcRun {
    static final String PLUGIN = "pgoutput";
    /** Status updates at least this often (wal_sender_timeout is 60 s by default). */
    static final long STATUS_INTERVAL_MS = 1_000;

    private final PostgresSourceConfig config;
    private final PgSessions sessions;
    private final Entropy entropy;
    private final Redactor redactor;
    private final Log log;

    public CdcRun(PostgresSourceConfig config, PgSessions sessions, Entropy entropy, Redactor redactor, Log log) {
        this.config = config;
        this.sessions = sessions;
        this.entropy = entropy;
        this.redactor = redactor;
        this.log = log;
    }

    /** Returns only if the server ends the stream; normally it runs until the host cancels the call. */
    public ReadSummary read(Context ctx) {
        StreamConfig stream = config.stream(ctx.stream());
        PgConnection sql = sessions.open();
        PgConnection[] repl = new PgConnection[1];
        try {
            return run(ctx, stream, sql, repl);
        } catch (PgException e) {
            throw PgErrors.of("cdc of stream " + stream.name(), e, redactor);
        } finally {
            if (repl[0] != null) {
                repl[0].close();
            }
            sql.close();
        }
    }

    /** Checks, publication, slot, snapshot, then the stream; the replication connection goes into {@code repl[0]}. */
    private ReadSummary run(Context ctx, StreamConfig stream, PgConnection sql, PgConnection[] repl)
            throws PgException {
        long maxRows = ReadRun.limit(ctx.limits().maxBatchRows(), config.maxBatchRows(),
                StreamLimits.DEFAULT_MAX_BATCH_ROWS);
        long maxBytes = ReadRun.limit(ctx.limits().maxBatchBytes(), config.maxBatchBytes(), config.maxBatchBytes());
        CdcOptions options = config.cdc();
        String slot = options.slotName(stream.name());
        String publication = options.publicationName(stream.name());
        CatalogReader catalog = new CatalogReader(sql);
        boolean scs = catalog.standardConformingStrings();
        SourceTable table = catalog.table(stream.schema(), stream.table());
        if (table == null) {
            throw Errors.config("42P01", "stream " + stream.name() + ": relation \"" + stream.schema() + "\".\""
                    + stream.table() + "\" does not exist or is not visible to user " + config.connection().user());
        }
        CdcPosition position = ctx.resume() == null ? null : CdcPosition.parse(ctx.resume(), stream.name());
        if (position != null && !position.slot.equals(slot)) {
            throw Errors.config("CDC_SLOT_RENAMED", "stream " + stream.name() + ": its checkpoint belongs to slot "
                    + position.slot + ", the config now names " + slot + "; reset the connector's offsets to "
                    + "start over with the new slot");
        }
        check(sql, table, options, scs);
        boolean text = CdcChecks.textForm(options.pgOutputFormat(), sql.serverVersionNum(), table);
        ensurePublication(sql, publication, table, scs);
        long slotConfirmed = slotConfirmed(sql, slot, scs);
        repl[0] = sessions.openReplication();
        String snapshotName = null;
        String ranged = ctx.rangedSnapshot();
        boolean created = false;
        if (position == null || slotConfirmed == Lsn.INVALID) {
            if (position == null && Context.RANGES_DONE.equals(ranged)) {
                throw Errors.config("CDC_RANGES_WITHOUT_SLOT", "stream " + stream.name() + ": the host says its "
                        + "snapshot ranges were read, but the stream has no checkpoint naming the slot they were read "
                        + "after; reset the connector's offsets to snapshot the table again");
            }
            CreatedSlot slotCreated = createSlot(repl[0], stream, slot, position, slotConfirmed != Lsn.INVALID,
                    ranged == null);
            position = new CdcPosition(stream.name(), SyncRunIds.next(entropy, System.currentTimeMillis()), slot,
                    slotCreated.consistentPoint());
            snapshotName = slotCreated.snapshotName();
            slotConfirmed = slotCreated.consistentPoint();
            created = true;
            if (ranged != null) {
                position.phase = CdcPosition.RANGES;
            }
        }
        CdcEmitter emitter = new CdcEmitter(ctx, position, maxBytes, redactor);
        if (position.awaitingRanges() || Context.RANGES_PENDING.equals(ranged)) {
            if (!afterRanges(stream, sql, position, emitter, ranged, created)) {
                return ReadSummary.of(ctx, emitter.rows(), 0);
            }
        }
        if (position.inSnapshot()) {
            new SnapshotPhase(sql, stream, position, emitter, redactor, log).run(snapshotName, maxRows, maxBytes);
        }
        return stream(ctx, stream, table, sql, repl[0], position, emitter, publication, slotConfirmed, maxRows,
                maxBytes, text);
    }

    /**
     * A stream whose snapshot the host reads in ranges ({@code ranged_snapshot}, or a checkpoint in
     * the ranges phase). Pending: the run only makes the slot's position durable (a new slot's
     * checkpoint travels with one empty batch, {@link SnapshotPhase#announce}) and returns false;
     * the host starts the ranges once that checkpoint is durable, each at its own snapshot taken
     * after the slot's consistent point. Done: streaming starts at that point, so the changes made
     * while the ranges were read are applied again after them and the target converges by key.
     * Neither (the host now reads the stream whole): the snapshot is read whole at a new snapshot.
     *
     * @return whether the run goes on (to the snapshot or the stream)
     */
    private boolean afterRanges(StreamConfig stream, PgConnection sql, CdcPosition position, CdcEmitter emitter,
            String ranged, boolean created) throws PgException {
        if (Context.RANGES_PENDING.equals(ranged)) {
            if (!position.awaitingRanges()) {
                throw Errors.config("CDC_RANGES_AFTER_START", "stream " + stream.name() + ": the host reads its "
                        + "snapshot in ranges, but its checkpoint is already in phase " + position.phase + "; reset "
                        + "the connector's offsets to snapshot the table again");
            }
            if (created) {
                new SnapshotPhase(sql, stream, position, emitter, redactor, log).announce();
            }
            log.info("stream " + stream.name() + ": slot " + position.slot + " holds the changes from "
                    + Lsn.format(position.consistentLsn) + "; the snapshot is read in ranges, streaming starts once "
                    + "they are done");
            return false;
        }
        if (Context.RANGES_DONE.equals(ranged)) {
            position.phase = CdcPosition.STREAM;
            emitter.checkpoint();
            log.info("stream " + stream.name() + ": its snapshot ranges are done; streaming the changes since "
                    + Lsn.format(position.consistentLsn) + " (those made while the ranges were read apply again)");
            return true;
        }
        log.warn("stream " + stream.name() + ": its snapshot was to be read in ranges, but this run reads the "
                + "stream whole: reading the snapshot whole at a new snapshot (changes since the slot's consistent "
                + "point apply again after it)");
        position.phase = CdcPosition.SNAPSHOT;
        position.snapshotKey = null;
        return true;
    }

    /**
     * A new slot, with an exported snapshot when {@code export}, for a stream without a checkpoint
     * (or a lost temporary slot).
     */
    private CreatedSlot createSlot(PgConnection repl, StreamConfig stream, String slot, CdcPosition position,
            boolean exists, boolean export) throws PgException {
        boolean temporary = config.cdc().lifecycle() == CdcOptions.SlotLifecycle.TEMPORARY;
        if (position != null && !temporary) {
            throw Errors.config("CDC_SLOT_LOST", "stream " + stream.name() + ": replication slot " + slot
                    + " no longer exists, so the changes since the last checkpoint are gone; reset the "
                    + "connector's offsets to snapshot the table again");
        }
        if (position != null) {
            log.warn("stream " + stream.name() + ": slot_lifecycle temporary: the slot went with the last "
                    + "connection; snapshotting again (deletes made meanwhile are not seen)");
        }
        if (exists) {
            log.warn("stream " + stream.name() + ": no checkpoint, so the existing slot " + slot
                    + " is dropped and created again for a new consistent snapshot");
            ReplicationCommands.dropSlot(repl, slot, false);
        }
        CreatedSlot created = ReplicationCommands.createLogicalSlot(repl, slot, PLUGIN, export, temporary);
        log.info("stream " + stream.name() + ": created " + (temporary ? "temporary " : "")
                + "replication slot " + slot + " at " + Lsn.format(created.consistentPoint())
                + (temporary ? " (slot_lifecycle temporary: it ends with this task's replication connection)"
                : " (slot_lifecycle retain: it stays, and keeps WAL, after the connector is deleted; drop it then "
                + "with SELECT pg_drop_replication_slot('" + slot + "'))"));
        return created;
    }

    private ReadSummary stream(Context ctx, final StreamConfig stream, SourceTable table, final PgConnection sql,
            PgConnection repl, CdcPosition position, CdcEmitter emitter, String publication, long slotConfirmed,
            long maxRows, long maxBytes, boolean text) throws PgException {
        CdcOptions options = config.cdc();
        ReplicationStream rs = startStreaming(repl, stream, position, publication, slotConfirmed, text);
        ChangeBatcher batcher = batcher(stream, table, sql, position, emitter, maxRows, maxBytes,
                options.flushIntervalMs(), text);
        pump(ctx, rs, batcher, position, slotConfirmed, options.heartbeatIntervalMs());
        return ReadSummary.of(ctx, emitter.rows(), batcher.skipped());
    }

    /**
     * START_REPLICATION of the slot with pgoutput of {@code publication}, binary unless {@code text}
     * (then without the option, which servers before 14 do not know); out of stream() for its size.
     */
    private ReplicationStream startStreaming(PgConnection repl, StreamConfig stream, CdcPosition position,
            String publication, long slotConfirmed, boolean text) throws PgException {
        List<String[]> pluginOptions = new ArrayList<String[]>();
        pluginOptions.add(new String[] {"proto_version", "1"});
        pluginOptions.add(new String[] {"publication_names", publication});
        if (!text) {
            pluginOptions.add(new String[] {"binary", "true"});
        }
        ReplicationStream rs = ReplicationCommands.startLogical(repl, position.slot, Lsn.INVALID, pluginOptions);
        log.info("stream " + stream.name() + ": streaming slot " + position.slot + " (publication " + publication
                + ", values as " + (text ? "text" : "binary") + ") from " + Lsn.format(slotConfirmed) + "; changes up to " + Lsn.format(position.txLsn)
                + " were delivered before");
        return rs;
    }

    /** The stream's batcher, reading the catalog and unchanged values through {@code sql}. */
    private ChangeBatcher batcher(final StreamConfig stream, SourceTable table, final PgConnection sql,
            CdcPosition position, CdcEmitter emitter, long maxRows, long maxBytes, long flushIntervalMs,
            boolean text) throws PgException {
        final UnchangedLookup lookup = new UnchangedLookup(sql, table.schema(), table.name(),
                table.primaryKey().toArray(new String[0]), text, Sql.standardConformingStrings(sql));
        return new ChangeBatcher(stream.name(), table, () -> {
            try {
                return new CatalogReader(sql).table(stream.schema(), stream.table());
            } catch (PgException e) {
                throw PgErrors.of("reading the catalog of " + stream.name(), e, redactor);
            }
        }, (row, keyColumns, columns, names) -> {
            try {
                return lookup.current(row, keyColumns, columns, names);
            } catch (PgException e) {
                throw PgErrors.of("reading the unchanged values of a key change of " + stream.name(), e, redactor);
            }
        }, position, emitter, maxRows, maxBytes, flushIntervalMs, redactor, log, text);
    }

    /*
     * The streaming loop, apart from its set-up in stream() so that it stays small enough for HotSpot
     * to JIT once Chicory compiles the guest (wasm-build's GuestMethodSizes).
     */
    private static void pump(Context ctx, ReplicationStream rs, ChangeBatcher batcher, CdcPosition position,
            long slotConfirmed, long heartbeatIntervalMs) throws PgException {
        PgOutputDecoder decoder = new PgOutputDecoder();
        long received = slotConfirmed;
        long sentFlush = slotConfirmed;
        long idleWalEnd = Lsn.INVALID;
        long lastStatus = 0;
        long lastHeartbeat = System.currentTimeMillis();
        // Ends only by the host cancelling the call or an error; a loop that could never exit
        // normally makes TeaVM FULL emit an invalid function, so it tests the stream's state.
        while (!rs.isFinished()) {
            int kind = rs.poll();
            if (kind == ReplicationStream.XLOG_DATA) {
                decoder.decode(rs.buffer(), rs.dataOffset(), rs.dataLength(), batcher);
                received = max(received, rs.walStart());
            } else if (kind == ReplicationStream.KEEPALIVE) {
                received = max(received, rs.walEnd());
                if (batcher.idle()) {
                    idleWalEnd = rs.walEnd();
                }
                if (rs.replyRequested()) {
                    lastStatus = 0;
                }
            }
            long now = System.currentTimeMillis();
            batcher.tick(now);
            if (now - lastStatus >= STATUS_INTERVAL_MS) {
                boolean heartbeat = now - lastHeartbeat >= heartbeatIntervalMs;
                long confirm = durable(ctx.durableCheckpoint(), position, batcher.idle() ? idleWalEnd : Lsn.INVALID);
                if (Lsn.compare(confirm, sentFlush) > 0) {
                    sentFlush = confirm;
                }
                rs.sendStatus(max(received, sentFlush), sentFlush, heartbeat, now);
                lastStatus = now;
                if (heartbeat) {
                    lastHeartbeat = now;
                }
            }
        }
    }

    /**
     * How far the slot may be confirmed: the {@code confirmed_lsn} of the durable checkpoint, or
     * {@code idleWalEnd} when that checkpoint is the last one emitted (everything is durable).
     */
    static long durable(String durableJson, CdcPosition position, long idleWalEnd) {
        if (durableJson == null) {
            return Lsn.INVALID;
        }
        Object parsed = Json.parse(durableJson);
        if (!(parsed instanceof JsonObject)) {
            return Lsn.INVALID;
        }
        JsonObject o = (JsonObject) parsed;
        if (!"cdc".equals(o.optString("sync_mode", null)) || !position.syncRun.equals(o.optString("sync_run", null))) {
            return Lsn.INVALID;
        }
        long confirmed = Lsn.parse(o.getString("confirmed_lsn"));
        boolean allDurable = o.optLong("next_seq", -1) == position.nextSeq && !position.inSnapshot();
        if (allDurable && idleWalEnd != Lsn.INVALID) {
            confirmed = max(confirmed, idleWalEnd);
        }
        return confirmed;
    }

    private void check(PgConnection sql, SourceTable table, CdcOptions options, boolean scs) throws PgException {
        List<StreamProblem> problems = CdcChecks.problems(sql, table, options, config.connection().user(), scs);
        if (problems.isEmpty()) {
            return;
        }
        StreamProblem first = problems.get(0);
        StringBuilder all = new StringBuilder();
        for (StreamProblem p : problems) {
            all.append(all.length() == 0 ? "" : "; ").append(p.message());
        }
        String message = "stream " + table.streamName() + ": " + all;
        if (CdcChecks.SLOT_IN_USE.equals(first.code()) && problems.size() == 1) {
            // An earlier task of this connector may still be letting go of it: worth retrying.
            throw ConnectorError.transientDb(first.code(), message).toException();
        }
        ErrorCategory category = CdcChecks.NO_REPLICATION.equals(first.code()) ? ErrorCategory.PERMISSION
                : ErrorCategory.CONFIG;
        throw ConnectorError.of(category, first.code(), message).toException();
    }

    private void ensurePublication(PgConnection sql, String publication, SourceTable table, boolean scs)
            throws PgException {
        QueryResult r = sql.query("SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = "
                + Sql.literal(publication, scs));
        if (r.rowCount() > 0) {
            return;
        }
        String qualified = Sql.qualified(table.schema(), table.name());
        String ddl = "CREATE PUBLICATION " + Sql.ident(publication) + " FOR TABLE " + qualified;
        try {
            sql.simpleQuery(ddl);
        } catch (PgException e) {
            if (e.connectionBroken()) {
                throw e;
            }
            throw ConnectorError.of(ErrorCategory.PERMISSION, e.sqlState() == null ? "CDC_PUBLICATION" : e.sqlState(),
                    "stream " + table.streamName() + ": creating publication " + publication + " failed ("
                            + e.getMessage() + "); create it as the table's owner: " + ddl).toException();
        }
        log.info("stream " + table.streamName() + ": created publication " + publication + " for " + qualified);
    }

    /** The slot's confirmed position, or 0 when the slot does not exist. */
    private static long slotConfirmed(PgConnection sql, String slot, boolean scs) throws PgException {
        QueryResult r = sql.query("SELECT coalesce(confirmed_flush_lsn, '0/0') FROM pg_catalog.pg_replication_slots "
                + "WHERE slot_name = " + Sql.literal(slot, scs));
        return r.rowCount() == 0 ? Lsn.INVALID : Lsn.parse(r.value(0, 0));
    }

    private static long max(long a, long b) {
        return Lsn.compare(a, b) >= 0 ? a : b;
    }
}
