package io.rapidbyte.source.postgres.checkpoint;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.json.JsonArray;
import io.rapidbyte.sdk.json.JsonObject;
import io.rapidbyte.source.postgres.config.SyncMode;
import io.rapidbyte.source.postgres.query.KeySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a run starts, decided from the {@code resume} payload (the stream's last checkpoint):
 *
 * <ul>
 *   <li>none: a new sync run from the beginning;</li>
 *   <li>the same mode and key, not a completed full refresh: continue the saved sync run at its
 *       {@code next_seq}, after its {@code position};</li>
 *   <li>a completed full refresh: a new sync run from the beginning;</li>
 *   <li>a different sync mode or key (the config changed), or a full refresh that cannot resume
 *       (no key): a new sync run from the beginning, with a warning saying why.</li>
 * </ul>
 *
 * A payload this connector did not write (wrong shape or version, another stream) is a
 * {@code config/RESUME_INVALID} error rather than a silent re-read. Immutable.
 */
public final class ResumeDecision {
    private final SyncState state;
    private final String warning;

    private ResumeDecision(SyncState state, String warning) {
        this.state = state;
        this.warning = warning;
    }

    public SyncState state() {
        return state;
    }

    /** Why a saved position was not used, or null. */
    public String warning() {
        return warning;
    }

    /** @param newSyncRun the id a new sync run gets */
    public static ResumeDecision decide(Object resume, String stream, SyncMode mode, KeySpec key, String newSyncRun) {
        SyncState fresh = SyncState.start(stream, mode, newSyncRun, key.columns());
        if (resume == null) {
            return new ResumeDecision(fresh, null);
        }
        SyncState saved = parse(resume, stream);
        if (saved.mode() != mode) {
            return new ResumeDecision(fresh, "saved position is for sync_mode " + saved.mode().wireName()
                    + ", the stream is now " + mode.wireName() + ": starting over");
        }
        if (!saved.key().equals(key.columns())) {
            return new ResumeDecision(fresh, "saved position is for key " + saved.key() + ", the stream's key is now "
                    + key.columns() + ": starting over");
        }
        if (mode == SyncMode.FULL_REFRESH && saved.complete()) {
            return new ResumeDecision(fresh, null);
        }
        if (mode == SyncMode.FULL_REFRESH && saved.position() == null && saved.nextSeq() > 1) {
            return new ResumeDecision(fresh, "the stream has no key to resume a full refresh at: starting over");
        }
        return new ResumeDecision(new SyncState(stream, mode, saved.syncRun(), saved.nextSeq(), saved.key(),
                saved.position(), false), null);
    }

    /** Reads a checkpoint payload this connector wrote. */
    static SyncState parse(Object resume, String stream) {
        if (!(resume instanceof JsonObject)) {
            throw invalid(stream, "it is not a JSON object");
        }
        JsonObject o = (JsonObject) resume;
        Object version = o.get("version");
        if (!(version instanceof Long) || ((Long) version).longValue() != SyncState.VERSION) {
            throw invalid(stream, "unsupported version " + version);
        }
        if (!stream.equals(o.get("stream"))) {
            throw invalid(stream, "it belongs to stream " + o.get("stream"));
        }
        SyncMode mode = o.get("sync_mode") instanceof String ? SyncMode.fromWireName((String) o.get("sync_mode")) : null;
        Object run = o.get("sync_run");
        Object seq = o.get("next_seq");
        Object complete = o.get("complete");
        List<String> key = strings(o.get("key"));
        List<String> position = strings(o.get("position"));
        if (mode == null || !(run instanceof String) || ((String) run).isEmpty() || !(seq instanceof Long)
                || ((Long) seq).longValue() < 1 || !(complete instanceof Boolean) || key == null
                || (o.get("position") != null && (position == null || position.size() != key.size()))) {
            throw invalid(stream, "a member is missing or malformed");
        }
        return new SyncState(stream, mode, (String) run, ((Long) seq).longValue(), key, position,
                ((Boolean) complete).booleanValue());
    }

    /** The array of strings {@code v}, or null when absent or malformed. */
    private static List<String> strings(Object v) {
        if (!(v instanceof JsonArray)) {
            return null;
        }
        List<String> out = new ArrayList<String>();
        for (Object e : (JsonArray) v) {
            if (!(e instanceof String)) {
                return null;
            }
            out.add((String) e);
        }
        return out;
    }

    private static RuntimeException invalid(String stream, String why) {
        return ConnectorError.config("RESUME_INVALID", "stream " + stream + ": the saved position was not written "
                + "by this connector version (" + why + ")").toException();
    }
}
