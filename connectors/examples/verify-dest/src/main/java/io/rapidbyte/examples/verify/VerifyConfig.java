package io.rapidbyte.examples.verify;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.json.JsonException;
import io.rapidbyte.sdk.json.JsonObject;
import java.util.Arrays;
import java.util.List;

/**
 * The verifier's {@code open} config (JSON Schema in {@code src/main/wasm/manifest.json}). Unknown
 * members are rejected. Immutable.
 */
public final class VerifyConfig {
    private static final List<String> KEYS = Arrays.asList("stop_after_batches", "expect_rows", "expect_checksum");

    private final int stopAfterBatches;
    private final long expectRows;
    private final String expectChecksum;

    private VerifyConfig(int stopAfterBatches, long expectRows, String expectChecksum) {
        this.stopAfterBatches = stopAfterBatches;
        this.expectRows = expectRows;
        this.expectChecksum = expectChecksum;
    }

    /** @throws ConnectorException category config, code {@code INVALID_CONFIG} */
    public static VerifyConfig parse(JsonObject config) {
        try {
            for (String key : config.keySet()) {
                if (!KEYS.contains(key)) {
                    throw invalid("unknown member \"" + key + "\"; allowed: " + KEYS);
                }
            }
            long stop = config.optLong("stop_after_batches", 0);
            long rows = config.optLong("expect_rows", -1);
            String checksum = config.optString("expect_checksum", null);
            if (stop < 0 || stop > Integer.MAX_VALUE) {
                throw invalid("stop_after_batches must be in 0.." + Integer.MAX_VALUE + ", got " + stop);
            }
            if (config.get("expect_rows") != null && rows < 0) {
                throw invalid("expect_rows must not be negative, got " + rows);
            }
            if (checksum != null && !isHex16(checksum)) {
                throw invalid("expect_checksum must be 16 lower-case hex digits, got \"" + checksum + "\"");
            }
            return new VerifyConfig((int) stop, rows, checksum);
        } catch (JsonException e) {
            throw invalid(e.getMessage());
        }
    }

    private static boolean isHex16(String s) {
        if (s.length() != 16) {
            return false;
        }
        for (int i = 0; i < 16; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static ConnectorException invalid(String message) {
        return ConnectorError.config("INVALID_CONFIG", "verify config: " + message).toException();
    }

    /** Failure injection: return from run-write after this many batches without draining; 0 = never. */
    public int stopAfterBatches() {
        return stopAfterBatches;
    }

    /** Rows the whole run must deliver, or -1 for no expectation. */
    public long expectRows() {
        return expectRows;
    }

    /** Checksum (16 hex digits) the whole run must produce, or null for no expectation. */
    public String expectChecksum() {
        return expectChecksum;
    }
}
