package io.rapidbyte.sdk;

import io.rapidbyte.sdk.abi.Host;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonException;
import io.rapidbyte.sdk.json.JsonObject;

/**
 * One {@code run-read} / {@code run-write} / {@code run-transform} call: the stream, its limits and
 * resume position from {@code ctx-json}, and the host services a running stage uses (batches,
 * checkpoints, state, logs, metrics, dead-letter records, sockets). It counts batches and bytes moved
 * and checkpoints taken, for the summaries ({@link ReadSummary#of} etc.).
 *
 * <p>Valid only during the call it was passed to; owned by that call's thread. Not thread-safe.
 */
public final class Context {
    /** {@link #rangedSnapshot()}: ranges are still to be read. */
    public static final String RANGES_PENDING = "pending";
    /** {@link #rangedSnapshot()}: every range was read and is durable. */
    public static final String RANGES_DONE = "done";
    private final String stream;
    private final StreamLimits limits;
    private final Object resume;
    private final JsonObject range;
    private final String rangedSnapshot;
    private final CheckpointKind checkpointKind;
    private long batchesEmitted;
    private long bytesEmitted;
    private long batchesReceived;
    private long bytesReceived;
    private long checkpoints;

    public Context(String stream, StreamLimits limits, Object resume, CheckpointKind checkpointKind) {
        this(stream, limits, resume, null, checkpointKind);
    }

    /** @param range the part of the stream this run reads (ABI.md section 5), or null for all of it */
    public Context(String stream, StreamLimits limits, Object resume, JsonObject range,
                   CheckpointKind checkpointKind) {
        this(stream, limits, resume, range, null, checkpointKind);
    }

    /**
     * @param range          the part of the stream this run reads (ABI.md section 5), or null for all of it
     * @param rangedSnapshot {@value #RANGES_PENDING} or {@value #RANGES_DONE} for a whole-stream run of
     *                       a repeated stream whose snapshot the embedder reads in ranges, else null
     */
    public Context(String stream, StreamLimits limits, Object resume, JsonObject range, String rangedSnapshot,
                   CheckpointKind checkpointKind) {
        this.rangedSnapshot = rangedSnapshot;
        this.stream = stream;
        this.limits = limits;
        this.resume = resume;
        this.range = range;
        this.checkpointKind = checkpointKind;
    }

    /**
     * Parses a run's {@code ctx-json} ({@code {"stream", "limits", "resume", "range"?}}, ABI.md section 5).
     * Used by the SDK's export dispatch; {@code kind} is the role's checkpoint kind.
     */
    public static Context parse(String ctxJson, CheckpointKind kind) {
        try {
            JsonObject ctx = Json.parseObject(ctxJson);
            String ranged = ctx.optString("ranged_snapshot", null);
            if (ranged != null && !RANGES_PENDING.equals(ranged) && !RANGES_DONE.equals(ranged)) {
                throw new JsonException("\"ranged_snapshot\" must be \"" + RANGES_PENDING + "\" or \""
                        + RANGES_DONE + "\", got \"" + ranged + "\"");
            }
            return new Context(ctx.optString("stream", ""), StreamLimits.fromJson(ctx.optObject("limits")),
                    ctx.get("resume"), ctx.optObject("range"), ranged, kind);
        } catch (JsonException e) {
            throw ConnectorError.internal("INVALID_ARGUMENT", "bad ctx-json: " + e.getMessage()).toException();
        }
    }

    public String stream() {
        return stream;
    }

    public StreamLimits limits() {
        return limits;
    }

    /** The payload of this stream's last checkpoint (any JSON value), or null to start from scratch. */
    public Object resume() {
        return resume;
    }

    /**
     * The range of the stream this run reads: one entry of the {@code "ranges"} the connector's
     * {@code discover} offered for the stream, handed back as it was; null when the run reads the
     * whole stream.
     */
    public JsonObject range() {
        return range;
    }

    /**
     * For a {@code run-read} of a whole repeated stream (cdc) whose snapshot the embedder reads in
     * the stream's ranges (ABI.md section 5): {@value #RANGES_PENDING} while ranges are still to be
     * read (the run checkpoints what the ranges need and returns; they start once that checkpoint is
     * durable), {@value #RANGES_DONE} once every range was read and is durable; null when the
     * embedder reads the stream whole (or it offered no ranges).
     */
    public String rangedSnapshot() {
        return rangedSnapshot;
    }

    // ---- batches ------------------------------------------------------------------------------

    /** Emits {@code ipc} (one Arrow IPC stream) as one batch: frame-new, one frame-write, seal, emit. */
    public void emitBatch(byte[] ipc) {
        emitBatch(ipc, 0, ipc.length);
    }

    /** Emits {@code data[offset..offset+length)} as one batch. */
    public void emitBatch(byte[] data, int offset, int length) {
        Frame frame = Frame.sealed(data, offset, length);
        emitSealed(frame, length);
    }

    /** Finishes {@code writer}'s frame and emits it; the writer is ready for the next batch. */
    public void emitBatch(FrameWriter writer) {
        long length = writer.size();
        emitSealed(writer.finish(), length);
    }

