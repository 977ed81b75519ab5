package io.rapidbyte.testguests.probe;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.abi.Host;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonArray;
import io.rapidbyte.sdk.json.JsonException;
import io.rapidbyte.sdk.json.JsonObject;

/**
 * Executes a probe script. Each op's outcome is reported through the {@code metric} import as
 * {@code {"name":"probe","step":i,"op":op,"ok":true,"value":v}} or
 * {@code {..., "ok":false, "error":{category, code, message, retryable}}}, and the script goes on;
 * only {@code fail} stops it (its error becomes the export's result), and {@code trap}/{@code spin}
 * never return. One runner per run; single-threaded.
 */
final class ScriptRunner {
    private final FrameOps frames;
    private final BatchOps batches;
    private final SocketOps sockets;
    private final ControlOps control;

    ScriptRunner(Context ctx, Registers registers) {
        this.frames = new FrameOps(registers);
        this.batches = new BatchOps(ctx);
        this.sockets = new SocketOps(registers);
        this.control = new ControlOps();
    }

    /** Runs every op; returns the error of a {@code fail} op, or null when the script completed. */
    ConnectorError run(JsonArray script) {
        for (int step = 0; step < script.size(); step++) {
            String name = "";
            Object value;
            try {
                JsonObject op = script.getObject(step);
                name = op.optString("op", "");
                value = execute(name, op);
            } catch (FaultOps.ScriptFailure failure) {
                return failure.error;
            } catch (Throwable t) {
                report(step, name, false, ErrorJson.toJson(ConnectorException.errorOf(t)));
                continue;
            }
            report(step, name, true, value);
        }
        return null;
    }

    private Object execute(String name, JsonObject op) {
        switch (name) {
            case "frame-new": return frames.create(op);
            case "frame-write": return frames.write(op);
            case "frame-write-raw": return frames.writeRaw(op);
            case "frame-seal": return frames.seal(op);
            case "frame-len": return frames.length(op);
            case "frame-read": return frames.read(op);
            case "frame-drop": return frames.drop(op);
            case "resource-drop": return frames.resourceDrop(op);
            case "emit-batch": return frames.emit(op);
            case "next-batch": return frames.next(op);
            case "generate": return batches.generate(op);
            case "drain": return batches.drain();
            case "forward": return batches.forward();
            case "connect-tcp": return sockets.connect(op);
            case "socket-write": return sockets.write(op);
            case "socket-read": return sockets.read(op);
            case "socket-close": return sockets.close(op);
            case "socket-echo": return sockets.echo(op);
            case "log": return control.log(op);
            case "checkpoint": return control.checkpoint(op);
            case "metric": return control.metric(op);
            case "state-get": return control.stateGet(op);
            case "state-put": return control.statePut(op);
            case "state-cas": return control.stateCas(op);
            case "durable-checkpoint": return control.durableCheckpoint();
            case "dlq": return control.dlq(op);
            case "fail": throw FaultOps.fail(op);
            case "trap": return FaultOps.trap();
            case "spin": return FaultOps.spin();
            case "alloc": return FaultOps.alloc(op);
            default:
                throw ConnectorError.internal("UNKNOWN_OP", "unknown probe op \"" + name + "\"").toException();
        }
    }

    /** Reports one outcome; a failing metric call cannot itself be reported, so it is ignored. */
    private static void report(int step, String op, boolean ok, Object valueOrError) {
        JsonObject payload = Json.object().with("name", "probe").with("step", (long) step).with("op", op)
                .with("ok", ok).with(ok ? "value" : "error", valueOrError);
        try {
            Host.metric(payload.toJson());
        } catch (ConnectorException | JsonException ignored) {
            // The host rejected the report itself; the script's remaining reports still go out.
        }
    }
}
