package io.rapidbyte.testguests.probe;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonObject;

/** The probe's JSON form of a connector-error: {@code {category, code, message, retryable}}. Stateless. */
final class ErrorJson {
    private ErrorJson() {
    }

    static JsonObject toJson(ConnectorError e) {
        return Json.object().with("category", e.category().wireName()).with("code", e.code())
                .with("message", e.message()).with("retryable", e.retryable());
    }

    /** category defaults to internal, code to PROBE_FAIL, retryable to false. */
    static ConnectorError toError(JsonObject json) {
        ErrorCategory category = ErrorCategory.fromWireName(json.optString("category", "internal"));
        return ConnectorError.of(category, json.optString("code", "PROBE_FAIL"), json.optString("message", ""))
                .withRetryable(json.optBoolean("retryable", false));
    }
}
