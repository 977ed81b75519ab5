package io.rapidbyte.source.postgres.checkpoint;

import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonArray;
import io.rapidbyte.sdk.json.JsonObject;
import io.rapidbyte.source.postgres.config.SyncMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A stream's position, as written in every checkpoint and handed back as {@code resume}:
 *
 * <pre>{@code
 * {"version": 1, "stream": "public.orders", "sync_mode": "incremental",
 *  "sync_run": "18f2a1c3b4d-9c2e51f07a3b6d18", "next_seq": 13,
 *  "key": ["updated_at", "id"], "position": ["2024-05-01 10:00:00+00", "42"], "complete": false}
 * }</pre>
 *
 * <ul>
 *   <li>{@code sync_run}, {@code next_seq}: the BATCH-METADATA identity of the next batch; a checkpoint
 *       covers every batch with a smaller {@code seq}.</li>
 *   <li>{@code key}, {@code position}: the key columns and the last delivered row's key, as
 *       Postgres text (exact: the read casts it back to the column type and continues with
 *       {@code key > position}). {@code position} is null when the stream has no key (a view without
 *       primary key) or nothing was read yet.</li>
 *   <li>{@code complete}: the pass read everything. A complete full refresh starts over next time
 *       (new sync run); an incremental stream always continues after {@code position}.</li>
 * </ul>
 *
 * Mutable: {@link #advance} moves it past one batch. Not thread-safe.
 */
public final class SyncState {
    public static final int VERSION = 1;

    private final String stream;
    private final SyncMode mode;
    private final String syncRun;
    private final List<String> key;
    private long nextSeq;
    private List<String> position;
    private boolean complete;

    public SyncState(String stream, SyncMode mode, String syncRun, long nextSeq, List<String> key,
            List<String> position, boolean complete) {
        if (nextSeq < 1) {
            throw new IllegalArgumentException("next_seq must be at least 1: " + nextSeq);
        }
        this.stream = stream;
        this.mode = mode;
        this.syncRun = syncRun;
        this.nextSeq = nextSeq;
        this.key = Collections.unmodifiableList(new ArrayList<String>(key));
        this.position = copy(position);
        this.complete = complete;
    }

    /** A new run: seq 1, no position. */
    public static SyncState start(String stream, SyncMode mode, String syncRun, List<String> key) {
        return new SyncState(stream, mode, syncRun, 1, key, null, false);
    }

    public String stream() {
        return stream;
    }

    public SyncMode mode() {
        return mode;
    }

    public String syncRun() {
        return syncRun;
    }

    /** The {@code rapidbyte.seq} of the next batch. */
    public long nextSeq() {
        return nextSeq;
    }

    public List<String> key() {
        return key;
    }

    /** The last delivered row's key as text, or null. */
    public List<String> position() {
        return position;
    }

    public boolean complete() {
        return complete;
    }

    /** The batch numbered {@link #nextSeq()} was delivered; it ended at {@code newPosition}. */
    public void advance(List<String> newPosition, boolean passComplete) {
        nextSeq++;
        if (newPosition != null) {
            position = copy(newPosition);
        }
        complete = passComplete;
    }

    public JsonObject toJsonObject() {
        JsonArray keyJson = Json.array();
        for (String k : key) {
            keyJson.add(k);
        }
        JsonArray positionJson = null;
        if (position != null) {
            positionJson = Json.array();
            for (String p : position) {
                positionJson.add(p);
            }
        }
        return Json.object()
                .with("version", (long) VERSION)
                .with("stream", stream)
                .with("sync_mode", mode.wireName())
                .with("sync_run", syncRun)
                .with("next_seq", nextSeq)
                .with("key", keyJson)
                .with("position", positionJson)
                .with("complete", complete);
    }

    public String toJson() {
        return toJsonObject().toJson();
    }

    private static List<String> copy(List<String> l) {
        return l == null ? null : Collections.unmodifiableList(new ArrayList<String>(l));
    }
}