    /** Emits a sealed frame, consuming it (also when the host returns an error). */
    public void emitBatch(Frame sealed) {
        emitSealed(sealed, sealed.length());
    }

    private void emitSealed(Frame sealed, long length) {
        Host.emitBatch(sealed.release());
        batchesEmitted++;
        bytesEmitted += length;
    }

    /** The next input batch as a sealed frame the caller owns, or null at end of input. */
    public Frame nextFrame() {
        long handle = Host.nextBatch();
        if (handle == Host.NO_FRAME) {
            return null;
        }
        batchesReceived++;
        return Frame.adopt((int) handle);
    }

    /** The whole next input batch (read in arena-sized chunks, frame dropped), or null at end of input. */
    public byte[] nextBatch() {
        Frame frame = nextFrame();
        if (frame == null) {
            return null;
        }
        try {
            byte[] bytes = frame.readAll();
            bytesReceived += bytes.length;
            return bytes;
        } finally {
            frame.drop();
        }
    }

    // ---- control plane ------------------------------------------------------------------------

    /** Records a durable position for this stage's kind; {@code payloadJson} is JSON text. */
    public void checkpoint(String payloadJson) {
        checkpoint(checkpointKind, payloadJson);
    }

    public void checkpoint(CheckpointKind kind, String payloadJson) {
        Host.checkpoint(kind.ordinal(), payloadJson);
        checkpoints++;
    }

    /** Sends a metric; {@code payloadJson} is {@code {"name": ..., "value": ..., ...}}. */
    public void metric(String payloadJson) {
        Host.metric(payloadJson);
    }

    /** Sends {@code {"name": name, "value": value}}: a gauge, the host keeps the last value. */
    public void metric(String name, long value) {
        Host.metric(Json.object().with("name", name).with("value", value).toJson());
    }

    /**
     * Sends {@code {"name": name, "value": delta, "kind": "counter", "stream": <this run's stream>}}:
     * the host adds the deltas up, per stream (ABI.md section 5).
     */
    public void counter(String name, long delta) {
        JsonObject payload = Json.object().with("name", name).with("value", delta).with("kind", "counter");
        if (!stream.isEmpty()) {
            payload.with("stream", stream);
        }
        Host.metric(payload.toJson());
    }

    public void log(LogLevel level, String message) {
        Host.log(level.ordinal(), message);
    }

    public void info(String message) {
        log(LogLevel.INFO, message);
    }

    public void warn(String message) {
        log(LogLevel.WARN, message);
    }

    public void error(String message) {
        log(LogLevel.ERROR, message);
    }

    public void debug(String message) {
        log(LogLevel.DEBUG, message);
    }

    /** Sends one record to the dead-letter queue. */
    public void emitDlqRecord(String streamName, String recordJson, String errorMessage, ErrorCategory category) {
        Host.emitDlqRecord(streamName, recordJson, errorMessage, category.wireName());
    }

    /**
     * Sends one refused row to the dead-letter queue as its own record: {@code ipc} is a complete
     * Arrow IPC stream holding just that row (see {@link io.rapidbyte.sdk.arrow.RowExtract#ipc}).
     *
     * @param column the column blamed, or null
     * @param code   a SQLSTATE or the connector's own code
     */
    public void emitDlqRow(byte[] ipc, String column, String code, String message) {
        Frame frame = Frame.sealed(ipc, 0, ipc.length);
        Host.emitDlqRow(frame.release(), column, code, message);
    }

    /** The value under {@code key}, or null when absent. */
    public String stateGet(StateScope scope, String key) {
        return Host.stateGet(scope.ordinal(), key);
    }

    public void statePut(StateScope scope, String key, String value) {
        Host.statePut(scope.ordinal(), key, value);
    }

    /** Writes {@code newValue} only if the current value equals {@code expected} (null = absent). */
    public boolean stateCas(StateScope scope, String key, String expected, String newValue) {
        return Host.stateCas(scope.ordinal(), key, expected, newValue);
    }

    /**
     * {@code durable-checkpoint}: the newest of this stream's source checkpoints (or the run's
     * resume) whose batches the host has made durable downstream, as the JSON text that was
     * passed to {@link #checkpoint}; null while nothing is.
     */
    public String durableCheckpoint() {
        return Host.durableCheckpoint();
    }

    /** Opens a TCP connection through the host's allow-list. */
    public SocketStream connectTcp(String host, int port) {
        return SocketStream.connect(host, port);
    }

    // ---- counters -----------------------------------------------------------------------------

    public long batchesEmitted() {
        return batchesEmitted;
    }

    public long bytesEmitted() {
        return bytesEmitted;
    }

    public long batchesReceived() {
        return batchesReceived;
    }

    /** Bytes of batches read through {@link #nextBatch()} (not through {@link #nextFrame()}). */
    public long bytesReceived() {
        return bytesReceived;
    }

    public long checkpointCount() {
        return checkpoints;
    }
}
