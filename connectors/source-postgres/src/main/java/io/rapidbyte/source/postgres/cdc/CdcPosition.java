package io.rapidbyte.source.postgres.cdc;

import io.rapidbyte.postgres.wire.replication.Lsn;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonArray;
import io.rapidbyte.sdk.json.JsonObject;
import io.rapidbyte.source.postgres.Errors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The checkpoint of a cdc stream, a position in the WAL:
 * <pre>{@code
 * {"version": 1, "stream": "public.orders", "sync_mode": "cdc", "sync_run": "...", "next_seq": 42,
 *  "slot": "rapidbyte_public_orders", "phase": "ranges" | "snapshot" | "stream",
 *  "snapshot_key": ["17"] | null, "consistent_lsn": "0/16B3748",
 *  "tx_lsn": "0/16B5000", "tx_changes": 120, "tx_done": false, "confirmed_lsn": "0/16B4F00"}
 * }</pre>
 * In the ranges phase the slot exists and the embedder reads the snapshot in ranges (each at its
 * own snapshot, taken after the slot's consistent point); streaming starts at that point once they
 * are done. In the snapshot phase {@code snapshot_key} is the key of the last row emitted. While streaming,
 * {@code tx_lsn} is the commit LSN of the transaction of the last change emitted, {@code tx_changes}
 * how many of its changes were emitted and {@code tx_done} whether that was all of them;
 * {@code confirmed_lsn} is the end of the last transaction emitted completely: once this
 * checkpoint is durable, the slot may be confirmed up to there. Transactions arrive in commit
 * order, so on a restart a transaction with a smaller commit LSN was delivered, and one with the
 * same LSN was delivered up to {@code tx_changes}. Not thread-safe.
 */
public final class CdcPosition {
    public static final int VERSION = 1;
    static final String RANGES = "ranges";
    static final String SNAPSHOT = "snapshot";
    static final String STREAM = "stream";

    final String stream;
    final String syncRun;
    final String slot;
    long nextSeq;
    String phase;
    List<String> snapshotKey;
    long consistentLsn;
    long txLsn;
    long txChanges;
    boolean txDone;
    long confirmedLsn;

    CdcPosition(String stream, String syncRun, String slot, long consistentLsn) {
        this.stream = stream;
        this.syncRun = syncRun;
        this.slot = slot;
        this.nextSeq = 1;
        this.phase = SNAPSHOT;
        this.consistentLsn = consistentLsn;
        this.confirmedLsn = consistentLsn;
        this.txDone = true;
    }

    boolean inSnapshot() {
        return SNAPSHOT.equals(phase);
    }

    /** The slot exists and the snapshot is read in ranges by other runs: nothing is streamed yet. */
    boolean awaitingRanges() {
        return RANGES.equals(phase);
    }

    /** Whether a change (the {@code index}-th, from 1, of the transaction committing at {@code lsn}) was emitted. */
    boolean delivered(long lsn, long index) {
        int c = Lsn.compare(lsn, txLsn);
        if (c != 0) {
            return c < 0;
        }
        return txDone || index <= txChanges;
    }

    public JsonObject toJsonObject() {
        JsonArray key = null;
        if (snapshotKey != null) {
            key = Json.array();
            for (String k : snapshotKey) {
                key.add(k);
            }
        }
        return Json.object().with("version", (long) VERSION).with("stream", stream).with("sync_mode", "cdc")
                .with("sync_run", syncRun).with("next_seq", nextSeq).with("slot", slot).with("phase", phase)
                .with("snapshot_key", key).with("consistent_lsn", Lsn.format(consistentLsn))
                .with("tx_lsn", Lsn.format(txLsn)).with("tx_changes", txChanges).with("tx_done", txDone)
                .with("confirmed_lsn", Lsn.format(confirmedLsn));
    }

    public String toJson() {
        return toJsonObject().toJson();
    }

    /**
     * Reads a checkpoint this class wrote.
     *
     * @throws io.rapidbyte.sdk.ConnectorException config/INVALID_RESUME naming what is wrong
     */
    static CdcPosition parse(Object resume, String stream) {
        if (!(resume instanceof JsonObject)) {
            throw invalid(stream, "not an object");
        }
        JsonObject o = (JsonObject) resume;
        if (o.optLong("version", -1) != VERSION || !"cdc".equals(o.optString("sync_mode", null))) {
            throw invalid(stream, "not a cdc checkpoint of version " + VERSION + " (was the stream's mode changed? "
                    + "reset the connector's offsets to start it again)");
        }
        if (!stream.equals(o.optString("stream", null))) {
            throw invalid(stream, "it belongs to stream " + o.optString("stream", null));
        }
        try {
            CdcPosition p = new CdcPosition(stream, o.getString("sync_run"), o.getString("slot"),
                    Lsn.parse(o.getString("consistent_lsn")));
            p.nextSeq = o.getLong("next_seq");
            p.phase = o.getString("phase");
            if (!SNAPSHOT.equals(p.phase) && !STREAM.equals(p.phase) && !RANGES.equals(p.phase)) {
                throw invalid(stream, "unknown phase " + p.phase);
            }
            Object key = o.get("snapshot_key");
            if (key instanceof JsonArray) {
                List<String> k = new ArrayList<String>();
                for (Object v : (JsonArray) key) {
                    k.add((String) v);
                }
                p.snapshotKey = Collections.unmodifiableList(k);
            }
            p.txLsn = Lsn.parse(o.getString("tx_lsn"));
            p.txChanges = o.getLong("tx_changes");
            p.txDone = o.getBoolean("tx_done");
            p.confirmedLsn = Lsn.parse(o.getString("confirmed_lsn"));
            return p;
        } catch (RuntimeException e) {
            throw invalid(stream, e.getMessage());
        }
    }

    /** The {@code confirmed_lsn} of a durable checkpoint's JSON text, or 0 when there is none. */
    static long confirmedOf(String durableJson) {
        if (durableJson == null) {
            return Lsn.INVALID;
        }
        Object o = Json.parse(durableJson);
        if (!(o instanceof JsonObject) || !"cdc".equals(((JsonObject) o).optString("sync_mode", null))) {
            return Lsn.INVALID;
        }
        return Lsn.parse(((JsonObject) o).getString("confirmed_lsn"));
    }

    private static RuntimeException invalid(String stream, String why) {
        return Errors.config("INVALID_RESUME", "stream " + stream + ": the saved cdc checkpoint is unusable: " + why);
    }
}
