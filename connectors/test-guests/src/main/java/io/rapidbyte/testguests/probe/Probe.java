package io.rapidbyte.testguests.probe;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.DestinationConnector;
import io.rapidbyte.sdk.ReadSummary;
import io.rapidbyte.sdk.SourceConnector;
import io.rapidbyte.sdk.TransformConnector;
import io.rapidbyte.sdk.TransformSummary;
import io.rapidbyte.sdk.ValidationResult;
import io.rapidbyte.sdk.ValidationStatus;
import io.rapidbyte.sdk.WriteSummary;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonArray;
import io.rapidbyte.sdk.json.JsonObject;

/**
 * The probe connector (protocol in PROBE.md): {@code open} takes a script, every {@code run-*}
 * executes it with a {@link ScriptRunner}. Registers (named handles) live as long as the config,
 * so one run can create a frame that a later run uses. One instance per guest; single-threaded.
 */
final class Probe implements SourceConnector, DestinationConnector, TransformConnector {
    private JsonArray script = new JsonArray();
    private ValidationResult validation = ValidationResult.success("ok");
    private Registers registers = new Registers();

    @Override
    public void open(JsonObject config) {
        JsonObject failOpen = config.optObject("fail_open");
        if (failOpen != null) {
            throw ErrorJson.toError(failOpen).toException();
        }
        JsonArray configured = config.optArray("script");
        script = configured != null ? configured : new JsonArray();
        JsonObject v = config.optObject("validate");
        validation = v == null ? ValidationResult.success("ok")
                : new ValidationResult(ValidationStatus.fromWireName(v.optString("status", "success")),
                        v.optString("message", "ok"));
        registers = new Registers();
    }

    @Override
    public JsonObject discover() {
        return Json.object().with("streams", Json.array().with(Json.object().with("name", "probe")));
    }

    @Override
    public ValidationResult validate() {
        return validation;
    }

    @Override
    public ReadSummary read(Context ctx) {
        return new ReadSummary(run(ctx), 0, 0, 0, 0);
    }

    @Override
    public WriteSummary write(Context ctx) {
        return new WriteSummary(run(ctx), 0, 0, 0, 0);
    }

    @Override
    public TransformSummary transform(Context ctx) {
        return new TransformSummary(run(ctx), 0, 0, 0, 0);
    }

    @Override
    public void close() {
    }

    private long run(Context ctx) {
        ConnectorError failure = new ScriptRunner(ctx, registers).run(script);
        if (failure != null) {
            throw failure.toException();
        }
        return script.size();
    }
}
