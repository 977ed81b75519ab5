package io.rapidbyte.sdk.abi;

import io.rapidbyte.sdk.CheckpointKind;
import io.rapidbyte.sdk.Connector;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.ValidationResult;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonException;
import io.rapidbyte.sdk.json.JsonObject;

/**
 * The bodies shared by the three roles' exports: copy parameters out of the arena, call the
 * connector, lower its result or error into a return area. Every Throwable is caught here, so no
 * Java exception ever unwinds into the host; it becomes a {@code connector-error}. Stateless.
 */
final class ExportCalls {
    private static final MemoryAccess MEMORY = LinearMemory.INSTANCE;

    private ExportCalls() {
    }

    /** Copies a string parameter the host placed via {@code cabi_realloc}, then frees the arena. */
    static String takeString(int ptr, int len) {
        String value = GuestStrings.load(MEMORY, ptr, len);
        Arena.reset();
        return value;
    }

    static int open(Connector connector, String role, int ptr, int len) {
        try {
            String config = takeString(ptr, len);
            JsonObject parsed;
            try {
                parsed = Json.parseObject(config);
            } catch (JsonException e) {
                throw ConnectorError.config("INVALID_CONFIG", "config is not a JSON object: " + e.getMessage())
                        .toException();
            }
            require(connector, role).open(parsed);
            return ReturnAreaWriter.unit(MEMORY);
        } catch (Throwable t) {
            return error(t);
        }
    }

    static int validate(Connector connector, String role) {
        try {
            ValidationResult result = require(connector, role).validate();
            if (result == null) {
                result = ValidationResult.success("ok");
            }
            return ReturnAreaWriter.validation(MEMORY, result.status().ordinal(), result.message());
        } catch (Throwable t) {
            return error(t);
        }
    }

    static int close(Connector connector, String role) {
        try {
            require(connector, role).close();
            return ReturnAreaWriter.unit(MEMORY);
        } catch (Throwable t) {
            return error(t);
        }
    }

    /** A run's context from its {@code ctx-json} parameter. */
    static Context context(int ptr, int len, CheckpointKind kind) {
        return Context.parse(takeString(ptr, len), kind);
    }

    static int error(Throwable t) {
        return ReturnAreaWriter.error(MEMORY, ConnectorException.errorOf(t));
    }

    static int string(String value) {
        return ReturnAreaWriter.string(MEMORY, value);
    }

    static int summary(long a, long b, long c, long d, long e) {
        return ReturnAreaWriter.summary(MEMORY, a, b, c, d, e);
    }

    /** {@code cabi_post_*}: the host has read the return area, so the arena is free again. */
    static void postReturn() {
        Arena.reset();
    }

    static <T> T require(T connector, String role) {
        if (connector == null) {
            throw ConnectorError.internal("NOT_REGISTERED", "no " + role + " connector registered; call Rapidbyte."
                    + role + "(...) from main").toException();
        }
        return connector;
    }
}
