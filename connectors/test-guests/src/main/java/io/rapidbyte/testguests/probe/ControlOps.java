package io.rapidbyte.testguests.probe;

import io.rapidbyte.sdk.CheckpointKind;
import io.rapidbyte.sdk.LogLevel;
import io.rapidbyte.sdk.StateScope;
import io.rapidbyte.sdk.abi.Host;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonObject;

/**
 * Probe ops on the control-plane imports. JSON payloads are given as JSON values and serialised;
 * the {@code *_raw} variants ({@code payload_raw}, {@code record_raw}) pass a string verbatim so
 * tests can send invalid JSON. Stateless.
 */
final class ControlOps {
    Object log(JsonObject op) {
        Host.log(LogLevel.fromWireName(op.optString("level", "info")).ordinal(), op.optString("msg", ""));
        return null;
    }

    Object checkpoint(JsonObject op) {
        Host.checkpoint(CheckpointKind.fromWireName(op.getString("kind")).ordinal(), json(op, "payload"));
        return null;
    }

    Object metric(JsonObject op) {
        Host.metric(json(op, "payload"));
        return null;
    }

    Object stateGet(JsonObject op) {
        return Host.stateGet(scope(op), op.getString("key"));
    }

    /** {@code durable-checkpoint} → the payload, or null. */
    Object durableCheckpoint() {
        return Host.durableCheckpoint();
    }

    Object statePut(JsonObject op) {
        Host.statePut(scope(op), op.getString("key"), op.getString("value"));
        return null;
    }

    /** {@code state-cas {scope, key, expected (null or absent = key absent), value}} → whether it wrote. */
    Object stateCas(JsonObject op) {
        return Host.stateCas(scope(op), op.getString("key"), op.optString("expected", null), op.getString("value"));
    }

    Object dlq(JsonObject op) {
        Host.emitDlqRecord(op.getString("stream"), json(op, "record"), op.optString("message", ""),
                op.optString("category", "data"));
        return null;
    }

    private static int scope(JsonObject op) {
        return StateScope.fromWireName(op.optString("scope", "pipeline")).ordinal();
    }

    /** Member {@code key} serialised as JSON, or {@code key_raw} verbatim when given. */
    private static String json(JsonObject op, String key) {
        String raw = op.optString(key + "_raw", null);
        return raw != null ? raw : Json.write(op.get(key));
    }
}
